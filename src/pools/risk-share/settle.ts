import { entry } from '../../base/lookup.js';
import type { RiskSharePool } from '../../contract/risk-share.js';
import { allocateUnits, allocateUnitsCapped, type UnitShare } from '../../money/allocate.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import { measurementKey } from '../../measure/resolve.js';
import { applyStep, fraction, type Side, type StepContext, type StepInput } from '../../share/index.js';
import { timeWeighted, type PoolContext } from '../context.js';
import type { EarlierPools } from '../kind.js';
import type {
  PartyRiskShareStatement,
  RiskSharePart,
  RiskSharePoolResult,
  RiskShareStepResult,
} from '../../settle/types.js';

export interface RiskShareOutcome {
  readonly pool: RiskSharePoolResult;
  /** Per party taking part (members and the commissioner): its signed share in minor units, and its statement. */
  readonly parties: Map<string, { units: bigint; statement: PartyRiskShareStatement }>;
  readonly provisional: boolean;
}

/**
 * Values one risk-share pool: budget against outturn gives the variance; the declared steps, in
 * the declared order, turn its magnitude into the alliance's share; the share is split between
 * the members (largest remainder, caps passing the excess on as declared); the commissioner's
 * side is the rest of the variance, so the two sides always add up to it exactly.
 */
export function settleRiskSharePool(
  pool: RiskSharePool,
  ctx: PoolContext,
  outcomeScores: EarlierPools,
): RiskShareOutcome {
  const { trace, scale, places, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const plain = (value: Decimal) => value.toPlainString();
  const at = `pools[${pool.id}]`;
  const nodeId = (...parts: string[]) => ['pool', pool.id, ...parts].join(':');
  const clause = pool.clause;
  let provisional = false;

  const providers = [...ctx.parties.values()].filter((p) => p.role === 'provider').map((p) => p.id);
  const members = [...(pool.members ?? providers)].sort(compareIds);

  // 1. Budget, outturn, variance
  const measuredValue = (measure: string, party?: string) => {
    const found = ctx.measured.get(measurementKey(measure, party));
    if (!found) {
      ctx.issues.push({
        path: 'measurements',
        code: 'missing_measurement',
        message: `no measurement of '${measure}'${party ? ` for '${party}'` : ''} in period '${ctx.periodId}', needed by risk-share pool '${pool.id}'`,
      });
      return undefined;
    }
    provisional ||= found.measurement.status === 'provisional';
    return found;
  };
  const memberRows: RiskSharePoolResult['members'][number][] = [];
  let budget: Decimal;
  let outturn = Decimal.ZERO;
  const outturnInputs: StepInput[] = [];
  if (pool.budgets) {
    budget = Decimal.ZERO;
    for (const party of members) {
      const b = Decimal.of(pool.budgets[party]);
      const o = measuredValue(pool.outturn.measure, party)?.value ?? Decimal.ZERO;
      budget = budget.plus(b);
      outturn = outturn.plus(o);
      outturnInputs.push({ name: party, value: plain(o) });
      memberRows.push({
        party,
        budget: b.toFixed(scale),
        outturn: o.toFixed(scale),
        variance: b.minus(o).toFixed(scale),
      });
    }
  } else {
    budget = Decimal.of(pool.budget);
    const found = measuredValue(pool.outturn.measure);
    outturn = found?.value ?? Decimal.ZERO;
    outturnInputs.push({ name: 'measured', value: plain(outturn) });
    if (found?.measurement.source) outturnInputs.push({ name: 'source', value: found.measurement.source });
  }
  const budgetNode = trace.add({
    id: nodeId('budget'),
    label: `budget of pool ${pool.id}`,
    value: budget.toFixed(scale),
    formula: pool.budgets ? 'sum of the members’ budgets' : `declared ${pool.budgetKind ?? 'control-total'}`,
    inputs: pool.budgets
      ? members.map((party) => ({ name: party, value: pool.budgets![party]! }))
      : [{ name: 'budget', value: pool.budget! }],
    path: `${at}.${pool.budgets ? 'budgets' : 'budget'}`,
    clause,
  });
  const outturnNode = trace.add({
    id: nodeId('outturn'),
    label: `outturn of pool ${pool.id}`,
    value: outturn.toFixed(scale),
    formula: pool.budgets
      ? `sum of the members’ measured '${pool.outturn.measure}'`
      : `measured '${pool.outturn.measure}'`,
    inputs: outturnInputs,
    path: `measurements[metric=${pool.outturn.measure},period=${ctx.periodId}]`,
    clause: pool.outturn.clause ?? clause,
  });
  // a deficit carried from the previous contract year is recovered from this year's result
  const brought = ctx.broughtForward.get(pool.id);
  const variance = budget.minus(outturn).plus(Decimal.fromUnits(brought?.units ?? 0n, scale));
  const varianceUnits = variance.toUnits(scale, mode);
  const side: Side | 'none' = variance.sign() > 0 ? 'gain' : variance.sign() < 0 ? 'loss' : 'none';
  const varianceNode = trace.add({
    id: nodeId('variance'),
    label: `variance of pool ${pool.id}`,
    value: money(varianceUnits),
    formula: `budget − outturn${brought ? ` + deficit carried forward from ${brought.from}` : ''} = ${plain(budget)} − ${plain(outturn)}${brought ? ` + (${money(brought.units)})` : ''} = ${plain(variance)}: ${side === 'gain' ? 'a surplus (gain)' : side === 'loss' ? 'a deficit (loss)' : 'on budget'}`,
    inputs: [
      { name: 'budget', value: budget.toFixed(scale), node: budgetNode },
      { name: 'outturn', value: outturn.toFixed(scale), node: outturnNode },
      ...(brought
        ? [
            {
              name: `carried forward from ${brought.from} (settlement ${brought.inputsHash.slice(0, 12)})`,
              value: money(brought.units),
            },
          ]
        : []),
    ],
    path: at,
    clause,
  });

  // 2. The steps, in the declared order
  const revenue =
    pool.revenue !== undefined
      ? Decimal.of(pool.revenue)
      : members.every((p) => ctx.parties.get(p)?.contractValue !== undefined)
        ? members.reduce((s, p) => s.plus(Decimal.of(entry(ctx.parties, p).contractValue)), Decimal.ZERO)
        : undefined;
  const stepCtx: StepContext = {
    side: side === 'none' ? 'gain' : side,
    budget,
    revenue,
    scale,
    places,
    mode,
    quality: (source) => {
      if (source.pool !== undefined) {
        const found = outcomeScores.get(source.pool);
        const score = found?.score ?? Decimal.ZERO;
        return {
          score,
          input: {
            name: `weighted score of pool ${source.pool}`,
            value: plain(score),
            ...(found ? { node: found.node } : {}),
          },
        };
      }
      const found = measuredValue(source.measure!);
      const raw = found?.value ?? Decimal.ZERO;
      const score = Decimal.clamp(raw, Decimal.ZERO, Decimal.ONE);
      return {
        score,
        input: {
          name: `quality score ${source.measure}`,
          value: `${plain(raw)}${score.eq(raw) ? '' : ` (held to ${plain(score)})`}`,
        },
      };
    },
    measured: (measure) => {
      const found = ctx.measured.get(measurementKey(measure));
      if (!found) return undefined;
      provisional ||= found.measurement.status === 'provisional';
      return { value: found.value };
    },
  };
  const stepsById = new Map(pool.steps.map((s) => [s.id, s]));
  let amount = variance.abs();
  let lossRate: Decimal | undefined;
  let previous = varianceNode;
  const steps: RiskShareStepResult[] = [];
  for (const stepId of pool.order) {
    const step = entry(stepsById, stepId);
    if (
      step.type === 'gateway' &&
      !ctx.measured.has(measurementKey(step.measure)) &&
      (step.missing ?? 'error') === 'error'
    ) {
      ctx.issues.push({
        path: 'measurements',
        code: 'missing_measurement',
        message: `no measurement of '${step.measure}' in period '${ctx.periodId}', needed by gateway step '${step.id}' of pool '${pool.id}' (its missing-data policy is "error")`,
      });
    }
    const outcome =
      side === 'none'
        ? { applied: false, amount, formula: 'not applied: no variance to share', inputs: [] as StepInput[] }
        : applyStep(step, amount, stepCtx, lossRate);
    if ('lossRate' in outcome && outcome.lossRate !== undefined) lossRate = outcome.lossRate;
    amount = outcome.amount;
    const node = trace.add({
      id: nodeId('step', step.id),
      label: `step ${step.id} (${step.type}) of pool ${pool.id}`,
      value: plain(amount),
      formula: outcome.formula,
      // "amount before" is the previous step's figure (or the variance's magnitude): link it to that node
      inputs: outcome.inputs.map((input) => (input.name === 'amount before' ? { ...input, node: previous } : input)),
      path: `${at}.steps[${step.id}]`,
      clause: step.clause ?? clause,
    });
    previous = node;
    steps.push({
      id: step.id,
      type: step.type,
      applied: outcome.applied,
      amount: plain(amount),
      trace: { amount: node },
    });
  }
  const magnitude = amount.toUnits(scale, mode);
  const shareUnits = side === 'loss' ? -magnitude : magnitude;
  const allianceNode = trace.add({
    id: nodeId('allianceShare'),
    label: `the alliance's share in pool ${pool.id}`,
    value: money(shareUnits),
    formula: `${plain(amount)} after the steps (${pool.order.join(' → ')}), rounded ${mode} to the minor unit, ${side === 'loss' ? 'borne by the members (negative)' : 'paid to the members'}`,
    inputs: [{ name: 'amount after the steps', value: plain(amount), node: previous }],
    path: `${at}.order`,
    clause,
  });

  // 3. Split between the members
  const distribution = pool.distribution;
  const weights = members.map((party) => {
    let weight: Decimal;
    switch (distribution.basis) {
      case 'fixed':
        weight = timeWeighted(ctx, party, Decimal.of(distribution.shares![party]));
        break;
      case 'equal':
        weight = timeWeighted(ctx, party, Decimal.ONE);
        break;
      case 'contract-value':
        weight = Decimal.of(entry(ctx.parties, party).contractValue);
        break;
      case 'budget':
        weight = Decimal.of(pool.budgets![party]);
        break;
      case 'contribution':
        weight = Decimal.fromUnits(outcomeScores.get(distribution.pool!)?.contributed.get(party) ?? 0n, scale);
        break;
      case 'measure': {
        const value = measuredValue(distribution.measure!, party)?.value ?? Decimal.ZERO;
        weight = value.sign() < 0 ? Decimal.ZERO : value;
        break;
      }
    }
    return { id: party, weight };
  });
  const anyWeight = weights.some((w) => w.weight.sign() > 0);
  if (!anyWeight && shareUnits !== 0n) {
    ctx.issues.push({
      path: 'measurements',
      code: 'zero_weights',
      message: `the members of risk-share pool '${pool.id}' all have weight 0 under basis "${distribution.basis}", so its share cannot be split`,
    });
  }
  const caps = new Map<string, bigint>();
  for (const party of members) {
    const declared = distribution.caps;
    const list = (declared && Object.hasOwn(declared, party) ? declared[party] : undefined)?.filter(
      (cap) => side !== 'none' && ((cap.applies ?? 'both') === 'both' || cap.applies === side),
    );
    if (!list || list.length === 0) continue;
    const values = list.map((cap) =>
      cap.amount !== undefined
        ? Decimal.of(cap.amount).toUnits(scale, 'down')
        : Decimal.of(entry(ctx.parties, party).contractValue)
            .times(fraction(cap.percentOfContractValue!))
            .toUnits(scale, 'down'),
    );
    caps.set(
      party,
      values.reduce((a, b) => (b < a ? b : a)),
    );
  }
  const overflowRule = distribution.overflow ?? 'others';
  let shares: UnitShare[];
  let overflow = 0n;
  if (!anyWeight || magnitude === 0n) {
    shares = weights.map((w) => ({ ...w, exactShare: Decimal.ZERO, floor: 0n, unitsAdded: 0 as const, units: 0n }));
    if (!anyWeight) overflow = magnitude;
  } else if (overflowRule === 'others' && caps.size > 0) {
    const room = members.reduce((s, p) => s + (caps.get(p) ?? magnitude), 0n);
    overflow = magnitude > room ? magnitude - room : 0n;
    shares = allocateUnitsCapped(
      magnitude - overflow,
      weights.map((w) => ({ ...w, cap: caps.get(w.id) ?? magnitude })),
      scale,
    );
  } else {
    shares = allocateUnits(magnitude, weights, scale).map((s) => {
      const cap = caps.get(s.id);
      if (cap === undefined || s.units <= cap) return s;
      overflow += s.units - cap;
      return { ...s, units: cap };
    });
  }
  const sign = side === 'loss' ? -1n : 1n;
  const exactOf = (party: string) => {
    const w = weights.find((x) => x.id === party)!.weight;
    const total = weights.reduce((s, x) => s.plus(x.weight), Decimal.ZERO);
    return total.isZero() ? Decimal.ZERO : Decimal.fromUnits(magnitude, scale).times(w).dividedBy(total, places);
  };
  const parts: RiskSharePart[] = shares
    .slice()
    .sort((a, b) => compareIds(a.id, b.id))
    .map((s) => {
      const exact = exactOf(s.id);
      const cap = caps.get(s.id);
      const capped = cap !== undefined && exact.gt(Decimal.fromUnits(cap, scale));
      return {
        party: s.id,
        weight: s.weight.toPlainString(),
        exactShare: exact.times(Decimal.fromInteger(sign)).toFixed(places),
        floor: money(sign * s.floor),
        unitsAdded: s.unitsAdded,
        amount: money(sign * s.units),
        capped,
      };
    });
  const memberTotal = shares.reduce((s, x) => s + x.units, 0n) * sign;
  const commissionerUnits = varianceUnits - memberTotal;
  // With deficit "carry-forward", the members' share of a loss is shown but charged next year.
  const carry = side === 'loss' && pool.deficit === 'carry-forward';
  const carriedUnits = carry ? memberTotal : 0n;
  const chargedTotal = memberTotal - carriedUnits;
  const overflowUnits = sign * overflow;

  // 4. Trace and statements
  const parties = new Map<string, { units: bigint; statement: PartyRiskShareStatement }>();
  const totalWeight = weights.reduce((s, w) => s.plus(w.weight), Decimal.ZERO);
  for (const part of parts) {
    const share = shares.find((s) => s.id === part.party)!;
    const node = trace.add({
      id: `party:${part.party}:${pool.id}:shared`,
      label: `${part.party}: share of the ${side === 'loss' ? 'loss' : 'gain'} (pool ${pool.id})`,
      value: carry ? money(0n) : part.amount,
      formula: `${distribution.basis} basis: weight ${part.weight} of ${plain(totalWeight)}; exact ${part.exactShare}, floor ${part.floor}, ${part.unitsAdded} unit added by largest remainder${part.capped ? `; held to its cap of ${money(entry(caps, part.party))}` : ''}${carry ? `; its share ${part.amount} is carried forward to the next contract year, not charged in this one` : ''}`,
      inputs: [
        { name: 'alliance share', value: money(shareUnits), node: allianceNode },
        { name: 'weight', value: part.weight },
        ...(caps.has(part.party) ? [{ name: 'cap', value: money(entry(caps, part.party)) }] : []),
      ],
      path: `${at}.distribution`,
      clause: distribution.clause ?? clause,
    });
    parties.set(part.party, {
      units: carry ? 0n : sign * share.units,
      statement: { pool: pool.id, shared: carry ? money(0n) : part.amount, trace: { shared: node } },
    });
  }
  const commissionerNode = trace.add({
    id: nodeId('commissionerShare'),
    label: `commissioner ${pool.commissioner}'s side of pool ${pool.id}`,
    value: money(commissionerUnits),
    formula: `variance − the members' parts = ${money(varianceUnits)} − (${money(memberTotal)})${overflow !== 0n ? `, including ${money(overflowUnits)} the capped members could not take` : ''}`,
    inputs: [
      { name: 'variance', value: money(varianceUnits), node: varianceNode },
      ...parts.map((p) => ({ name: p.party, value: p.amount, node: entry(parties, p.party).statement.trace.shared })),
    ],
    path: `${at}.commissioner`,
    clause,
  });
  parties.set(pool.commissioner, {
    units: commissionerUnits,
    statement: { pool: pool.id, shared: money(commissionerUnits), trace: { shared: commissionerNode } },
  });
  const shared = chargedTotal + commissionerUnits + carriedUnits;
  const conservationNode = trace.add({
    id: nodeId('conservation'),
    label: `conservation of pool ${pool.id}`,
    value: money(varianceUnits - shared),
    formula: `variance − (members’ parts + commissioner’s side${carry ? ' + carried forward' : ''}); must be zero`,
    inputs: [
      { name: 'variance', value: money(varianceUnits), node: varianceNode },
      { name: 'members’ parts charged', value: money(chargedTotal) },
      { name: 'commissioner’s side', value: money(commissionerUnits), node: commissionerNode },
      ...(carry ? [{ name: 'carried forward', value: money(carriedUnits) }] : []),
    ],
    path: at,
    clause,
  });

  return {
    pool: {
      id: pool.id,
      name: pool.name,
      kind: 'risk-share',
      budgetKind: pool.budgetKind ?? 'control-total',
      budget: budget.toFixed(scale),
      outturn: outturn.toFixed(scale),
      variance: money(varianceUnits),
      side,
      members: memberRows,
      steps,
      allianceShare: money(shareUnits),
      parts,
      overflowToCommissioner: money(overflowUnits),
      commissionerShare: money(commissionerUnits),
      commissioner: pool.commissioner,
      broughtForward: money(brought?.units ?? 0n),
      carriedForward: money(carriedUnits),
      conservation: {
        variance: money(varianceUnits),
        shared: money(shared),
        difference: money(varianceUnits - shared),
      },
      trace: {
        variance: varianceNode,
        allianceShare: allianceNode,
        commissionerShare: commissionerNode,
        conservation: conservationNode,
      },
    },
    parties,
    provisional,
  };
}

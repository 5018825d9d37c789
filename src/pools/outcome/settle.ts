import { entry } from '../../base/lookup.js';
import type { Contract, Destination, Metric, OutcomePool, Party } from '../../contract/schema.js';
import { allocateUnits, allocateUnitsCapped } from '../../money/allocate.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds, sortById } from '../../money/order.js';
import type { RoundingMode } from '../../money/rounding.js';
import { measurementKey, type ResolvedMeasurement } from '../../measure/resolve.js';
import { exclusionsText } from '../../measure/schema.js';
import { scoreWith } from '../../score/index.js';
import type { TraceInput, TraceNode } from '../../base/trace.js';
import { timeWeighted, type PoolContext } from '../context.js';
import type {
  GatewayResult,
  MetricResult,
  PartyAmount,
  PartyPoolStatement,
  PoolAllocationPart,
  PoolResult,
} from '../../settle/types.js';

export interface PoolOutcome {
  readonly pool: PoolResult;
  readonly metrics: MetricResult[];
  readonly gateways: GatewayResult[];
  /** Per party that takes part in the pool in any way. */
  readonly parties: Map<string, PartyPoolStatement>;
  /** The same parties' figures in minor units, for the settlement's totals. */
  readonly figures: ReadonlyMap<string, Readonly<PartyFigures>>;
  /** Whether any measurement used was provisional. */
  readonly provisional: boolean;
}

interface PartyFigures {
  contributed: bigint;
  earnedByScore: bigint;
  earned: bigint;
  forfeited: bigint;
  redistributed: bigint;
  returned: bigint;
}

const sum = (values: Iterable<bigint>) => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};

type NodeText = Omit<TraceNode, 'value'>;

/** What a metric's settlement needs that does not depend on the measurements. */
interface MetricPlan {
  readonly metric: Metric;
  readonly declared: Decimal;
  readonly fractions: readonly { readonly party: string; readonly fraction: Decimal }[];
  readonly ids: Readonly<
    Record<'measured' | 'score' | 'weight' | 'weightedScore' | 'atRisk' | 'earnedByScore', string>
  >;
  readonly path: string;
}

/**
 * Everything about a pool that the contract alone decides: contributions and funding with their
 * trace text, who can earn and in what fractions, metrics in id order with their node ids. A
 * validated contract is frozen, so this is worked out once per pool and reused by every
 * settlement of it (what-if sweeps settle one contract many times).
 */
interface PoolPlan {
  readonly contributions: readonly {
    readonly party: string;
    readonly units: bigint;
    readonly node: NodeText & { value: string };
  }[];
  readonly funding: bigint;
  readonly fundingNode: NodeText & { value: string };
  readonly eligible: readonly string[];
  readonly basis: string;
  readonly equalWeights: boolean;
  readonly metrics: readonly MetricPlan[];
  readonly gateways: readonly NonNullable<OutcomePool['gateways']>[number][];
  /** Per eligible provider: its share of each metric it is accountable for, as trace inputs. */
  readonly shares: ReadonlyMap<string, readonly { name: string; value: string; node: string }[]>;
}

const plans = new WeakMap<OutcomePool, PoolPlan>();

function planFor(pool: OutcomePool, ctx: PoolContext): PoolPlan {
  const cached = plans.get(pool);
  if (cached) return cached;
  const plan = makePlan(pool, ctx);
  if (Object.isFrozen(pool)) plans.set(pool, plan);
  return plan;
}

function makePlan(pool: OutcomePool, ctx: PoolContext): PoolPlan {
  const { scale, places, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const at = `pools[${pool.id}]`;
  const contributions = [...pool.contributions]
    .sort((a, b) => compareIds(a.party, b.party))
    .map((c) => {
      let units: bigint;
      let formula: string;
      let inputs: { name: string; value: string }[];
      if (c.amount !== undefined && c.percentOfContractValue !== undefined) {
        // a percentage contribution for part of a year, already cut from the year's (resolve.ts)
        units = Decimal.of(c.amount).toUnits(scale, mode);
        formula = `${c.percentOfContractValue} % of the year's contract value, cut to what is settled (see resolve:${at}.contributions[party=${c.party}].amount)`;
        inputs = [
          { name: 'amount for what is settled', value: c.amount },
          { name: 'percentage at risk', value: c.percentOfContractValue },
        ];
      } else if (c.amount !== undefined) {
        units = Decimal.of(c.amount).toUnits(scale, mode);
        formula = 'fixed contribution';
        inputs = [{ name: 'amount', value: c.amount }];
      } else {
        const value = Decimal.of(entry(ctx.parties, c.party).contractValue);
        const exact = value.times(Decimal.of(c.percentOfContractValue)).dividedBy(Decimal.HUNDRED, places);
        units = exact.toUnits(scale, mode);
        formula = `contract value ${value} × ${c.percentOfContractValue} % = ${exact.toPlainString()}, rounded ${mode} to the minor unit`;
        inputs = [
          { name: 'contract value', value: value.toString() },
          { name: 'percentage at risk', value: c.percentOfContractValue! },
        ];
      }
      const clause = c.clause ?? pool.clause;
      return {
        party: c.party,
        units,
        node: {
          id: `pool:${pool.id}:contribution:${c.party}`,
          label: `${c.party}'s contribution to pool ${pool.id}`,
          value: money(units),
          formula,
          inputs,
          path: `${at}.contributions[party=${c.party}]`,
          ...(clause === undefined ? {} : { clause }),
        },
      };
    });
  const funding = contributions.reduce((s, c) => s + c.units, 0n);
  const fundingNode = {
    id: `pool:${pool.id}:funding`,
    label: `funding of pool ${pool.id}`,
    value: money(funding),
    formula: 'sum of contributions',
    inputs: contributions.map((c) => ({ name: c.party, value: c.node.value, node: c.node.id })),
    path: `${at}.contributions`,
    ...(pool.clause === undefined ? {} : { clause: pool.clause }),
  };

  const providers = [...ctx.parties.values()].filter((p) => p.role === 'provider').map((p) => p.id);
  const eligible = [...(pool.eligible ?? providers)].sort(compareIds);
  const declaredBasis = pool.distribution?.basis ?? 'contract-value';
  const basis =
    ctx.timeWeights !== null && (declaredBasis === 'equal' || declaredBasis === 'fixed')
      ? `${declaredBasis} × time in force`
      : declaredBasis;
  const contributed = new Map(contributions.map((c) => [c.party, c.units]));
  const splitWeights = new Map(
    eligible.map((party) => {
      if (declaredBasis === 'equal') return [party, timeWeighted(ctx, party, Decimal.ONE)];
      if (declaredBasis === 'fixed')
        return [party, timeWeighted(ctx, party, Decimal.of(pool.distribution!.shares![party]))];
      if (declaredBasis === 'contribution') return [party, Decimal.fromUnits(contributed.get(party) ?? 0n, scale)];
      return [party, Decimal.of(entry(ctx.parties, party).contractValue)];
    }),
  );
  // Each accountable provider's fraction of a metric's money; metrics often share one set of providers.
  const fractionCache = new Map<string, { party: string; fraction: Decimal }[]>();
  const fractionsFor = (parties: readonly string[]) => {
    const accountable = [...parties].sort(compareIds);
    const key = accountable.join('\u0000');
    let fractions = fractionCache.get(key);
    if (!fractions) {
      const splitTotal = accountable.reduce((s, p) => s.plus(entry(splitWeights, p)), Decimal.ZERO);
      fractions = accountable.map((party) => ({
        party,
        fraction: splitTotal.isZero() ? Decimal.ZERO : entry(splitWeights, party).dividedBy(splitTotal, places),
      }));
      fractionCache.set(key, fractions);
    }
    return fractions;
  };
  const equalWeights = pool.metrics.every((m) => m.weight === undefined);
  const metrics = sortById(pool.metrics).map((metric) => ({
    metric,
    declared: equalWeights ? Decimal.ONE : Decimal.of(metric.weight),
    fractions: fractionsFor(metric.accountable ?? eligible),
    ids: {
      measured: `metric:${metric.id}:measured`,
      score: `metric:${metric.id}:score`,
      weight: `metric:${metric.id}:weight`,
      weightedScore: `metric:${metric.id}:weightedScore`,
      atRisk: `metric:${metric.id}:atRisk`,
      earnedByScore: `metric:${metric.id}:earnedByScore`,
    },
    path: `${at}.metrics[${metric.id}]`,
  }));
  const shares = new Map<string, { name: string; value: string; node: string }[]>();
  for (const m of metrics) {
    for (const f of m.fractions) {
      let list = shares.get(f.party);
      if (!list) shares.set(f.party, (list = []));
      list.push({ name: `${m.metric.id} share`, value: f.fraction.toPlainString(), node: m.ids.weightedScore });
    }
  }
  return {
    contributions,
    funding,
    fundingNode,
    eligible,
    basis,
    equalWeights,
    metrics,
    gateways: sortById(pool.gateways ?? []),
    shares,
  };
}

const copyNode = (node: NodeText & { value: string }) => ({
  ...node,
  inputs: node.inputs.map((i: TraceInput) => ({ ...i })),
});

/**
 * Values one outcome pool: funding from contributions; each metric scored; the money the
 * scores earn split between the accountable providers; gateways applied; unearned and
 * forfeited money sent where the contract says. Money is rounded at the declared point only.
 */
export function settleOutcomePool(pool: OutcomePool, ctx: PoolContext): PoolOutcome {
  const { trace, scale, places, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const at = `pools[${pool.id}]`;
  const nodeId = (...parts: string[]) => ['pool', pool.id, ...parts].join(':');
  const figures = new Map<string, PartyFigures>();
  const partyFigures = (id: string) => {
    let f = figures.get(id);
    if (!f)
      figures.set(
        id,
        (f = { contributed: 0n, earnedByScore: 0n, earned: 0n, forfeited: 0n, redistributed: 0n, returned: 0n }),
      );
    return f;
  };
  let provisional = false;

  // 1. Funding, and 2. who can earn: decided by the contract alone (see PoolPlan)
  const plan = planFor(pool, ctx);
  const contributionUnits = new Map<string, bigint>();
  for (const c of plan.contributions) {
    contributionUnits.set(c.party, c.units);
    partyFigures(c.party).contributed = c.units;
    trace.add(copyNode(c.node));
  }
  const contributions = plan.contributions;
  // Money carried forward into this pool from the previous contract year, when declared.
  const brought = ctx.broughtForward.get(pool.id);
  const broughtIn = brought?.units ?? 0n;
  const funding = plan.funding + broughtIn;
  trace.add(
    brought === undefined
      ? copyNode(plan.fundingNode)
      : {
          ...copyNode(plan.fundingNode),
          value: money(funding),
          formula: `sum of contributions + carried forward from ${brought.from}`,
          inputs: [
            ...copyNode(plan.fundingNode).inputs,
            {
              name: `carried forward from ${brought.from} (settlement ${brought.inputsHash.slice(0, 12)})`,
              value: money(broughtIn),
            },
          ],
        },
  );
  const eligible = plan.eligible;
  const basis = plan.basis;
  for (const party of eligible) partyFigures(party);

  // 3. Gateways
  const gateways: GatewayResult[] = [];
  let poolGatePassed = true;
  const failedParties = new Set<string>();
  for (const gateway of plan.gateways) {
    const targets = gateway.scope === 'pool' ? [null] : eligible;
    for (const party of targets) {
      const found = ctx.measured.get(measurementKey(gateway.measure, party ?? undefined));
      const threshold = Decimal.of(gateway.threshold);
      let met = false;
      let formula: string;
      if (!found) {
        if ((gateway.missing ?? 'error') === 'error') {
          ctx.issues.push({
            path: 'measurements',
            code: 'missing_measurement',
            message: `no measurement of '${gateway.measure}'${party ? ` for '${party}'` : ''} in period '${ctx.periodId}', needed by gateway '${gateway.id}' of pool '${pool.id}' (its missing-data policy is "error")`,
          });
        }
        formula = 'no measurement: the gateway fails (missing-data policy "fail")';
      } else {
        provisional ||= found.measurement.status === 'provisional';
        met = gateway.direction === 'higher-is-better' ? found.value.gte(threshold) : found.value.lte(threshold);
        formula = `${found.value.toPlainString()} ${gateway.direction === 'higher-is-better' ? '≥' : '≤'} ${gateway.threshold}`;
      }
      if (!met) {
        if (party === null) poolGatePassed = false;
        else failedParties.add(party);
      }
      const id = party === null ? nodeId('gateway', gateway.id) : nodeId('gateway', gateway.id, party);
      trace.add({
        id,
        label: `gateway ${gateway.id} (${gateway.name})${party ? ` for ${party}` : ''}`,
        value: met ? 'met' : 'not met',
        formula,
        inputs: found
          ? [
              { name: 'measured', value: found.value.toPlainString() },
              { name: 'threshold', value: gateway.threshold },
            ]
          : [{ name: 'threshold', value: gateway.threshold }],
        path: `${at}.gateways[${gateway.id}]`,
        clause: gateway.clause ?? pool.clause,
      });
      gateways.push({
        pool: pool.id,
        id: gateway.id,
        party,
        measured: found ? found.value.toPlainString() : null,
        threshold: gateway.threshold,
        met,
        trace: { met: id },
      });
    }
  }

  // 4. Scores and weights
  const equalWeights = plan.equalWeights;
  const measuredOver = ctx.contract.periods.find((p) => p.id === ctx.periodId)?.measuredOver;
  const metricRows = plan.metrics.map((mp) => {
    const { metric, ids } = mp;
    const found = ctx.measured.get(measurementKey(metric.id));
    const mpath = mp.path;
    let score = Decimal.ZERO;
    let treatment: MetricResult['treatment'] = 'scored';
    let scoreFormula: string;
    let scoreInputs: { name: string; value: string; node?: string }[] = [];
    let measuredNode: string | undefined;
    if (found) {
      provisional ||= found.measurement.status === 'provisional';
      measuredNode = ids.measured;
      trace.add({
        id: measuredNode,
        label: `measured ${metric.name}`,
        value: found.value.toPlainString(),
        formula:
          found.formula ??
          `as measured (${found.measurement.status}${found.measurement.revision === undefined ? '' : `, revision ${found.measurement.revision}`})`,
        inputs: [
          ...(found.formula
            ? [
                { name: 'numerator', value: found.measurement.numerator! },
                { name: 'denominator', value: found.measurement.denominator! },
                { name: 'exclusions', value: exclusionsText(found.measurement) },
                { name: 'per', value: metric.per! },
              ]
            : [{ name: 'value', value: found.measurement.value! }]),
          { name: 'status', value: found.measurement.status },
          ...(found.measurement.revision === undefined
            ? []
            : [{ name: 'revision', value: String(found.measurement.revision) }]),
          ...(found.measurement.source ? [{ name: 'source', value: found.measurement.source }] : []),
          ...(measuredOver === undefined
            ? []
            : [{ name: 'measured over', value: `${measuredOver.start} to ${measuredOver.end}` }]),
        ],
        path: `measurements[metric=${metric.id},period=${ctx.periodId}]`,
        clause: metric.clause,
      });
      const working = scoreWith(metric.scoring, found.value, metric, places);
      score = working.score;
      scoreFormula = working.formula;
      scoreInputs = [
        { name: 'measured', value: found.value.toPlainString(), node: measuredNode },
        ...Object.entries(working.inputs).map(([name, value]) => ({ name, value })),
      ];
    } else {
      const policy = metric.missing ?? 'error';
      if (policy === 'error') {
        ctx.issues.push({
          path: 'measurements',
          code: 'missing_measurement',
          message: `no measurement of metric '${metric.id}' in period '${ctx.periodId}' (its missing-data policy is "error"; "score-zero" or "exclude-and-reweight" can be declared)`,
        });
      }
      treatment = policy === 'exclude-and-reweight' ? 'excluded' : 'score-zero';
      scoreFormula =
        treatment === 'excluded'
          ? 'no measurement: excluded, its weight shared by the pool’s other metrics (policy "exclude-and-reweight")'
          : 'no measurement: scores 0 (policy "score-zero")';
    }
    const scoreNode = trace.add({
      id: ids.score,
      label: `score of ${metric.name}`,
      value: score.toPlainString(),
      formula: `${metric.scoring.type}: ${scoreFormula}`,
      inputs: scoreInputs,
      path: `${mpath}.scoring`,
      clause: metric.clause,
    });
    return {
      metric,
      found,
      score,
      treatment,
      scoreNode,
      measuredNode,
      declared: mp.declared,
      plan: mp,
    };
  });
  const included = metricRows.filter((r) => r.treatment !== 'excluded');
  if (included.length === 0) {
    ctx.issues.push({
      path: 'measurements',
      code: 'nothing_to_score',
      message: `every metric of pool '${pool.id}' is missing in period '${ctx.periodId}' and excluded, so nothing is left to score`,
    });
  }
  const weightTotal = included.reduce((s, r) => s.plus(r.declared), Decimal.ZERO);
  const atRiskShares =
    funding > 0n && weightTotal.sign() > 0 && included.some((r) => r.declared.sign() > 0)
      ? new Map(
          allocateUnits(
            funding,
            included.map((r) => ({ id: r.metric.id, weight: r.declared })),
            scale,
          ).map((s) => [s.id, s]),
        )
      : new Map<string, { units: bigint }>();

  let poolScore = Decimal.ZERO;
  const metricStates = metricRows.map((row) => {
    const { metric } = row;
    const weight =
      row.treatment === 'excluded' || weightTotal.isZero()
        ? Decimal.ZERO
        : // rounded down, so the weights add up to at most 1 and the pool score stays in [0, 1]
          // (six equal weights of 1/6 rounded half-even at 18 places add up to 1.000000000000000002)
          row.declared.dividedBy(weightTotal, places, 'floor');
    const weightedScore = weight.times(row.score);
    poolScore = poolScore.plus(weightedScore);
    const weightNode = trace.add({
      id: row.plan.ids.weight,
      label: `weight of ${metric.name} in pool ${pool.id}`,
      value: weight.toPlainString(),
      formula:
        row.treatment === 'excluded'
          ? 'excluded: weight 0'
          : `${equalWeights ? 'equal weights: 1' : `${metric.weight} %`} / ${equalWeights ? included.length : `${weightTotal.toPlainString()} %`} (${weightTotal.eq(Decimal.HUNDRED) || equalWeights ? 'declared weights' : 'reweighted over the metrics measured'}), rounded down to ${places} places`,
      inputs:
        row.treatment === 'excluded'
          ? []
          : [
              { name: 'declared weight', value: equalWeights ? '1' : metric.weight! },
              { name: 'weights of the metrics measured', value: weightTotal.toPlainString() },
            ],
      path: `${at}.metrics[${metric.id}].weight`,
      clause: metric.clause,
    });
    const weightedNode = trace.add({
      id: row.plan.ids.weightedScore,
      label: `weighted score of ${metric.name}`,
      value: weightedScore.toPlainString(),
      formula: 'weight × score',
      inputs: [
        { name: 'weight', value: weight.toPlainString(), node: weightNode },
        { name: 'score', value: row.score.toPlainString(), node: row.scoreNode },
      ],
      path: row.plan.path,
      clause: metric.clause,
    });
    const atRisk = atRiskShares.get(metric.id)?.units ?? 0n;
    const atRiskNode = trace.add({
      id: row.plan.ids.atRisk,
      label: `part of pool ${pool.id} at risk on ${metric.name}`,
      value: money(atRisk),
      formula: 'pool funding split over the metrics by weight (largest remainder)',
      inputs: [
        { name: 'funding', value: money(funding), node: nodeId('funding') },
        { name: 'weight', value: weight.toPlainString(), node: weightNode },
      ],
      path: `${at}.metrics[${metric.id}].weight`,
      clause: metric.clause,
    });
    const fractions = row.plan.fractions;
    return {
      metric,
      found: row.found,
      score: row.score,
      treatment: row.treatment,
      scoreNode: row.scoreNode,
      measuredNode: row.measuredNode,
      plan: row.plan,
      weight,
      weightedScore,
      weightNode,
      weightedNode,
      atRisk,
      atRiskNode,
      fractions,
      exact: Decimal.fromUnits(funding, scale).times(weightedScore),
    };
  });
  const poolScoreNode = trace.add({
    id: nodeId('score'),
    label: `weighted score of pool ${pool.id}`,
    value: poolScore.toPlainString(),
    formula: 'sum of the metrics’ weighted scores',
    inputs: metricStates.map((m) => ({
      name: m.metric.id,
      value: m.weightedScore.toPlainString(),
      node: m.weightedNode,
    })),
    path: `${at}.metrics`,
    clause: pool.clause,
  });

  // 5. Earned by score, per metric and per provider, rounded at the declared point
  const potential = new Map<string, bigint>(eligible.map((p) => [p, 0n]));
  const metricEarned = new Map<string, bigint>();
  const partyExact = new Map<string, Decimal>(eligible.map((p) => [p, Decimal.ZERO]));
  const floors = new Map<string, { exact: Decimal; floor: bigint; added: number }>(
    eligible.map((p) => [p, { exact: Decimal.ZERO, floor: 0n, added: 0 }]),
  );
  const record = (shares: { id: string; exactShare: Decimal; floor: bigint; unitsAdded: 0 | 1; units: bigint }[]) => {
    for (const s of shares) {
      potential.set(s.id, entry(potential, s.id) + s.units);
      const f = entry(floors, s.id);
      f.exact = f.exact.plus(s.exactShare);
      f.floor += s.floor;
      f.added += s.unitsAdded;
    }
  };
  let earnedByScore: bigint;
  let earnedFormula: string;
  if (ctx.point === 'metric') {
    // Each metric's payment is rounded on its own; the providers' parts of all of them are then
    // split in one largest-remainder allocation, so spare pennies do not pile up on one provider.
    const byMetric = new Map<string, Decimal>(eligible.map((p) => [p, Decimal.ZERO]));
    for (const m of metricStates) {
      // A metric nobody can be paid for (every accountable share zero) earns nothing: its money stays unearned.
      const payable = m.fractions.some((f) => f.fraction.sign() > 0);
      const units = payable
        ? min(m.score.times(Decimal.fromUnits(m.atRisk, scale)).toUnits(scale, mode), m.atRisk)
        : 0n;
      metricEarned.set(m.metric.id, units);
      if (units === 0n) continue;
      const paid = Decimal.fromUnits(units, scale);
      for (const f of m.fractions) byMetric.set(f.party, entry(byMetric, f.party).plus(paid.times(f.fraction)));
    }
    earnedByScore = sum(metricEarned.values());
    record(
      positive(
        earnedByScore,
        [...byMetric].map(([id, weight]) => ({ id, weight })),
        scale,
      ),
    );
    earnedFormula = `sum over metrics of (part at risk × score, rounded ${mode} to the minor unit); that sum split between providers in proportion to their exact parts of each metric's rounded amount (${basis} within each metric, largest remainder)`;
  } else {
    // A metric's weight in the split below is what its providers earn from it exactly: nothing when
    // no accountable provider is in force, so the pool's amount is never shown as earned on it.
    const payableExact = new Map<string, Decimal>();
    for (const m of metricStates) {
      let payable = Decimal.ZERO;
      for (const f of m.fractions) {
        const part = m.exact.times(f.fraction);
        partyExact.set(f.party, entry(partyExact, f.party).plus(part));
        payable = payable.plus(part);
      }
      payableExact.set(m.metric.id, payable);
    }
    const exactTotal = [...partyExact.values()].reduce((s, v) => s.plus(v), Decimal.ZERO);
    earnedByScore = min(exactTotal.toUnits(scale, mode), funding);
    record(
      positive(
        earnedByScore,
        [...partyExact].map(([id, weight]) => ({ id, weight })),
        scale,
      ),
    );
    // The metrics' parts of the pool's one rounded amount: by exact amount, none above its part at risk.
    for (const s of allocateUnitsCapped(
      earnedByScore,
      metricStates.map((m) => ({ id: m.metric.id, weight: entry(payableExact, m.metric.id), cap: m.atRisk })),
      scale,
    ))
      metricEarned.set(s.id, s.units);
    earnedFormula = `funding × pool weighted score = ${exactTotal.toPlainString()}, rounded ${mode} to the minor unit once for the pool; split between providers in proportion to their exact amounts (${basis} within each metric, largest remainder)`;
  }
  const earnedNode = trace.add({
    id: nodeId('earnedByScore'),
    label: `earned by score in pool ${pool.id}`,
    value: money(earnedByScore),
    formula: earnedFormula,
    inputs: [
      { name: 'funding', value: money(funding), node: nodeId('funding') },
      { name: 'pool weighted score', value: poolScore.toPlainString(), node: poolScoreNode },
    ],
    path: `${at}`,
    clause: pool.clause,
  });
  const allocation: PoolAllocationPart[] = eligible.map((party) => ({
    id: party,
    exactShare: entry(floors, party).exact.toFixed(18),
    floor: money(entry(floors, party).floor),
    unitsAdded: entry(floors, party).added,
    amount: money(entry(potential, party)),
  }));

  const metrics: MetricResult[] = metricStates.map((m) => {
    const earnedUnits = metricEarned.get(m.metric.id) ?? 0n;
    const earnedNodeId = trace.add({
      id: m.plan.ids.earnedByScore,
      label: `earned by score on ${m.metric.name}`,
      value: money(earnedUnits),
      formula:
        ctx.point === 'metric'
          ? `part at risk × score, rounded ${mode} to the minor unit`
          : `the pool's earned amount split over its metrics in proportion to funding × weighted score (largest remainder, none above its part at risk)`,
      inputs: [
        { name: 'part at risk', value: money(m.atRisk), node: m.atRiskNode },
        { name: 'weighted score', value: m.weightedScore.toPlainString(), node: m.weightedNode },
        { name: 'pool earned by score', value: money(earnedByScore), node: earnedNode },
      ],
      path: `${at}.metrics[${m.metric.id}]`,
      clause: m.metric.clause,
    });
    return {
      pool: pool.id,
      id: m.metric.id,
      name: m.metric.name,
      unit: m.metric.unit,
      direction: m.metric.direction,
      measured: m.found ? m.found.value.toPlainString() : null,
      status: m.found ? m.found.measurement.status : 'missing',
      source: m.found?.measurement.source ?? null,
      treatment: m.treatment,
      score: m.score.toPlainString(),
      weight: m.weight.toPlainString(),
      weightedScore: m.weightedScore.toPlainString(),
      atRisk: money(m.atRisk),
      earnedByScore: money(earnedUnits),
      trace: {
        score: m.scoreNode,
        weight: m.weightNode,
        weightedScore: m.weightedNode,
        atRisk: m.atRiskNode,
        earnedByScore: earnedNodeId,
        ...(m.measuredNode ? { measured: m.measuredNode } : {}),
      },
    };
  });

  // 6. Gateways take away what failing providers (or everyone, for a pool gateway) earned
  for (const party of eligible) {
    const f = partyFigures(party);
    f.earnedByScore = entry(potential, party);
    const passed = poolGatePassed && !failedParties.has(party);
    f.earned = passed ? f.earnedByScore : 0n;
    f.forfeited = f.earnedByScore - f.earned;
  }
  const earned = sum([...figures.values()].map((f) => f.earned));
  const forfeited = sum([...figures.values()].map((f) => f.forfeited));
  const unearned = funding - earnedByScore;

  // 7. Unearned and forfeited money goes where the contract says
  let carried = 0n;
  const route = (amount: bigint, destination: Destination, what: 'unearned' | 'forfeited') => {
    let rule: string;
    let parts: { id: string; units: bigint }[];
    let kind: 'returned' | 'redistributed' = 'returned';
    const earners = eligible.filter((p) => entry(figures, p).earned > 0n);
    if (destination.to === 'next-year') {
      carried += amount;
      return {
        rule: "carried forward into the pool's funding for the next contract year",
        parts: [] as PartyAmount[],
        total: amount,
        what,
      };
    }
    if (destination.to === 'commissioner') {
      rule = `kept by commissioner ${destination.party!}`;
      parts = [{ id: destination.party!, units: amount }];
    } else if (destination.to === 'earning-providers' && earners.length > 0) {
      kind = 'redistributed';
      rule = 'redistributed to the providers that earned, in proportion to what they earned (largest remainder)';
      parts = positive(
        amount,
        earners.map((p) => ({ id: p, weight: Decimal.fromUnits(entry(figures, p).earned, scale) })),
        scale,
      );
    } else {
      rule =
        destination.to === 'earning-providers'
          ? 'no provider earned anything to redistribute to, so returned to the contributors in proportion to their contributions (largest remainder)'
          : 'returned to the contributors in proportion to their contributions (largest remainder)';
      parts = positive(
        amount,
        contributions.map((c) => ({
          id: c.party,
          weight: Decimal.fromUnits(entry(contributionUnits, c.party), scale),
        })),
        scale,
      );
    }
    const partAmounts: PartyAmount[] = sortParts(parts.map((p) => ({ id: p.id, amount: money(p.units) }))).map((p) => ({
      party: p.id,
      amount: p.amount,
    }));
    for (const p of parts) partyFigures(p.id)[kind] += p.units;
    return { rule, parts: partAmounts, total: sum(parts.map((p) => p.units)), what };
  };
  const unearnedTo = route(unearned, pool.unearned, 'unearned');
  const forfeitedTo = route(forfeited, pool.forfeited ?? pool.unearned, 'forfeited');

  const unearnedNode = trace.add({
    id: nodeId('unearned'),
    label: `unearned in pool ${pool.id}`,
    value: money(unearned),
    formula: `funding − earned by score; ${unearnedTo.rule}`,
    inputs: [
      { name: 'funding', value: money(funding), node: nodeId('funding') },
      { name: 'earned by score', value: money(earnedByScore), node: earnedNode },
    ],
    path: `${at}.unearned`,
    clause: pool.unearned.clause ?? pool.clause,
  });
  const failed = [...failedParties].sort(compareIds);
  const forfeitedNode = trace.add({
    id: nodeId('forfeited'),
    label: `forfeited in pool ${pool.id}`,
    value: money(forfeited),
    formula: `${poolGatePassed ? (failed.length ? `earned by score of providers failing a gateway (${failed.join(', ')})` : 'no gateway failed') : 'a pool gateway failed: everything earned by score is forfeited'}; ${forfeitedTo.rule}`,
    inputs: gateways.map((g) => ({
      name: g.party ? `${g.id} for ${g.party}` : g.id,
      value: g.met ? 'met' : 'not met',
      node: g.trace.met,
    })),
    path: `${at}.${pool.forfeited ? 'forfeited' : 'gateways'}`,
    clause: pool.forfeited?.clause ?? pool.clause,
  });
  const earnedPoolNode = trace.add({
    id: nodeId('earned'),
    label: `earned in pool ${pool.id} after gateways`,
    value: money(earned),
    formula: 'earned by score − forfeited',
    inputs: [
      { name: 'earned by score', value: money(earnedByScore), node: earnedNode },
      { name: 'forfeited', value: money(forfeited), node: forfeitedNode },
    ],
    path: at,
    clause: pool.clause,
  });
  const paidOut = earned + unearnedTo.total + forfeitedTo.total;
  const conservationNode = trace.add({
    id: nodeId('conservation'),
    label: `conservation of pool ${pool.id}`,
    value: money(funding - paidOut),
    formula: 'funding − (earned + unearned paid on + forfeited paid on); must be zero',
    inputs: [
      { name: 'funding', value: money(funding), node: nodeId('funding') },
      { name: 'earned', value: money(earned), node: earnedPoolNode },
      { name: 'unearned paid on', value: money(unearnedTo.total), node: unearnedNode },
      { name: 'forfeited paid on', value: money(forfeitedTo.total), node: forfeitedNode },
    ],
    path: at,
    clause: pool.clause,
  });

  // 8. Per-party statements for this pool
  const parties = new Map<string, PartyPoolStatement>();
  for (const [party, f] of [...figures].sort(([a], [b]) => compareIds(a, b))) {
    const node = (
      field: string,
      label: string,
      value: bigint,
      formula: string,
      inputs: { name: string; value: string; node?: string }[],
    ) =>
      trace.add({
        id: `party:${party}:${pool.id}:${field}`,
        label: `${party}: ${label} (pool ${pool.id})`,
        value: money(value),
        formula,
        inputs,
        path: at,
        clause: pool.clause,
      });
    const share = allocation.find((a) => a.id === party);
    parties.set(party, {
      pool: pool.id,
      contributed: money(f.contributed),
      earnedByScore: money(f.earnedByScore),
      earned: money(f.earned),
      forfeited: money(f.forfeited),
      redistributed: money(f.redistributed),
      returned: money(f.returned),
      trace: {
        contributed: node(
          'contributed',
          'contributed',
          f.contributed,
          contributionUnits.has(party) ? 'its contribution' : 'no contribution',
          contributionUnits.has(party)
            ? [{ name: 'contribution', value: money(f.contributed), node: nodeId('contribution', party) }]
            : [],
        ),
        earnedByScore: node(
          'earnedByScore',
          'earned by score',
          f.earnedByScore,
          share
            ? `its part of the pool's earned amount: exact ${share.exactShare}, floor ${share.floor}, ${share.unitsAdded} unit added by largest remainder`
            : 'not eligible to earn from this pool',
          [
            { name: 'pool earned by score', value: money(earnedByScore), node: earnedNode },
            ...(plan.shares.get(party) ?? []).map((input) => ({ ...input })),
          ],
        ),
        earned: node(
          'earned',
          'earned after gateways',
          f.earned,
          f.forfeited > 0n ? 'forfeited: a gateway failed' : 'earned by score (gateways met)',
          [
            { name: 'earned by score', value: money(f.earnedByScore), node: `party:${party}:${pool.id}:earnedByScore` },
            ...gateways
              .filter((g) => g.party === null || g.party === party)
              .map((g) => ({ name: g.id, value: g.met ? 'met' : 'not met', node: g.trace.met })),
          ],
        ),
        forfeited: node('forfeited', 'forfeited', f.forfeited, 'earned by score − earned after gateways', [
          { name: 'pool forfeited', value: money(forfeited), node: forfeitedNode },
        ]),
        redistributed: node(
          'redistributed',
          'redistributed to it',
          f.redistributed,
          'its part of unearned and forfeited money passed to earning providers',
          [
            { name: 'unearned', value: money(unearned), node: unearnedNode },
            { name: 'forfeited', value: money(forfeited), node: forfeitedNode },
          ],
        ),
        returned: node(
          'returned',
          'returned to it',
          f.returned,
          'its part of unearned and forfeited money returned to contributors or kept by the commissioner',
          [
            { name: 'unearned', value: money(unearned), node: unearnedNode },
            { name: 'forfeited', value: money(forfeited), node: forfeitedNode },
          ],
        ),
      },
    });
  }

  return {
    pool: {
      id: pool.id,
      name: pool.name,
      kind: 'outcome',
      funding: money(funding),
      contributions: contributions.map((c) => ({ party: c.party, amount: money(entry(contributionUnits, c.party)) })),
      score: poolScore.toPlainString(),
      earnedByScore: money(earnedByScore),
      earned: money(earned),
      forfeited: money(forfeited),
      unearned: money(unearned),
      allocation,
      broughtForward: money(broughtIn),
      carriedForward: money(carried),
      unearnedTo: { rule: unearnedTo.rule, parts: unearnedTo.parts },
      forfeitedTo: { rule: forfeitedTo.rule, parts: forfeitedTo.parts },
      conservation: { in: money(funding), out: money(paidOut), difference: money(funding - paidOut) },
      trace: {
        funding: nodeId('funding'),
        score: poolScoreNode,
        earnedByScore: earnedNode,
        earned: earnedPoolNode,
        forfeited: forfeitedNode,
        unearned: unearnedNode,
        conservation: conservationNode,
      },
    },
    metrics,
    gateways,
    parties,
    figures,
    provisional,
  };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * Allocates `units` by weights, tolerating the cases the engine meets legitimately: nothing to
 * split, or weights that are all zero (then nobody gets anything, and `units` must be zero).
 */
function positive(units: bigint, weights: { id: string; weight: Decimal }[], scale: number) {
  const anyWeight = weights.some((w) => w.weight.sign() > 0);
  if (!anyWeight || units === 0n) {
    return weights.map((w) => ({
      id: w.id,
      weight: w.weight,
      exactShare: Decimal.ZERO,
      floor: 0n,
      unitsAdded: 0 as const,
      units: 0n,
    }));
  }
  return allocateUnits(units, weights, scale);
}

function sortParts<T extends { id: string }>(parts: T[]): T[] {
  return parts.sort((a, b) => compareIds(a.id, b.id));
}

/**
 * What each eligible provider would earn from the pool if every metric scored 1 and every gateway
 * were met: the funding split by each provider's part of the metrics' weights (largest
 * remainder), with its contribution. Used for outcome money paid on account "as if fully earned".
 */
export function fullScore(
  pool: OutcomePool,
  ctx: PoolContext,
): { funding: bigint; contributed: ReadonlyMap<string, bigint>; earned: ReadonlyMap<string, bigint> } {
  const plan = planFor(pool, ctx);
  const declaredTotal = plan.metrics.reduce((s, m) => s.plus(m.declared), Decimal.ZERO);
  const exact = new Map<string, Decimal>(plan.eligible.map((p) => [p, Decimal.ZERO]));
  for (const m of plan.metrics) {
    const weight = m.declared.dividedBy(declaredTotal, ctx.places);
    for (const f of m.fractions) exact.set(f.party, entry(exact, f.party).plus(weight.times(f.fraction)));
  }
  const shares = positive(
    plan.funding,
    [...exact].map(([id, weight]) => ({ id, weight })),
    ctx.scale,
  );
  return {
    funding: plan.funding,
    contributed: new Map(plan.contributions.map((c) => [c.party, c.units])),
    earned: new Map(shares.map((s) => [s.id, s.units])),
  };
}

import { entry } from '../../base/lookup.js';
import type { PooledBudgetPool } from '../../contract/pooled-budget.js';
import { allocateUnits, allocateUnitsCapped, type UnitShare } from '../../money/allocate.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import { measurementKey } from '../../measure/resolve.js';
import { timeWeighted, type PoolContext } from '../context.js';
import type { PartyRiskShareStatement, PooledBudgetResult } from '../../settle/types.js';

export interface PooledBudgetOutcome {
  readonly pool: PooledBudgetResult;
  readonly parties: Map<string, { units: bigint; statement: PartyRiskShareStatement }>;
  readonly provisional: boolean;
}

const DEFAULT_WATERFALL = ['underspends', 'reserve', 'partners'] as const;

/**
 * Settles a pooled budget: each line's spend against its budget; an overspend met in the
 * declared waterfall order (other lines' underspends, the reserve, the partners); and the net
 * result (what is left to return, or what the partners must add) split between the partners,
 * each capped at its maximum contribution, the excess passed to the others pro rata.
 */
export function settlePooledBudget(pool: PooledBudgetPool, ctx: PoolContext): PooledBudgetOutcome {
  const { trace, scale, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const at = `pools[${pool.id}]`;
  const nodeId = (...parts: string[]) => ['pool', pool.id, ...parts].join(':');
  const clause = pool.clause;
  let provisional = false;
  const units = (text: string) => Decimal.of(text).toUnits(scale, mode);

  // 1. Lines: budget against spend
  const lines = [...pool.lines]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((line) => {
      const found = ctx.measured.get(measurementKey(line.measure));
      if (!found) {
        ctx.issues.push({
          path: 'measurements',
          code: 'missing_measurement',
          message: `no measurement of '${line.measure}' in period '${ctx.periodId}', the spend on line '${line.id}' of pooled budget '${pool.id}'`,
        });
      } else provisional ||= found.measurement.status === 'provisional';
      const budget = units(line.budget);
      const spend = found ? found.value.toUnits(scale, mode) : 0n;
      const node = trace.add({
        id: nodeId('line', line.id),
        label: `${line.name}: budget − spend (pool ${pool.id})`,
        value: money(budget - spend),
        formula: `${money(budget)} − ${money(spend)} = ${money(budget - spend)}: ${budget >= spend ? 'underspent' : 'overspent'}`,
        inputs: [
          { name: 'budget', value: line.budget },
          { name: `measured ${line.measure}`, value: found ? found.value.toPlainString() : 'missing' },
          ...(found?.measurement.source ? [{ name: 'source', value: found.measurement.source }] : []),
        ],
        path: `${at}.lines[${line.id}]`,
        clause: line.clause ?? clause,
      });
      return { line, budget, spend, variance: budget - spend, node };
    });
  const contributions = [...pool.contributions].sort((a, b) => compareIds(a.party, b.party));
  const contributed = contributions.reduce((s, c) => s + units(c.amount), 0n);
  const reserve = pool.reserve === undefined ? 0n : units(pool.reserve);
  const overspend = lines.reduce((s, l) => s + (l.variance < 0n ? -l.variance : 0n), 0n);
  const underspend = lines.reduce((s, l) => s + (l.variance > 0n ? l.variance : 0n), 0n);

  // 2. The overspend met in the declared order
  let remaining = overspend;
  let underspendUsed = 0n;
  let reserveUsed = 0n;
  const waterfall = pool.waterfall ?? DEFAULT_WATERFALL;
  const waterfallRows: PooledBudgetResult['waterfall'][number][] = [];
  let previous: string | undefined;
  for (const source of waterfall) {
    let used = 0n;
    if (source === 'underspends') used = underspendUsed = remaining < underspend ? remaining : underspend;
    else if (source === 'reserve') used = reserveUsed = remaining < reserve ? remaining : reserve;
    else used = remaining;
    remaining -= used;
    const node = trace.add({
      id: nodeId('waterfall', source),
      label: `overspend met by ${source === 'partners' ? 'the partners' : source === 'reserve' ? 'the risk reserve' : 'underspends on other lines'} (pool ${pool.id})`,
      value: money(used),
      formula:
        source === 'partners'
          ? `what is left of the overspend: ${money(used)}`
          : `the smaller of the overspend left (${money(used + remaining)}) and ${source === 'reserve' ? `the reserve (${money(reserve)})` : `the underspends (${money(underspend)})`}`,
      inputs: [
        { name: 'overspend on lines', value: money(overspend) },
        ...(previous
          ? [{ name: 'met before this step', value: money(overspend - remaining - used), node: previous }]
          : []),
      ],
      path: `${at}.waterfall`,
      clause,
    });
    previous = node;
    waterfallRows.push({ source, amount: money(used), trace: node });
  }
  // net result for the partners: + returned to them, − they add
  const net = underspend - underspendUsed + (reserve - reserveUsed) - (overspend - underspendUsed - reserveUsed);
  const netNode = trace.add({
    id: nodeId('net'),
    label: `net result of pooled budget ${pool.id} for the partners`,
    value: money(net),
    formula: `underspends left ${money(underspend - underspendUsed)} + reserve left ${money(reserve - reserveUsed)} − overspend left to the partners ${money(overspend - underspendUsed - reserveUsed)}`,
    inputs: lines.map((l) => ({ name: l.line.id, value: money(l.variance), node: l.node })),
    path: at,
    clause,
  });

  // 3. Split between the partners
  const weights = contributions.map((c) => ({
    id: c.party,
    weight:
      pool.split.basis === 'fixed'
        ? timeWeighted(ctx, c.party, Decimal.of(pool.split.shares![c.party]))
        : // a partner in force for part of the year shares in proportion to its contribution for the time it was in
          timeWeighted(ctx, c.party, Decimal.of(c.amount)),
  }));
  const magnitude = net < 0n ? -net : net;
  const room = new Map(
    contributions.map((c) => [
      c.party,
      c.maximum === undefined
        ? magnitude
        : units(c.maximum) - units(c.amount) < 0n
          ? 0n
          : units(c.maximum) - units(c.amount),
    ]),
  );
  let shares: UnitShare[];
  let unfunded = 0n;
  if (magnitude === 0n || !weights.some((w) => w.weight.sign() > 0)) {
    shares = weights.map((w) => ({ ...w, exactShare: Decimal.ZERO, floor: 0n, unitsAdded: 0 as const, units: 0n }));
    unfunded = magnitude;
  } else if (net > 0n) {
    shares = allocateUnits(magnitude, weights, scale);
  } else {
    const totalRoom = [...room.values()].reduce((s, r) => s + r, 0n);
    unfunded = magnitude > totalRoom ? magnitude - totalRoom : 0n;
    shares = allocateUnitsCapped(
      magnitude - unfunded,
      weights.map((w) => ({ ...w, cap: entry(room, w.id) })),
      scale,
    );
  }
  const sign = net < 0n ? -1n : 1n;
  const parties = new Map<string, { units: bigint; statement: PartyRiskShareStatement }>();
  const partners = shares
    .slice()
    .sort((a, b) => compareIds(a.id, b.id))
    .map((s) => {
      const contribution = contributions.find((c) => c.party === s.id)!;
      const amount = sign * s.units;
      const node = trace.add({
        id: `party:${s.id}:${pool.id}:shared`,
        label: `${s.id}: share of the ${net < 0n ? 'overspend' : 'underspend'} (pool ${pool.id})`,
        value: money(amount),
        formula: `${pool.split.basis === 'fixed' ? `fixed share ${s.weight.toPlainString()} %` : `in proportion to its contribution ${contribution.amount}`}${ctx.timeWeights === null ? '' : ' × its time in force'}: exact ${s.exactShare.toFixed(ctx.places)}, floor ${money(sign * s.floor)}, ${s.unitsAdded} unit added by largest remainder${net < 0n && contribution.maximum !== undefined ? `; at most ${money(entry(room, s.id))} more (maximum contribution ${contribution.maximum})` : ''}`,
        inputs: [{ name: 'net result', value: money(net), node: netNode }],
        path: `${at}.split`,
        clause: pool.split.clause ?? clause,
      });
      parties.set(s.id, {
        units: amount,
        statement: { pool: pool.id, shared: money(amount), trace: { shared: node } },
      });
      return {
        party: s.id,
        contributed: money(units(contribution.amount)),
        weight: s.weight.toPlainString(),
        exactShare: s.exactShare.times(Decimal.fromInteger(sign)).toFixed(ctx.places),
        floor: money(sign * s.floor),
        unitsAdded: s.unitsAdded,
        amount: money(amount),
        capped: net < 0n && contribution.maximum !== undefined && s.units === entry(room, s.id) && s.units > 0n,
      };
    });
  const shared = sign * shares.reduce((s, x) => s + x.units, 0n);
  const spend = lines.reduce((s, l) => s + l.spend, 0n);
  const unfundedUnits = sign * unfunded;
  const conservationNode = trace.add({
    id: nodeId('conservation'),
    label: `conservation of pooled budget ${pool.id}`,
    value: money(contributed - spend - shared - unfundedUnits),
    formula: 'contributions − spend − (partners’ shares + unfunded); must be zero',
    inputs: [
      { name: 'contributions', value: money(contributed) },
      { name: 'spend', value: money(spend) },
      { name: 'partners’ shares', value: money(shared) },
      { name: 'unfunded', value: money(unfundedUnits) },
    ],
    path: at,
    clause,
  });
  return {
    pool: {
      id: pool.id,
      name: pool.name,
      kind: 'pooled-budget',
      contributed: money(contributed),
      reserve: money(reserve),
      spend: money(spend),
      lines: lines.map((l) => ({
        id: l.line.id,
        name: l.line.name,
        budget: money(l.budget),
        spend: money(l.spend),
        variance: money(l.variance),
        trace: l.node,
      })),
      overspend: money(overspend),
      underspend: money(underspend),
      waterfall: waterfallRows,
      net: money(net),
      partners,
      unfunded: money(unfundedUnits),
      conservation: {
        in: money(contributed),
        out: money(spend + shared + unfundedUnits),
        difference: money(contributed - spend - shared - unfundedUnits),
      },
      trace: { net: netNode, conservation: conservationNode },
    },
    parties,
    provisional,
  };
}

import type { PointsScheme } from './schema.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds, sortById } from '../../money/order.js';
import type { PoolContext } from '../context.js';
import type { PartyRiskShareStatement } from '../result-schema.js';
import type { PointsSchemeResult } from './result-schema.js';
import { settleIndicator, type IndicatorResult, type SchemeRun } from './indicator.js';

export interface PointsOutcome {
  readonly pool: PointsSchemeResult;
  /** Per provider paid: what it earned (units); and the payer's total paid, negative. */
  readonly parties: Map<string, { units: bigint; statement: PartyRiskShareStatement }>;
  readonly provisional: boolean;
}

/** One participant settled: its indicators, and its total traced as a node. */
interface ParticipantRow {
  readonly party: string;
  readonly indicators: IndicatorResult[];
  readonly total: string;
  readonly trace: string;
}

/** A participant's payment for every indicator, and their sum, traced and put on its statement. */
function settleParticipant(
  run: SchemeRun,
  party: string,
  parties: PointsOutcome['parties'],
): { row: ParticipantRow; units: bigint } {
  const { pool, ctx } = run;
  const money = (units: bigint) => unitsText(units, ctx.scale);
  let partyTotal = 0n;
  const results = run.indicators.map((indicator) => {
    const { result, payment } = settleIndicator(run, party, indicator);
    partyTotal += payment;
    return result;
  });
  const node = ctx.trace.add({
    id: `party:${party}:${pool.id}:shared`,
    label: `${party}: paid under points scheme ${pool.id}`,
    value: money(partyTotal),
    formula: 'sum of its indicator payments',
    inputs: results.map((r) => ({ name: r.id, value: r.payment, node: r.trace.payment })),
    path: `pools[${pool.id}]`,
    clause: pool.clause,
  });
  parties.set(party, {
    units: partyTotal,
    statement: { pool: pool.id, shared: money(partyTotal), trace: { shared: node } },
  });
  return { row: { party, indicators: results, total: money(partyTotal), trace: node }, units: partyTotal };
}

/**
 * Settles a points scheme: for each participating provider and indicator, achievement from the
 * measured numerator, denominator and exclusions; points = the linear score between the lower and
 * upper thresholds × the points available; value of a point = the declared value × the
 * indicator's adjustment factors; payment = points × value, rounded to the minor unit. Points,
 * factors and the value of a point are rounded where the scheme declares, and nowhere else.
 */
export function settlePointsScheme(pool: PointsScheme, ctx: PoolContext): PointsOutcome {
  const money = (units: bigint) => unitsText(units, ctx.scale);
  const run: SchemeRun = {
    pool,
    ctx,
    indicators: sortById(pool.indicators),
    valuePerPoint: Decimal.of(pool.valuePerPoint),
    provisional: false,
  };
  const providers = [...ctx.parties.values()].filter((p) => p.role === 'provider').map((p) => p.id);
  const participants = [...(pool.participants ?? providers)].sort(compareIds);
  const parties: PointsOutcome['parties'] = new Map();
  let total = 0n;
  const rows = participants.map((party) => {
    const { row, units } = settleParticipant(run, party, parties);
    total += units;
    return row;
  });
  const totalNode = ctx.trace.add({
    id: `pool:${pool.id}:total`,
    label: `paid by ${pool.payer} under points scheme ${pool.id}`,
    value: money(-total),
    formula: 'the sum of every participant’s payment, paid by the payer (negative)',
    inputs: rows.map((r) => ({ name: r.party, value: r.total, node: r.trace })),
    path: `pools[${pool.id}].payer`,
    clause: pool.clause,
  });
  parties.set(pool.payer, {
    units: -total,
    statement: { pool: pool.id, shared: money(-total), trace: { shared: totalNode } },
  });
  // Read back from the figures as shown and the payer's own entry, so that a payment shown
  // otherwise than it was added up, or a payer charged otherwise, shows here as a difference.
  const charged = -parties.get(pool.payer)!.units;
  const shown = rows
    .flatMap((r) => r.indicators)
    .reduce((s, i) => s + Decimal.of(i.payment).toUnits(ctx.scale, ctx.mode), 0n);
  return {
    pool: {
      id: pool.id,
      name: pool.name,
      kind: 'points',
      payer: pool.payer,
      participants: rows.map((r) => ({ party: r.party, indicators: r.indicators, total: r.total })),
      total: money(total),
      conservation: { in: money(charged), out: money(shown), difference: money(charged - shown) },
      trace: { total: totalNode },
    },
    parties,
    provisional: run.provisional,
  };
}

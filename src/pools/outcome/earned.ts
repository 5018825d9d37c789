import { entry } from '../../base/lookup.js';
import { allocateUnitsCapped } from '../../money/allocate.js';
import { Decimal } from '../../money/decimal.js';
import type { MetricResult, PoolAllocationPart } from './result-schema.js';
import { min, positive, sum } from './helpers.js';
import type { Run } from './run.js';
import type { MetricState } from './metrics.js';

/** Each eligible provider's part of what the scores earned, built up as shares are allocated. */
interface Earning {
  readonly potential: Map<string, bigint>;
  readonly metricEarned: Map<string, bigint>;
  readonly partyExact: Map<string, Decimal>;
  readonly floors: Map<string, { exact: Decimal; floor: bigint; added: number }>;
  readonly record: (
    shares: { id: string; exactShare: Decimal; floor: bigint; unitsAdded: 0 | 1; units: bigint }[],
  ) => void;
}

/** Stage 5: what the scores earned, rounded at the declared point, and each provider's part of it. */
export function earnByScore(
  run: Run,
  metricStates: readonly MetricState[],
  pool: { readonly score: Decimal; readonly scoreNode: string },
) {
  const { ctx, trace, money, at, nodeId, plan, funding } = run;
  const eligible = plan.eligible;
  const potential = new Map<string, bigint>(eligible.map((p) => [p, 0n]));
  const metricEarned = new Map<string, bigint>();
  const partyExact = new Map<string, Decimal>(eligible.map((p) => [p, Decimal.ZERO]));
  const floors = new Map<string, { exact: Decimal; floor: bigint; added: number }>(
    eligible.map((p) => [p, { exact: Decimal.ZERO, floor: 0n, added: 0 }]),
  );
  const record: Earning['record'] = (
    shares: { id: string; exactShare: Decimal; floor: bigint; unitsAdded: 0 | 1; units: bigint }[],
  ) => {
    for (const s of shares) {
      potential.set(s.id, entry(potential, s.id) + s.units);
      const f = entry(floors, s.id);
      f.exact = f.exact.plus(s.exactShare);
      f.floor += s.floor;
      f.added += s.unitsAdded;
    }
  };
  const earning: Earning = { potential, metricEarned, partyExact, floors, record };
  const { earnedByScore, earnedFormula } =
    ctx.point === 'metric' ? earnPerMetric(run, metricStates, earning) : earnPerPool(run, metricStates, earning);
  const earnedNode = trace.add({
    id: nodeId('earnedByScore'),
    label: `earned by score in pool ${run.pool.id}`,
    value: money(earnedByScore),
    formula: earnedFormula,
    inputs: [
      { name: 'funding', value: money(funding), node: nodeId('funding') },
      { name: 'pool weighted score', value: pool.score.toPlainString(), node: pool.scoreNode },
    ],
    path: `${at}`,
    clause: run.pool.clause,
  });
  const allocation: PoolAllocationPart[] = eligible.map((party) => ({
    id: party,
    exactShare: entry(floors, party).exact.toFixed(18),
    floor: money(entry(floors, party).floor),
    unitsAdded: entry(floors, party).added,
    amount: money(entry(potential, party)),
  }));

  return { earnedByScore, earnedNode, allocation, potential, metricEarned };
}

/** Rounded per metric: each metric's payment on its own, the providers' parts of them split in one allocation. */
function earnPerMetric(run: Run, metricStates: readonly MetricState[], earning: Earning) {
  const { ctx, plan } = run;
  const { scale, mode } = ctx;
  const { metricEarned, record } = earning;
  const eligible = plan.eligible;
  const basis = plan.basis;
  // Each metric's payment is rounded on its own; the providers' parts of all of them are then
  // split in one largest-remainder allocation, so spare pennies do not pile up on one provider.
  const byMetric = new Map<string, Decimal>(eligible.map((p) => [p, Decimal.ZERO]));
  for (const m of metricStates) {
    // A metric nobody can be paid for (every accountable share zero) earns nothing: its money stays unearned.
    const payable = m.fractions.some((f) => f.fraction.sign() > 0);
    const units = payable ? min(m.score.times(Decimal.fromUnits(m.atRisk, scale)).toUnits(scale, mode), m.atRisk) : 0n;
    metricEarned.set(m.metric.id, units);
    if (units === 0n) continue;
    const paid = Decimal.fromUnits(units, scale);
    for (const f of m.fractions) byMetric.set(f.party, entry(byMetric, f.party).plus(paid.times(f.fraction)));
  }
  const earnedByScore = sum(metricEarned.values());
  record(
    positive(
      earnedByScore,
      [...byMetric].map(([id, weight]) => ({ id, weight })),
      scale,
    ),
  );
  const earnedFormula = `sum over metrics of (part at risk × score, rounded ${mode} to the minor unit); that sum split between providers in proportion to their exact parts of each metric's rounded amount (${basis} within each metric, largest remainder)`;
  return { earnedByScore, earnedFormula };
}

/** Rounded once for the pool: funding × pool score, split between providers by their exact amounts. */
function earnPerPool(run: Run, metricStates: readonly MetricState[], earning: Earning) {
  const { ctx, plan, funding } = run;
  const { scale, mode } = ctx;
  const { metricEarned, partyExact, record } = earning;
  const basis = plan.basis;
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
  const earnedByScore = min(exactTotal.toUnits(scale, mode), funding);
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
  const earnedFormula = `funding × pool weighted score = ${exactTotal.toPlainString()}, rounded ${mode} to the minor unit once for the pool; split between providers in proportion to their exact amounts (${basis} within each metric, largest remainder)`;
  return { earnedByScore, earnedFormula };
}

/** Each metric's result: its figures and their nodes, with what it earned by score. */
export function metricResults(
  run: Run,
  metricStates: readonly MetricState[],
  earned: {
    readonly metricEarned: ReadonlyMap<string, bigint>;
    readonly earnedByScore: bigint;
    readonly earnedNode: string;
  },
): MetricResult[] {
  const { pool, ctx, trace, money, at } = run;
  const { mode } = ctx;
  const { metricEarned, earnedByScore, earnedNode } = earned;
  return metricStates.map((m) => {
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
}

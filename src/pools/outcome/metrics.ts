import { allocateUnits } from '../../money/allocate.js';
import { Decimal } from '../../money/decimal.js';
import { measurementKey, type ResolvedMeasurement } from '../../measure/resolve.js';
import { exclusionsText } from '../../measure/schema.js';
import type { MetricResult } from './result-schema.js';
import { type MetricPlan } from './plan.js';
import type { Run } from './run.js';

/** A metric scored: its measurement (if any), its score and treatment, and their nodes. */
export type MetricRow = ReturnType<typeof scoreMetric>;
/** A metric weighed: its row with its weight, weighted score and part at risk. */
export type MetricState = ReturnType<typeof weighMetrics>['metricStates'][number];

type MeasuredOver = { readonly start: string; readonly end: string } | undefined;

/** Stage 4, first half: each metric scored by its rule, or treated by its missing-data policy. */
export function scoreMetrics(run: Run): MetricRow[] {
  const measuredOver = run.ctx.contract.periods.find((p) => p.id === run.ctx.periodId)?.measuredOver;
  return run.plan.metrics.map((mp) => scoreMetric(run, mp, measuredOver));
}

function scoreMetric(run: Run, mp: MetricPlan, measuredOver: MeasuredOver) {
  const { ctx, trace } = run;
  const { metric, ids } = mp;
  const found = ctx.measured.get(measurementKey(metric.id));
  const mpath = mp.path;
  let score = Decimal.ZERO;
  let treatment: MetricResult['treatment'] = 'scored';
  let scoreFormula: string;
  let scoreInputs: { name: string; value: string; node?: string }[] = [];
  let measuredNode: string | undefined;
  if (found) {
    run.provisional ||= found.measurement.status === 'provisional';
    measuredNode = ids.measured;
    addMeasuredNode(run, mp, found, measuredOver);
    const working = mp.score(found.value);
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
  // a parameter of the metric resolved for this period (a baseline rebased for the year): its node
  const resolvedAt = `resolve:${mpath}.`;
  for (const node of ctx.adjustedNodes)
    if (node.startsWith(resolvedAt))
      scoreInputs.push({
        name: `${node.slice(resolvedAt.length)} for what is settled`,
        value: trace.valueOf(node),
        node,
      });
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
}

/** The node of a metric's measured value: as measured, or worked out from its numerator and denominator. */
function addMeasuredNode(run: Run, mp: MetricPlan, found: ResolvedMeasurement, measuredOver: MeasuredOver): void {
  const { metric, ids } = mp;
  const { ctx } = run;
  run.trace.add({
    id: ids.measured,
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
}

/** Stage 4, second half: the weights (reweighted over the metrics measured), weighted scores and parts at risk. */
export function weighMetrics(run: Run, metricRows: readonly MetricRow[]) {
  const { pool, ctx, trace, money, at, nodeId, plan, funding } = run;
  const { scale, places } = ctx;
  const equalWeights = plan.equalWeights;
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
  return { metricStates, poolScore, poolScoreNode };
}

import type { Indicator, PointsScheme } from './schema.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { measurementKey } from '../../measure/resolve.js';
import { exclusionsText, type Measurement } from '../../measure/schema.js';
import { linear } from '../../score/linear/index.js';
import type { PoolContext } from '../context.js';
import type { PointsSchemeResult } from './result-schema.js';

/** One points scheme being settled: the scheme, the settlement around it, and whether a measurement read is provisional. */
export interface SchemeRun {
  readonly pool: PointsScheme;
  readonly ctx: PoolContext;
  /** The indicators, in order of id. */
  readonly indicators: readonly Indicator[];
  /** What one point is worth, before adjustments. */
  readonly valuePerPoint: Decimal;
  provisional: boolean;
}

/** One indicator settled for one participant, as reported. */
export type IndicatorResult = PointsSchemeResult['participants'][number]['indicators'][number];

const plain = (value: Decimal) => value.toPlainString();

/** A figure rounded where the scheme declares it is (`declared` places), and left exact otherwise. */
const roundTo = (run: SchemeRun, value: Decimal, declared: number | undefined) =>
  declared === undefined ? value : value.round(declared, run.ctx.mode);

/** What a measurement gave: its numerator, denominator and exclusions, or its value (the measurement checks make sure of one). */
function measuredInputs(m: Measurement): { name: string; value: string }[] {
  if (m.numerator !== undefined) {
    if (m.denominator === undefined) throw new Error('internal: a measurement with a numerator and no denominator');
    return [
      { name: 'numerator', value: m.numerator },
      { name: 'denominator', value: m.denominator },
      { name: 'exclusions', value: exclusionsText(m) },
    ];
  }
  if (m.value === undefined) throw new Error('internal: a measurement with neither a value nor a numerator');
  return [{ name: 'value', value: m.value }];
}

/** The participant's achievement on the indicator, as measured (reported and read as 0 when missing), traced. */
function traceAchievement(run: SchemeRun, party: string, indicator: Indicator) {
  const { pool, ctx } = run;
  const found = ctx.measured.get(measurementKey(indicator.measure, party));
  if (!found) {
    ctx.issues.push({
      path: 'measurements',
      code: 'missing_measurement',
      message: `no measurement of '${indicator.measure}' for '${party}' in period '${ctx.periodId}', needed by indicator '${indicator.id}' of points scheme '${pool.id}'`,
    });
  } else run.provisional ||= found.measurement.status === 'provisional';
  const achievement = found?.value ?? Decimal.ZERO;
  const node = ctx.trace.add({
    id: `pool:${pool.id}:${party}:${indicator.id}:achievement`,
    label: `${party}: achievement on ${indicator.name}`,
    value: plain(achievement),
    formula: found?.formula ?? (found ? 'as measured' : 'no measurement'),
    inputs: found ? measuredInputs(found.measurement) : [],
    path: `measurements[metric=${indicator.measure},party=${party},period=${ctx.periodId}]`,
    clause: indicator.clause ?? pool.clause,
  });
  return { found, achievement, node };
}

/** Points earned: the foundation's linear score between the thresholds, times the points available, traced. */
function tracePoints(
  run: SchemeRun,
  party: string,
  indicator: Indicator,
  achievement: Decimal,
  achievementNode: string,
) {
  const { pool, ctx } = run;
  const rounding = pool.rounding ?? {};
  const worked = linear.score(
    { type: 'linear', min: indicator.lower, max: indicator.upper },
    achievement,
    { direction: indicator.direction ?? 'higher-is-better' },
    ctx.places,
  );
  const exactPoints = worked.score.times(Decimal.of(indicator.points));
  const points = roundTo(run, exactPoints, rounding.points);
  const node = ctx.trace.add({
    id: `pool:${pool.id}:${party}:${indicator.id}:points`,
    label: `${party}: points on ${indicator.name}`,
    value: plain(points),
    formula: `${worked.formula} × ${indicator.points} points = ${plain(exactPoints)}${rounding.points === undefined ? '' : `, rounded ${ctx.mode} to ${rounding.points} places`}`,
    inputs: [
      { name: 'achievement', value: plain(achievement), node: achievementNode },
      { name: 'lower threshold', value: indicator.lower },
      { name: 'upper threshold', value: indicator.upper },
      { name: 'points available', value: indicator.points },
    ],
    path: `pools[${pool.id}].indicators[${indicator.id}]`,
    clause: indicator.clause ?? pool.clause,
  });
  return { points, node };
}

/** The value of a point for this indicator and participant: the declared value × each adjustment factor measured. */
function adjustedPointValue(run: SchemeRun, party: string, indicator: Indicator) {
  const { pool, ctx } = run;
  const rounding = pool.rounding ?? {};
  let adjusted = run.valuePerPoint;
  const factorInputs: { name: string; value: string }[] = [];
  for (const factor of indicator.adjustments ?? []) {
    const measured = ctx.measured.get(measurementKey(factor.measure, party));
    if (!measured) {
      ctx.issues.push({
        path: 'measurements',
        code: 'missing_measurement',
        message: `no measurement of '${factor.measure}' for '${party}' in period '${ctx.periodId}', needed to adjust indicator '${indicator.id}' of points scheme '${pool.id}'`,
      });
      continue;
    }
    run.provisional ||= measured.measurement.status === 'provisional';
    const value = roundTo(run, measured.value.dividedBy(Decimal.of(factor.reference), ctx.places), rounding.factor);
    adjusted = adjusted.times(value);
    factorInputs.push({
      name: `${factor.kind} factor`,
      value: `${plain(measured.value)} / ${factor.reference} = ${plain(value)}`,
    });
  }
  return { pointValue: roundTo(run, adjusted, rounding.valuePerPoint), factorInputs };
}

/**
 * One participant's payment for one indicator: achievement, points, the value of a point, and
 * points × value rounded to the minor unit, each traced.
 */
export function settleIndicator(
  run: SchemeRun,
  party: string,
  indicator: Indicator,
): { result: IndicatorResult; payment: bigint } {
  const { pool, ctx } = run;
  const { scale, mode } = ctx;
  const rounding = pool.rounding ?? {};
  const achieved = traceAchievement(run, party, indicator);
  const { found } = achieved;
  const { points, node: pointsNode } = tracePoints(run, party, indicator, achieved.achievement, achieved.node);
  const { pointValue, factorInputs } = adjustedPointValue(run, party, indicator);
  const exactPayment = points.times(pointValue);
  const payment = exactPayment.toUnits(scale, mode);
  const paymentNode = ctx.trace.add({
    id: `pool:${pool.id}:${party}:${indicator.id}:payment`,
    label: `${party}: payment for ${indicator.name}`,
    value: unitsText(payment, scale),
    formula: `${plain(points)} points × ${plain(pointValue)} a point${factorInputs.length ? ` (${pool.valuePerPoint} × the adjustment factors${rounding.valuePerPoint === undefined ? '' : `, rounded to ${rounding.valuePerPoint} places`})` : ''} = ${plain(exactPayment)}, rounded ${mode} to the minor unit`,
    inputs: [
      { name: 'points', value: plain(points), node: pointsNode },
      { name: 'value per point', value: pool.valuePerPoint },
      ...factorInputs,
    ],
    path: `pools[${pool.id}].indicators[${indicator.id}]`,
    clause: indicator.clause ?? pool.clause,
  });
  const result: IndicatorResult = {
    id: indicator.id,
    achievement: plain(achieved.achievement),
    numerator: found?.measurement.numerator ?? null,
    denominator: found?.measurement.denominator ?? null,
    exclusions: found?.measurement.exclusions === undefined ? null : exclusionsText(found.measurement),
    points: plain(points),
    valuePerPoint: plain(pointValue),
    payment: unitsText(payment, scale),
    trace: { achievement: achieved.node, points: pointsNode, payment: paymentNode },
  };
  return { result, payment };
}

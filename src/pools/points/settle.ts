import type { PointsScheme } from '../../contract/points.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds, sortById } from '../../money/order.js';
import { measurementKey } from '../../measure/resolve.js';
import { exclusionsText } from '../../measure/schema.js';
import { linear } from '../../score/linear/index.js';
import type { PoolContext } from '../context.js';
import type { PartyRiskShareStatement, PointsSchemeResult } from '../../settle/types.js';

export interface PointsOutcome {
  readonly pool: PointsSchemeResult;
  /** Per provider paid: what it earned (units); and the payer's total paid, negative. */
  readonly parties: Map<string, { units: bigint; statement: PartyRiskShareStatement }>;
  readonly provisional: boolean;
}

/**
 * Settles a points scheme: for each participating provider and indicator, achievement from the
 * measured numerator, denominator and exclusions; points = the linear score between the lower and
 * upper thresholds × the points available; value of a point = the declared value × the
 * indicator's adjustment factors; payment = points × value, rounded to the minor unit. Points,
 * factors and the value of a point are rounded where the scheme declares, and nowhere else.
 */
export function settlePointsScheme(pool: PointsScheme, ctx: PoolContext): PointsOutcome {
  const { trace, scale, places, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const plain = (value: Decimal) => value.toPlainString();
  const at = `pools[${pool.id}]`;
  const clause = pool.clause;
  const rounding = pool.rounding ?? {};
  const roundTo = (value: Decimal, declared: number | undefined) =>
    declared === undefined ? value : value.round(declared, mode);
  let provisional = false;

  const providers = [...ctx.parties.values()].filter((p) => p.role === 'provider').map((p) => p.id);
  const participants = [...(pool.participants ?? providers)].sort(compareIds);
  const indicators = sortById(pool.indicators);
  const valuePerPoint = Decimal.of(pool.valuePerPoint);
  const parties = new Map<string, { units: bigint; statement: PartyRiskShareStatement }>();
  let total = 0n;

  const rows = participants.map((party) => {
    let partyTotal = 0n;
    const results = indicators.map((indicator) => {
      const found = ctx.measured.get(measurementKey(indicator.measure, party));
      const base = `pool:${pool.id}:${party}:${indicator.id}`;
      if (!found) {
        ctx.issues.push({
          path: 'measurements',
          code: 'missing_measurement',
          message: `no measurement of '${indicator.measure}' for '${party}' in period '${ctx.periodId}', needed by indicator '${indicator.id}' of points scheme '${pool.id}'`,
        });
      } else provisional ||= found.measurement.status === 'provisional';
      const achievement = found?.value ?? Decimal.ZERO;
      const achievementNode = trace.add({
        id: `${base}:achievement`,
        label: `${party}: achievement on ${indicator.name}`,
        value: plain(achievement),
        formula: found?.formula ?? (found ? 'as measured' : 'no measurement'),
        inputs: found
          ? found.measurement.numerator !== undefined
            ? [
                { name: 'numerator', value: found.measurement.numerator },
                { name: 'denominator', value: found.measurement.denominator! },
                { name: 'exclusions', value: exclusionsText(found.measurement) },
              ]
            : [{ name: 'value', value: found.measurement.value! }]
          : [],
        path: `measurements[metric=${indicator.measure},party=${party},period=${ctx.periodId}]`,
        clause: indicator.clause ?? clause,
      });
      // Points are the foundation's linear score between the thresholds, times the points available.
      const worked = linear.score(
        { type: 'linear', min: indicator.lower, max: indicator.upper },
        achievement,
        { direction: indicator.direction ?? 'higher-is-better' },
        places,
      );
      const available = Decimal.of(indicator.points);
      const exactPoints = worked.score.times(available);
      const points = roundTo(exactPoints, rounding.points);
      const pointsNode = trace.add({
        id: `${base}:points`,
        label: `${party}: points on ${indicator.name}`,
        value: plain(points),
        formula: `${worked.formula} × ${indicator.points} points = ${plain(exactPoints)}${rounding.points === undefined ? '' : `, rounded ${mode} to ${rounding.points} places`}`,
        inputs: [
          { name: 'achievement', value: plain(achievement), node: achievementNode },
          { name: 'lower threshold', value: indicator.lower },
          { name: 'upper threshold', value: indicator.upper },
          { name: 'points available', value: indicator.points },
        ],
        path: `${at}.indicators[${indicator.id}]`,
        clause: indicator.clause ?? clause,
      });
      let adjusted = valuePerPoint;
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
        provisional ||= measured.measurement.status === 'provisional';
        const value = roundTo(measured.value.dividedBy(Decimal.of(factor.reference), places), rounding.factor);
        adjusted = adjusted.times(value);
        factorInputs.push({
          name: `${factor.kind} factor`,
          value: `${plain(measured.value)} / ${factor.reference} = ${plain(value)}`,
        });
      }
      const pointValue = roundTo(adjusted, rounding.valuePerPoint);
      const exactPayment = points.times(pointValue);
      const payment = exactPayment.toUnits(scale, mode);
      partyTotal += payment;
      const paymentNode = trace.add({
        id: `${base}:payment`,
        label: `${party}: payment for ${indicator.name}`,
        value: money(payment),
        formula: `${plain(points)} points × ${plain(pointValue)} a point${factorInputs.length ? ` (${pool.valuePerPoint} × the adjustment factors${rounding.valuePerPoint === undefined ? '' : `, rounded to ${rounding.valuePerPoint} places`})` : ''} = ${plain(exactPayment)}, rounded ${mode} to the minor unit`,
        inputs: [
          { name: 'points', value: plain(points), node: pointsNode },
          { name: 'value per point', value: pool.valuePerPoint },
          ...factorInputs,
        ],
        path: `${at}.indicators[${indicator.id}]`,
        clause: indicator.clause ?? clause,
      });
      return {
        id: indicator.id,
        achievement: plain(achievement),
        numerator: found?.measurement.numerator ?? null,
        denominator: found?.measurement.denominator ?? null,
        exclusions: found?.measurement.exclusions === undefined ? null : exclusionsText(found.measurement),
        points: plain(points),
        valuePerPoint: plain(pointValue),
        payment: money(payment),
        trace: { achievement: achievementNode, points: pointsNode, payment: paymentNode },
      };
    });
    total += partyTotal;
    const node = trace.add({
      id: `party:${party}:${pool.id}:shared`,
      label: `${party}: paid under points scheme ${pool.id}`,
      value: money(partyTotal),
      formula: 'sum of its indicator payments',
      inputs: results.map((r) => ({ name: r.id, value: r.payment, node: r.trace.payment })),
      path: at,
      clause,
    });
    parties.set(party, {
      units: partyTotal,
      statement: { pool: pool.id, shared: money(partyTotal), trace: { shared: node } },
    });
    return { party, indicators: results, total: money(partyTotal), trace: node };
  });
  const totalNode = trace.add({
    id: `pool:${pool.id}:total`,
    label: `paid by ${pool.payer} under points scheme ${pool.id}`,
    value: money(-total),
    formula: 'the sum of every participant’s payment, paid by the payer (negative)',
    inputs: rows.map((r) => ({ name: r.party, value: r.total, node: r.trace })),
    path: `${at}.payer`,
    clause,
  });
  parties.set(pool.payer, {
    units: -total,
    statement: { pool: pool.id, shared: money(-total), trace: { shared: totalNode } },
  });
  return {
    pool: {
      id: pool.id,
      name: pool.name,
      kind: 'points',
      payer: pool.payer,
      participants: rows.map((r) => ({ party: r.party, indicators: r.indicators, total: r.total })),
      total: money(total),
      trace: { total: totalNode },
    },
    parties,
    provisional,
  };
}

import * as z from 'zod';
import { decimalString, direction, id, oneOf, ratePercent, text, strictObject } from '../../base/schema.js';
import { Decimal } from '../../money/decimal.js';
import { stepBase } from '../schema.js';
import { amountBefore, checkUnit, decimalOf, fraction, plain, type SharingStep, type StepInput } from '../step.js';

export const schema = strictObject({
  ...stepBase,
  type: z.literal('gateway'),
  name: text('gateway name'),
  measure: id('gateway measure'),
  direction,
  threshold: decimalString('gateway threshold', '1'),
  /** With no measurement: "error" (default) or "fail". */
  missing: oneOf('gateway missing-data policy', ['error', 'fail']).optional(),
  /** What failing does: remove any gain share, and/or set the loss rate to a declared maximum. */
  onFail: strictObject({
    gain: z.literal('forfeit', { error: 'onFail.gain must be "forfeit" when given' }).optional(),
    lossPercent: ratePercent('loss rate on failure').optional(),
  }),
});

/**
 * A quality gateway: a pool-level measure must meet a threshold. Met, nothing changes; failed,
 * the gain share is forfeit and/or the loss rate of later rate steps becomes the declared one.
 * That a gateway setting the loss rate comes before a rate step is checked by the pool.
 * @example
 * // quality-met ≥ 1, onFail { gain: 'forfeit', lossPercent: '75' }, measured 0:
 * // a gain share becomes 0; a later loss rate step uses 75 %
 */
export const gateway: SharingStep<typeof schema> = {
  type: 'gateway',
  schema,
  check(step, tools) {
    checkUnit(tools, ['onFail', 'lossPercent'], `the loss rate on failure of gateway '${step.id}'`, 'refuse');
  },
  sides: (step) => ({
    shares: [],
    names: [
      ...(step.onFail.gain ? (['gain'] as const) : []),
      ...(step.onFail.lossPercent === undefined ? [] : (['loss'] as const)),
    ],
  }),
  apply(step, amount, ctx) {
    const { side } = ctx;
    const found = ctx.measured(step.measure);
    const threshold = decimalOf(step.threshold);
    const met = found
      ? step.direction === 'higher-is-better'
        ? found.value.gte(threshold)
        : found.value.lte(threshold)
      : false;
    const test = found
      ? `${plain(found.value)} ${step.direction === 'higher-is-better' ? '≥' : '≤'} ${step.threshold}: ${met ? 'met' : 'not met'}`
      : 'no measurement: not met';
    const inputs: StepInput[] = [
      amountBefore(amount, ctx),
      found
        ? { name: `measured ${step.measure}`, value: plain(found.value) }
        : { name: `measured ${step.measure}`, value: 'missing' },
      { name: 'threshold', value: step.threshold },
    ];
    if (met) return { applied: true, amount, formula: `${test}; nothing changes`, inputs, met };
    if (side === 'gain' && step.onFail.gain === 'forfeit')
      return { applied: true, amount: Decimal.ZERO, formula: `${test}: the gain share is removed`, inputs, met };
    if (side === 'loss' && step.onFail.lossPercent !== undefined)
      return {
        applied: true,
        amount,
        formula: `${test}: the loss rate becomes ${step.onFail.lossPercent} %`,
        inputs,
        met,
        lossRate: fraction(step.onFail.lossPercent),
      };
    return { applied: true, amount, formula: `${test}; nothing is declared for a ${side}`, inputs, met };
  },
};

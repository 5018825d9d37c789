import { strictObject } from '../../base/schema.js';
import * as z from 'zod';
import { rateSchema, stepBase } from '../schema.js';
import { amountBefore, pct, skip, type SharingStep, sidesGiven, money } from '../step.js';
import { checkRateStep } from './check.js';
import { rateOf } from './rate-of.js';

export const schema = strictObject({
  ...stepBase,
  type: z.literal('rate'),
  gain: rateSchema.optional(),
  loss: rateSchema.optional(),
});
export type RateStep = z.infer<typeof schema>;

/**
 * A sharing rate: the amount times the alliance's share of it, per side. A rate may be scaled by a
 * quality score, held between a floor and a ceiling, and on the loss side be 1 − the gain rate.
 * A failed gateway earlier in the order replaces the loss rate with its own.
 * @example
 * // gain { percent: '50' }: a gain of 30,000 → 30,000 × 0.5 = 15,000
 * // loss { oneMinusGain: true } with gain 50 %: a loss of 10,000 → 10,000 × (1 − 0.5) = 5,000
 */
export const rate: SharingStep<typeof schema> = {
  type: 'rate',
  schema,
  check: checkRateStep,
  sides: (step) => ({ shares: sidesGiven(step), names: sidesGiven(step) }),
  apply(step, amount, ctx, lossRate) {
    const { side } = ctx;
    const spec = side === 'gain' ? step.gain : step.loss;
    if (lossRate !== undefined && side === 'loss') {
      const result = amount.times(lossRate);
      return {
        applied: true,
        amount: result,
        formula: `${money(amount, ctx)} × ${pct(lossRate)} (the loss rate set by a failed gateway) = ${money(result, ctx)}`,
        inputs: [amountBefore(amount, ctx), { name: 'loss rate', value: pct(lossRate) }],
      };
    }
    if (spec === undefined) return skip(amount, `no rate for a ${side}`);
    const gain = step.gain;
    const worked = rateOf(spec, ctx, gain ? () => rateOf(gain, ctx) : undefined);
    const result = amount.times(worked.rate);
    return {
      applied: true,
      amount: result,
      formula: `${money(amount, ctx)} × rate (${worked.formula}) = ${money(result, ctx)}`,
      inputs: [amountBefore(amount, ctx), ...worked.inputs],
    };
  },
};

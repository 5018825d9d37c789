import { strictObject } from '../../base/schema.js';
import * as z from 'zod';
import { stepBase } from '../schema.js';
import { amountBefore, type SharingStep, money } from '../step.js';

export const schema = strictObject({
  ...stepBase,
  type: z.literal('round'),
  /** Decimal places to round to with the contract's rounding mode (0 for whole pounds or dollars). */
  places: z
    .int({ error: 'round places must be a whole number' })
    .min(0, { error: 'round places must be at least 0' })
    .max(4, { error: 'round places must be at most 4' }),
});

/**
 * Rounding: the amount is rounded to a number of decimal places with the contract's rounding
 * mode, on either side. Without one, the amount is rounded only once, at the end, to the minor unit.
 * @example
 * // places 0, half-even: 12,345.50 → 12,346; 12,344.50 → 12,344
 */
export const round: SharingStep<typeof schema> = {
  type: 'round',
  schema,
  check() {},
  sides: () => ({ shares: [], names: [] }),
  apply(step, amount, ctx) {
    const result = amount.round(step.places, ctx.mode);
    return {
      applied: true,
      amount: result,
      formula: `${money(amount, ctx)} rounded ${ctx.mode} to ${step.places} decimal place${step.places === 1 ? '' : 's'} = ${result.toString()}`,
      inputs: [amountBefore(amount, ctx)],
    };
  },
};

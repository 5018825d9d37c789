import * as z from 'zod';
import { ratePercent, strictObject } from '../../base/schema.js';
import { Decimal } from '../../money/decimal.js';
import { appliesTo, stepBase } from '../schema.js';
import {
  amountBefore,
  appliesToSide,
  checkUnit,
  fraction,
  plain,
  skip,
  type SharingStep,
  sidesApplied,
  money,
} from '../step.js';

export const schema = strictObject({
  ...stepBase,
  type: z.literal('deduction'),
  applies: appliesTo('"gain"'),
  /** This percentage of the amount is withheld (like a sequestration). */
  percent: ratePercent('deduction'),
});

/**
 * A deduction: a percentage of the amount is withheld (like a sequestration), from gains unless
 * declared otherwise.
 * @example
 * // percent 2: a gain share of 50,000 → 50,000 × 0.98 = 49,000
 */
export const deduction: SharingStep<typeof schema> = {
  type: 'deduction',
  schema,
  check(step, tools) {
    checkUnit(tools, ['percent'], `the deduction of step '${step.id}'`, 'warn');
  },
  sides: (step) => ({ shares: [], names: sidesApplied(step.applies) }),
  apply(step, amount, ctx) {
    if (!appliesToSide(step.applies, 'gain', ctx.side))
      return skip(amount, `a deduction from ${step.applies ?? 'gain'}s only`);
    const kept = Decimal.ONE.minus(fraction(step.percent));
    const result = amount.times(kept);
    return {
      applied: true,
      amount: result,
      formula: `${money(amount, ctx)} less ${step.percent} % withheld = ${money(amount, ctx)} × ${plain(kept)} = ${money(result, ctx)}`,
      inputs: [amountBefore(amount, ctx), { name: 'withheld', value: `${step.percent} %` }],
    };
  },
};

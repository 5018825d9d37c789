import * as z from 'zod';
import { oneOf, ratePercent, strictObject } from '../../base/schema.js';
import { Decimal } from '../../money/decimal.js';
import { stepBase } from '../schema.js';
import {
  amountBefore,
  checkSomeSide,
  checkUnit,
  fraction,
  skip,
  type SharingStep,
  sidesGiven,
  money,
} from '../step.js';

export const schema = strictObject({
  ...stepBase,
  type: z.literal('corridor'),
  /** Minimum savings rate: no gain is shared unless the surplus is at least this % of the budget. */
  gain: ratePercent('minimum savings rate').optional(),
  /** Minimum loss rate: no loss is shared unless the deficit is at least this % of the budget. */
  loss: ratePercent('minimum loss rate').optional(),
  /** Once met, share from the first pound or only the part beyond the corridor. */
  sharing: oneOf('corridor sharing', ['first-pound', 'beyond-corridor']),
});

/**
 * A corridor (minimum savings or loss rate): nothing is shared unless the amount reaches a
 * percentage of the budget; once it does, the whole amount is shared ("first-pound") or only the
 * part beyond the corridor ("beyond-corridor").
 * @example
 * // budget 1,000,000, gain corridor 2 % = 20,000:
 * // a gain of 15,000 shares nothing; a gain of 50,000 shares 50,000 (first-pound)
 * // or 50,000 − 20,000 = 30,000 (beyond-corridor)
 */
export const corridor: SharingStep<typeof schema> = {
  type: 'corridor',
  schema,
  check(step, tools) {
    checkSomeSide(step, tools);
    checkUnit(tools, ['gain'], `the minimum savings rate of corridor '${step.id}'`, 'warn');
    checkUnit(tools, ['loss'], `the minimum loss rate of corridor '${step.id}'`, 'warn');
  },
  sides: (step) => ({ shares: [], names: sidesGiven(step) }),
  apply(step, amount, ctx) {
    const { side } = ctx;
    const percent = side === 'gain' ? step.gain : step.loss;
    if (percent === undefined) return skip(amount, `no corridor for a ${side}`);
    const threshold = ctx.budget.times(fraction(percent));
    const inputs = [
      amountBefore(amount, ctx),
      { name: 'corridor', value: `${percent} % of the budget = ${money(threshold, ctx)}` },
    ];
    if (amount.lt(threshold))
      return {
        applied: true,
        amount: Decimal.ZERO,
        formula: `${money(amount, ctx)} is below the corridor of ${money(threshold, ctx)}: nothing is shared`,
        inputs,
      };
    if (step.sharing === 'first-pound')
      return {
        applied: true,
        amount,
        formula: `${money(amount, ctx)} reaches the corridor of ${money(threshold, ctx)}: shared from the first pound`,
        inputs,
      };
    const beyond = amount.minus(threshold);
    return {
      applied: true,
      amount: beyond,
      formula: `${money(amount, ctx)} reaches the corridor; only the part beyond it is shared: ${money(amount, ctx)} − ${money(threshold, ctx)} = ${money(beyond, ctx)}`,
      inputs,
    };
  },
};

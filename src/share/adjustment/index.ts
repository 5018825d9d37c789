import * as z from 'zod';
import { decimalString, percentage, positiveDecimal, strictObject } from '../../base/schema.js';
import { Decimal } from '../../money/decimal.js';
import { appliesTo, stepBase } from '../schema.js';
import {
  amountBefore,
  appliesToSide,
  decimalOf,
  fraction,
  skip,
  unvalidated,
  type SharingStep,
  type StepContext,
  type StepOutcome,
  sidesApplied,
  money,
} from '../step.js';

const exceptionalSchema = strictObject({
  affectedMonths: positiveDecimal('affected months', '4'),
  months: positiveDecimal('months in the period', '12'),
  affectedPopulation: percentage('affected population'),
});
type ExceptionalEvent = z.infer<typeof exceptionalSchema>;

export const schema = strictObject({
  ...stepBase,
  type: z.literal('adjustment'),
  applies: appliesTo('"both"'),
  /** A stated sum added to the amount (negative to reduce it). */
  amount: decimalString('adjustment amount', '-2655.00').optional(),
  /** An exceptional event: the amount is reduced pro rata to the months and the population affected. */
  exceptional: exceptionalSchema.optional(),
});

/** A stated sum added to the amount, held at zero. */
function bySum(sum: string, amount: Decimal, ctx: StepContext): StepOutcome {
  const adjusted = amount.plus(decimalOf(sum));
  const result = adjusted.sign() < 0 ? Decimal.ZERO : adjusted;
  return {
    applied: true,
    amount: result,
    formula: `${money(amount, ctx)} + (${sum}) = ${money(adjusted, ctx)}${adjusted.sign() < 0 ? ', not below zero: 0' : ''}`,
    inputs: [amountBefore(amount, ctx), { name: 'adjustment', value: sum }],
  };
}

/** An exceptional event: the amount less its part for the months and population affected, rounded as money. */
function byEvent(event: ExceptionalEvent, amount: Decimal, ctx: StepContext): StepOutcome {
  const months = decimalOf(event.affectedMonths).dividedBy(decimalOf(event.months), ctx.places);
  const exact = amount.times(months).times(fraction(event.affectedPopulation));
  const reduction = Decimal.fromUnits(exact.toUnits(ctx.scale, ctx.mode), ctx.scale);
  const result = amount.minus(reduction);
  return {
    applied: true,
    amount: result,
    formula: `exceptional event: reduction = ${money(amount, ctx)} × ${event.affectedMonths}/${event.months} months × ${event.affectedPopulation} % of the population = ${money(exact, ctx)}, rounded ${ctx.mode} to ${money(reduction, ctx)}; ${money(amount, ctx)} − ${money(reduction, ctx)} = ${money(result, ctx)}`,
    inputs: [
      amountBefore(amount, ctx),
      { name: 'affected months', value: `${event.affectedMonths} of ${event.months}` },
      { name: 'affected population', value: `${event.affectedPopulation} %` },
      { name: 'reduction', value: reduction.toString() },
    ],
  };
}

/**
 * An adjustment: a stated sum added to the amount (never taking it below zero), or an
 * exceptional event that reduces it pro rata to the months and the share of the population
 * affected (the reduction rounded as money).
 * @example
 * // amount '-2655.00': 10,000 → 7,345
 * // exceptional 4 of 12 months, 50 % of the population: 12,000 → 12,000 − 12,000 × 4/12 × 0.5 = 10,000
 */
export const adjustment: SharingStep<typeof schema> = {
  type: 'adjustment',
  schema,
  check(step, { add, checkMinorUnits }) {
    if ((step.amount !== undefined) === (step.exceptional !== undefined))
      add([], 'adjustment_kind', `adjustment '${step.id}' needs exactly one of "amount" or "exceptional"`);
    checkMinorUnits(step.amount, ['amount']);
    const event = step.exceptional;
    if (event && decimalOf(event.affectedMonths).gt(decimalOf(event.months)))
      add(
        ['exceptional', 'affectedMonths'],
        'affected_months',
        `${event.affectedMonths} affected months is more than the ${event.months} months of the period`,
      );
  },
  sides: (step) => ({ shares: [], names: sidesApplied(step.applies) }),
  apply(step, amount, ctx) {
    if (!appliesToSide(step.applies, 'both', ctx.side)) return skip(amount, `an adjustment to ${step.applies}s only`);
    if (step.amount !== undefined) return bySum(step.amount, amount, ctx);
    return byEvent(
      step.exceptional ?? unvalidated(`adjustment '${step.id}' with neither an amount nor an event`),
      amount,
      ctx,
    );
  },
};

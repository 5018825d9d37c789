import * as z from 'zod';
import { oneOf, ratePercent, strictObject } from '../../base/schema.js';
import { Decimal } from '../../money/decimal.js';
import { stepBase } from '../schema.js';
import { checkSchedule, scheduledRate, scheduleSchema } from './schedule.js';
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
  /** The minimum savings rate looked up from a schedule by a measure, instead of `gain`. */
  gainSchedule: scheduleSchema.optional(),
  /** The minimum loss rate looked up from a schedule by a measure, instead of `loss`. */
  lossSchedule: scheduleSchema.optional(),
  /** Once met, share from the first pound or only the part beyond the corridor. */
  sharing: oneOf('corridor sharing', ['first-pound', 'beyond-corridor']),
});

/** The sides a corridor declares, by a rate or a schedule. */
const sided = (step: z.output<typeof schema>) => ({
  id: step.id,
  gain: step.gain ?? step.gainSchedule,
  loss: step.loss ?? step.lossSchedule,
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
    checkSomeSide(sided(step), tools);
    checkUnit(tools, ['gain'], `the minimum savings rate of corridor '${step.id}'`, 'warn');
    checkUnit(tools, ['loss'], `the minimum loss rate of corridor '${step.id}'`, 'warn');
    for (const side of ['gain', 'loss'] as const) {
      const schedule = step[`${side}Schedule`];
      if (schedule === undefined) continue;
      if (step[side] !== undefined)
        tools.add(
          [`${side}Schedule`],
          'rate_and_schedule',
          `corridor '${step.id}' gives both "${side}" and "${side}Schedule": give one rate, or a schedule to look it up from`,
        );
      checkSchedule(schedule, [`${side}Schedule`], tools, `the ${side} schedule of corridor '${step.id}'`);
    }
  },
  sides: (step) => ({ shares: [], names: sidesGiven(sided(step)) }),
  apply(step, amount, ctx) {
    const { side } = ctx;
    const declared = side === 'gain' ? step.gain : step.loss;
    const schedule = side === 'gain' ? step.gainSchedule : step.lossSchedule;
    if (declared === undefined && schedule === undefined) return skip(amount, `no corridor for a ${side}`);
    const what = `the ${side} schedule of corridor '${step.id}'`;
    let percent: string;
    let looked: ReturnType<typeof scheduledRate>;
    if (schedule === undefined) percent = declared ?? '0';
    else {
      looked = scheduledRate(schedule, ctx, what);
      // a schedule that gives no rate has been reported (settle refuses): nothing is shared meanwhile
      if (looked === undefined) return skip(Decimal.ZERO, `${what} gives no rate`);
      percent = looked.percent.toAtLeast(schedule.places);
    }
    const threshold = ctx.budget.times(fraction(percent));
    const inputs = [
      amountBefore(amount, ctx),
      ...(looked?.inputs ?? []),
      ...(looked ? [{ name: 'rate from the schedule', value: looked.formula }] : []),
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

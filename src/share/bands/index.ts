import { strictObject } from '../../base/schema.js';
import * as z from 'zod';
import { Decimal } from '../../money/decimal.js';
import { bandSchema, stepBase, type Band } from '../schema.js';
import {
  amountBefore,
  checkSomeSide,
  fraction,
  skip,
  type SharingStep,
  sidesGiven,
  money,
  type StepContext,
} from '../step.js';
import { checkBands } from './check.js';

const bandList = z.array(bandSchema).min(1, { error: 'bands need at least one band' });

export const schema = strictObject({
  ...stepBase,
  type: z.literal('bands'),
  /** Marginal bands: each share applies only to the slice of the amount inside its band. */
  gain: bandList.optional(),
  loss: bandList.optional(),
});
export type BandsStep = z.infer<typeof schema>;

/** Marginal bands: each band's share applies only to the slice of the amount inside it. */
function applyBands(
  bands: readonly Band[],
  amount: Decimal,
  budget: Decimal,
  ctx: StepContext,
): { amount: Decimal; formula: string } {
  let total = Decimal.ZERO;
  const slices: string[] = [];
  for (const band of bands) {
    const from = budget.times(fraction(band.from));
    const to = band.to === undefined ? undefined : budget.times(fraction(band.to));
    const top = to === undefined ? amount : Decimal.min(amount, to);
    if (top.lte(from)) continue;
    const slice = top.minus(from);
    const share = slice.times(fraction(band.percent));
    total = total.plus(share);
    slices.push(
      `${band.percent} % of ${money(slice, ctx)} (${band.from} %${band.to === undefined ? ' and above' : ` to ${band.to} %`} of the budget) = ${money(share, ctx)}`,
    );
  }
  return { amount: total, formula: slices.length ? slices.join(' + ') : 'no slice of the amount falls in a band' };
}

/**
 * Marginal bands (a risk-share "waterfall"): the amount is cut into slices at percentages of the
 * budget, and each slice is shared at its band's rate. Bands run from 0 % without gaps or overlaps;
 * only the last may leave out "to".
 * @example
 * // budget 1,000,000, loss bands 0–2 % at 100 %, 2 % and above at 50 %:
 * // a loss of 30,000 → 100 % of 20,000 + 50 % of 10,000 = 25,000
 */
export const bands: SharingStep<typeof schema> = {
  type: 'bands',
  schema,
  check(step, tools) {
    checkSomeSide(step, tools);
    checkBands(step, tools);
  },
  sides: (step) => ({ shares: sidesGiven(step), names: sidesGiven(step) }),
  apply(step, amount, ctx) {
    const { side } = ctx;
    const declared = side === 'gain' ? step.gain : step.loss;
    if (declared === undefined) return skip(amount, `no bands for a ${side}`);
    const worked = applyBands(declared, amount, ctx.budget, ctx);
    return {
      applied: true,
      amount: worked.amount,
      formula: `${worked.formula} → ${money(worked.amount, ctx)}`,
      inputs: [amountBefore(amount, ctx), { name: 'budget', value: money(ctx.budget, ctx) }],
    };
  },
};

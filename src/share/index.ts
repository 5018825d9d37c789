import { show } from '../base/errors.js';
import * as z from 'zod';
import type { Decimal } from '../money/decimal.js';
import { adjustment } from './adjustment/index.js';
import { bands } from './bands/index.js';
import { cap } from './cap/index.js';
import { corridor } from './corridor/index.js';
import { deduction } from './deduction/index.js';
import { gateway } from './gateway/index.js';
import { rate } from './rate/index.js';
import { round } from './round/index.js';
import type { SharingStep, Side, StepCheckTools, StepContext, StepOutcome, StepSides } from './step.js';

export { fraction, type Side, type StepCheckTools, type StepContext, type StepOutcome } from './step.js';

/**
 * The registry of sharing steps, in the order their types are listed to the user. Adding a step
 * means adding its folder and listing it here: the contract schema, validation and settlement
 * all read from this list.
 */
export const sharingSteps = { corridor, rate, bands, cap, deduction, adjustment, round, gateway };

type Registry = typeof sharingSteps;
type StepType = keyof Registry;
type StepOf<Type extends StepType> = z.output<Registry[Type]['schema']>;

/** The registry seen as one mapping from a type to its module, so a step's type picks its module's types. */
const modules: { readonly [Type in StepType]: SharingStep<Registry[Type]['schema']> } = sharingSteps;

/** The registered step schemas, as the non-empty list a discriminated union is built from. */
function stepSchemas() {
  const [first, ...rest] = Object.values(sharingSteps).map((step) => step.schema);
  if (first === undefined) throw new Error('no sharing step is registered');
  return [first, ...rest] as const;
}

/** One step of a risk-share pool, told apart by its `type`. */
export const stepSchema = z.discriminatedUnion('type', stepSchemas(), {
  error: (issue) => {
    const types = Object.keys(sharingSteps)
      .map((type) => `"${type}"`)
      .join(', ');
    const isObject = typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input);
    if (!isObject) return `a step must be an object with an id and a type (${types}), got ${show(issue.input)}`;
    return `step type must be one of ${types}, got ${show((issue.input as { type?: unknown }).type)}`;
  },
});
export type Step = z.output<typeof stepSchema>;

function sidesAs<Type extends StepType>(type: Type, step: StepOf<Type>): StepSides {
  return modules[type].sides(step);
}

/**
 * The sides a step is declared for, by its module: those it shares (a rate, bands) and those it names.
 * @example
 * stepSides({ id: 'r', type: 'rate', gain: { percent: '50' } }); // { shares: ['gain'], names: ['gain'] }
 */
export function stepSides(step: Step): StepSides {
  return sidesAs(step.type, step);
}

/**
 * The sides a risk-share pool's members share: those it declares (`sides`), or else those its
 * steps share (a rate or bands for the side). Validation refuses a pool whose steps share one side
 * only and that does not say which it means, so a side is never the members' by default.
 * @example
 * sharedSides('gain', steps); // ['gain']: a deficit is wholly the commissioner's
 */
export function sharedSides(declared: Side | 'both' | undefined, steps: readonly Step[]): readonly Side[] {
  if (declared !== undefined) return declared === 'both' ? ['gain', 'loss'] : [declared];
  const shared = new Set(steps.flatMap((step) => stepSides(step).shares));
  return (['gain', 'loss'] as const).filter((side) => shared.has(side));
}

function checkAs<Type extends StepType>(type: Type, step: StepOf<Type>, tools: StepCheckTools): void {
  modules[type].check(step, tools);
}

function applyAs<Type extends StepType>(
  type: Type,
  step: StepOf<Type>,
  amount: Decimal,
  ctx: StepContext,
  lossRate: Decimal | undefined,
): StepOutcome {
  return modules[type].apply(step, amount, ctx, lossRate);
}

/**
 * The checks a parsed step's schema cannot make, by its module; paths are relative to the step.
 * @example
 * checkStep({ id: 'r', type: 'rate', gain: {} }, tools);
 * // tools.add(['gain'], 'rate_missing', `the gain rate of step 'r' needs "percent"`)
 */
export function checkStep(step: Step, tools: StepCheckTools): void {
  checkAs(step.type, step, tools);
}

/**
 * Applies one step to the amount being shared, by its module.
 * @param lossRate - the loss rate a failed gateway set earlier, if any
 * @example
 * applyStep({ id: 'd', type: 'deduction', percent: '2' }, decimalOf('1000'), ctx, undefined).amount;
 * // 980 on the gain side
 */
export function applyStep(step: Step, amount: Decimal, ctx: StepContext, lossRate: Decimal | undefined): StepOutcome {
  return applyAs(step.type, step, amount, ctx, lossRate);
}

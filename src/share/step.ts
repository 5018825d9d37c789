import type { IssueCode } from '../base/codes.js';
import type * as z from 'zod';
import { Decimal } from '../money/decimal.js';
import type { RoundingMode } from '../money/rounding.js';
import type { Rate } from './schema.js';
import { isBelowOne } from '../base/decimal-text.js';
import { said } from '../base/errors.js';

/**
 * What every sharing step is: a schema, the checks its schema cannot make, and a pure function.
 * A step takes the amount being shared (a magnitude: of the gain, or of the loss) and returns the
 * amount after it, exactly, with its working in plain words. Money is rounded only by a `round`
 * step, by an exceptional-event reduction (a sum of money), and once at the end by the pool.
 */

export type Side = 'gain' | 'loss';

/** What the steps need from the pool and the settlement around it. */
export interface StepContext {
  readonly side: Side;
  readonly budget: Decimal;
  /** The alliance's revenue, for percent-of-revenue limits (undefined when it cannot be known). */
  readonly revenue: Decimal | undefined;
  readonly scale: number;
  readonly places: number;
  readonly mode: RoundingMode;
  /** A quality score in [0, 1]: a measure's value or an outcome pool's weighted score, with how it was found. */
  readonly quality: (source: NonNullable<Rate['quality']>) => { score: Decimal; input: StepInput };
  /** A pool-level measurement, or undefined when there is none. */
  readonly measured: (measure: string) => { value: Decimal } | undefined;
  /**
   * A pool-level measurement the step needs (undefined, reported as missing, when there is none),
   * with `reject` to report its value as unusable at the measurement's path.
   */
  readonly count: (
    measure: string,
  ) => { value: Decimal; reject: (code: IssueCode, message: string) => void } | undefined;
}

export interface StepInput {
  readonly name: string;
  readonly value: string;
  readonly node?: string;
}

/** The sides a step is declared for (see `SharingStep.sides`). */
export interface StepSides {
  readonly shares: readonly Side[];
  readonly names: readonly Side[];
}

/** The sides a step with `gain` and `loss` parts names, in that order. */
export const sidesGiven = (step: { readonly gain?: unknown; readonly loss?: unknown }): Side[] =>
  (['gain', 'loss'] as const).filter((side) => step[side] !== undefined);

/** The sides an explicit `applies` names (none when it is left to its default). */
export const sidesApplied = (applies: Side | 'both' | undefined): Side[] =>
  applies === undefined ? [] : applies === 'both' ? ['gain', 'loss'] : [applies];

/** What applying a step did. */
export interface StepOutcome {
  readonly applied: boolean;
  readonly amount: Decimal;
  readonly formula: string;
  readonly inputs: StepInput[];
  /** Set by a failed gateway: the loss rate later rate steps must use. */
  readonly lossRate?: Decimal;
  /** Gateways only: whether the condition was met (undefined when no measurement and missing policy "fail"). */
  readonly met?: boolean;
}

/**
 * What a step's checks are given by the pool around it. Paths are relative to the step
 * (`['loss', 1, 'from']`); the pool puts them under `pools[i].steps[j]`.
 */
export interface StepCheckTools {
  readonly add: (path: PropertyKey[], code: IssueCode, message: string) => void;
  /** Reports something that is probably a mistake but changes no figure (validateContract's `warnings`). */
  readonly warn: (path: PropertyKey[], code: IssueCode, message: string) => void;
  /** The value at `path` as the user wrote it, before the schema read it (a bare string or `{ "fraction": ... }`). */
  readonly written: (path: PropertyKey[]) => unknown;
  /** Reports an amount with more decimal places than the contract's currency has. */
  readonly checkMinorUnits: (value: string | undefined, path: PropertyKey[]) => void;
  /** The ids of the contract's outcome pools, for quality scores taken from one. */
  readonly outcomePools: ReadonlySet<string>;
  /** Whether the pool's revenue can be known: stated, or a contract value for every member. */
  readonly revenueKnown: boolean;
}

/** The schema of one kind of step: an object told apart by its `type`. */
type StepSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape>;

/**
 * One kind of sharing step: its declaration schema, the checks of a parsed declaration that the
 * schema cannot make (sums, orders, references to the rest of the contract), and the pure
 * function that applies it to the amount being shared.
 */
export interface SharingStep<Schema extends StepSchema> {
  readonly type: z.output<Schema>['type'];
  readonly schema: Schema;
  check(step: z.output<Schema>, tools: StepCheckTools): void;
  /**
   * The sides the step is declared for: those it `shares` (sets the members' share of: a rate, bands)
   * and those it `names` (any part declared for a side, such as a corridor or a cap on losses).
   * Defaults do not count: a pool's sides are what its contract says, never what a default implies.
   */
  sides(step: z.output<Schema>): StepSides;
  /** @param lossRate - the loss rate a failed gateway set earlier, if any */
  apply(step: z.output<Schema>, amount: Decimal, ctx: StepContext, lossRate: Decimal | undefined): StepOutcome;
}

/**
 * A decimal string the schema has already accepted, as a Decimal.
 * @example
 * decimalOf('2.5').toPlainString(); // '2.5'
 */
export function decimalOf(text: string): Decimal {
  const value = Decimal.parse(text);
  if (value === undefined) throw new Error(`'${text}' is not a decimal string (the contract schema refuses it)`);
  return value;
}

/**
 * Per cent as a fraction, exactly ("2.5" → 0.025).
 * @example
 * fraction('2.5').toPlainString(); // '0.025'
 */
export const fraction = (percent: string): Decimal => {
  const p = decimalOf(percent);
  return Decimal.fromUnits(p.coefficient, p.scale + 2);
};

/** A figure in plain notation, for the working. */
export const plain = (value: Decimal): string => value.toPlainString();

/** A fraction as a percentage, for the working (0.25 → "25 %"). */
export const pct = (rate: Decimal): string => `${plain(rate.times(Decimal.HUNDRED))} %`;

/**
 * An amount in the working, exact and in the currency's minor units at least, as every other
 * amount of a settlement is shown ("2118243.50", not "2118243.5").
 * @example
 * money(Decimal.of("2118243.5"), { scale: 2 }); // '2118243.50'
 */
export const money = (value: Decimal, ctx: { readonly scale: number }): string => value.toAtLeast(ctx.scale);

/** The amount a step starts from, as the first input of its working. */
export const amountBefore = (amount: Decimal, ctx: { readonly scale: number }): StepInput => ({
  name: 'amount before',
  value: money(amount, ctx),
});

/** A step that does not apply to this side: the amount passes through unchanged. */
export const skip = (amount: Decimal, why: string): StepOutcome => ({
  applied: false,
  amount,
  formula: `not applied: ${why}`,
  inputs: [],
});

/** Whether a step that applies to `applies` (or to `fallback` when not given) applies to `side`. */
export const appliesToSide = (applies: Side | 'both' | undefined, fallback: Side | 'both', side: Side): boolean =>
  (applies ?? fallback) === 'both' || (applies ?? fallback) === side;

/**
 * For a step declared with optional gain and loss sides (corridor, rate, bands): reports one that
 * declares neither, since it would do nothing.
 */
export function checkSomeSide(
  step: { readonly id: string; readonly gain?: unknown; readonly loss?: unknown },
  tools: StepCheckTools,
): void {
  if (step.gain === undefined && step.loss === undefined)
    tools.add([], 'no_side', `step '${step.id}' declares neither a "gain" nor a "loss" side, so it does nothing`);
}

/** A state that validateContract refuses, met by a step given an unvalidated declaration. */
export function unvalidated(what: string): never {
  throw new Error(`${what}: the contract was not validated (validateContract refuses it)`);
}

/**
 * A percentage written as a bare string below 1 ("0.5") could be meant as a fraction, as schemes
 * publish rates (CMS writes a 50 % sharing rate as 0.5 and a 2 % minimum savings rate as 0.02).
 * Where the percentage reading is implausible (a sharing rate under 1 %) it is refused; where both
 * are plausible (a 0.5 % minimum savings rate is a real choice) it is read as written, a percentage,
 * and a warning says so. Either way the explicit forms `{ "percent": ... }` and `{ "fraction": ... }`
 * say which is meant and are never questioned.
 * @example
 * checkUnit(tools, ['gain', 'percent'], 'sharing rate', 'refuse'); // "0.5" → percent_or_fraction
 */
export function checkUnit(tools: StepCheckTools, path: PropertyKey[], what: string, likely: 'refuse' | 'warn'): void {
  const written = tools.written(path);
  if (typeof written !== 'string' || !isBelowOne(written)) return;
  const percent = Decimal.of(written);
  const asPercent = plain(percent.times(Decimal.HUNDRED));
  const shown = said(written);
  if (likely === 'refuse')
    tools.add(
      path,
      'percent_or_fraction',
      `${what} is "${shown}", which could be a fraction (${asPercent} %) or a percentage (${shown} %): write "${asPercent}" or { "fraction": "${shown}" } for ${asPercent} %, or { "percent": "${shown}" } if ${shown} % is meant`,
    );
  else
    tools.warn(
      path,
      'percent_below_one',
      `${what} is "${shown}", read as ${shown} % (a bare figure is a percentage); if the scheme means a fraction (${asPercent} %), write "${asPercent}" or { "fraction": "${shown}" }; to say ${shown} % is meant, write { "percent": "${shown}" }`,
    );
}

import * as z from 'zod';
import { show } from '../base/errors.js';
import { isIsoDate } from '../base/schema.js';
import { guarded, moneyArgument, withFields } from '../money/arguments.js';
import type { MonthEnd } from './dates.js';
import { DEFAULT_CALENDAR, type DayCount } from './day-count.js';
import type { Frequency } from './split.js';

/**
 * The arguments of the public period helpers, `proRata` and `splitIntoInstalments`, as schemas:
 * their option types are inferred from them, every problem is reported at once, and an option a
 * helper does not know is refused (`unknown_option`) rather than ignored, so a misspelt
 * `frequncy` or `daycount` cannot pass unseen.
 */

/** "a", "b" or "c", as a message lists the words a value may be. */
const alternatives = (values: readonly string[]): string => {
  const quoted = values.map((value) => `"${value}"`);
  return quoted.length === 1 ? `${quoted[0]}` : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
};

/** One of a few words, refused as `invalid_option` with the words it may be. */
const word = <const Words extends readonly [string, ...string[]]>(what: string, words: Words) =>
  guarded<Words[number], Words[number]>(
    (value): value is Words[number] => words.some((w) => w === value),
    'invalid_option',
    (value) => `${what} must be ${alternatives(words)}, got ${show(value)}`,
  );

/** A word that may be left out (or given as null) for `fallback`. */
const wordOr = <const Words extends readonly [string, ...string[]]>(
  what: string,
  words: Words,
  fallback: Words[number],
) =>
  word(what, words)
    .nullish()
    .transform((value) => value ?? fallback);

const date = (end: 'start' | 'end') =>
  guarded<string, string>(
    (value): value is string => typeof value === 'string' && isIsoDate(value),
    'invalid_date',
    (value) => `${end} must be a real date written YYYY-MM-DD (years 1900 to 2999), got ${show(value)}`,
  );

const spanFields = z.object({ start: date('start'), end: date('end') }).superRefine(({ start, end }, context) => {
  if (end < start)
    context.addIssue({
      code: 'custom',
      path: ['end'],
      message: `${end} is before ${start}`,
      params: { code: 'end_before_start' },
    });
});
/** A span of days, both ends real dates written YYYY-MM-DD and the end not before the start. */
const span = withFields(spanFields);

/**
 * A span of days, both ends included, as YYYY-MM-DD dates.
 * @example
 * const year: Span = { start: '2026-04-01', end: '2027-03-31' };
 */
export type Span = Readonly<z.input<typeof spanFields>>;

const FREQUENCIES = ['month', 'quarter', 'half-year', 'year'] as const satisfies readonly Frequency[];
const DAY_COUNTS = ['actual/actual', 'twelfths'] as const satisfies readonly DayCount[];
const MONTH_ENDS = ['clamp', 'end-of-month'] as const satisfies readonly MonthEnd[];

/** How parts of a period are weighed: the options `proRata` and `splitIntoInstalments` share. */
const calendarOptions = {
  /** How parts are weighed (default "actual/actual"); "twelfths" makes every whole month equal. */
  dayCount: wordOr('day count', DAY_COUNTS, DEFAULT_CALENDAR.dayCount),
  /** How a month is added to the last day of a month (default "clamp"; "end-of-month" keeps to month ends). */
  monthEnd: wordOr('month-end handling', MONTH_ENDS, DEFAULT_CALENDAR.monthEnd),
};

const proRataOptions = z.strictObject(calendarOptions);

/**
 * The options of `proRata`: its day count and month-end handling.
 * @example
 * const options: ProRataOptions = { dayCount: 'twelfths' };
 */
export type ProRataOptions = Readonly<z.input<typeof proRataOptions>>;

/**
 * The arguments of `proRata`, checked together; made once, when the module loads.
 * @example
 * proRataArguments.parse({ part: { start: '2026-10-01', end: '2027-03-31' }, period: year, options: {} }).options;
 * // { dayCount: 'actual/actual', monthEnd: 'clamp' }
 */
export const proRataArguments = z.object({
  part: span,
  period: span,
  options: withFields(proRataOptions),
});

/**
 * How `proRata` is named in the message refusing an option it does not know.
 * @example
 * PRO_RATA.options; // ['dayCount', 'monthEnd']
 */
export const PRO_RATA = { name: 'proRata', options: Object.keys(proRataOptions.shape) };

// The order of the fields is the order in which their problems are listed.
const instalmentOptions = z.strictObject({
  /** Only the part of the period in force (a party joining part-way); default the whole period. */
  active: span.optional(),
  /** How often an instalment falls due: every month, quarter, half-year or year of the period. */
  frequency: word('frequency', FREQUENCIES),
  /** When each instalment falls due: the start (default) or the end of the part it pays for. */
  due: wordOr('due', ['start', 'end'], 'start'),
  ...calendarOptions,
});

/**
 * The options of `splitIntoInstalments`: how often, how parts are weighed, when due, and the part in force.
 * @example
 * const monthly: InstalmentOptions = { frequency: 'month', dayCount: 'twelfths', due: 'end' };
 */
export type InstalmentOptions = Readonly<z.input<typeof instalmentOptions>>;

/** Whether the period and the part in force were read without a problem, so that one can be held against the other. */
const spansRead = (payload: z.core.ParsePayload): boolean =>
  !payload.issues.some(({ path = [] }) => path[0] === 'period' || (path[0] === 'options' && path[1] === 'active'));

/**
 * The arguments of `splitIntoInstalments`, checked together; made once, when the module loads.
 * @example
 * instalmentArguments.parse({ total: { amount: '1200.00', currency: 'GBP' }, period: year, options: { frequency: 'quarter' } }).options.due;
 * // 'start'
 */
export const instalmentArguments = z
  .object({ total: moneyArgument('1000000.00'), period: span, options: withFields(instalmentOptions) })
  .superRefine(
    ({ period, options: { active } }, context) => {
      if (active !== undefined && (active.start < period.start || active.end > period.end))
        context.addIssue({
          code: 'custom',
          path: ['options', 'active'],
          message: `the part in force ${active.start} to ${active.end} is not inside the period ${period.start} to ${period.end}, so instalments could not add up to the amount`,
          params: { code: 'active_outside_period' },
        });
    },
    // every problem at once: held against each other whatever else is wrong, once both are read
    { when: spansRead },
  );

/**
 * How `splitIntoInstalments` is named in the message refusing an option it does not know.
 * @example
 * SPLIT_INTO_INSTALMENTS.options; // ['active', 'frequency', 'due', 'dayCount', 'monthEnd']
 */
export const SPLIT_INTO_INSTALMENTS = {
  name: 'splitIntoInstalments',
  options: Object.keys(instalmentOptions.shape),
};

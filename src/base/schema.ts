import { isValid, parseISO } from 'date-fns';
import * as z from 'zod';
import { listed, show } from './errors.js';
import { decimalSign, isDecimalText, isAtMost, percentOfFraction } from './decimal-text.js';
import { nearest } from './suggest.js';

/**
 * The building blocks of every schema: ids, dates and decimal strings. Amounts and ratios are
 * decimal strings in files and in the API, never JS numbers (design.md section 4). This is the
 * bottom layer: `contract/`, `score/`, `share/`, `period/` and `measure/` build their schemas
 * from it, and it imports nothing of ours but the error helpers beside it.
 */

/** A value the user gave, described for a message (a number is told to be written as a string). */
export const describe = (input: unknown): string =>
  typeof input === 'number'
    ? `the number ${String(input)} (write it as a string, e.g. "${Number.isFinite(input) ? String(input) : '0'}": numbers can lose pennies)`
    : input === undefined
      ? 'nothing'
      : show(input);

/** What a schema expected, in words: "an object", "a list". */
const EXPECTED: Record<string, string> = {
  object: 'an object',
  record: 'an object',
  array: 'a list',
  tuple: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  bigint: 'a bigint',
  date: 'a date',
  null: 'null',
  undefined: 'nothing',
};

/** The field an issue is at, for the start of a sentence: `term`, `entry 2 of parties`. */
function fieldOf(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the value';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return `entry ${last} of ${parent === undefined ? 'the list' : String(parent)}`;
  }
  return String(last);
}

/**
 * The library's words for what a schema reports without a message of its own: a missing field,
 * a wrong type, a list too short, a value not among those allowed. Passed to every `safeParse` of
 * user input (never set globally: zod's configuration is the user's too), so no raw schema default
 * ("Invalid input: expected object, received undefined") reaches a user.
 * @example
 * contractSchema.safeParse(input, { error: inOurWords });
 */
export const inOurWords: z.core.$ZodErrorMap = (issue) => {
  const field = fieldOf(issue.path ?? []);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? `a ${issue.expected}`;
      if (issue.input === undefined) return `${field} must be given: ${expected}`;
      const given = Array.isArray(issue.input) ? `a list (${show(issue.input)})` : describe(issue.input);
      return `${field} must be ${expected}, got ${given}`;
    }
    case 'too_small':
    case 'too_big': {
      const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const word = issue.code === 'too_small' ? 'at least' : 'at most';
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${field} must have ${word} ${bound} ${bound === '1' ? 'entry' : 'entries'}, got ${show(issue.input)}`;
      if (issue.origin === 'string')
        return bound === '1' && issue.code === 'too_small'
          ? `${field} must not be empty`
          : `${field} must be ${word} ${bound} characters long, got ${show(issue.input)}`;
      return `${field} must be ${word} ${bound}, got ${describe(issue.input)}`;
    }
    case 'invalid_value':
      return `${field} must be ${issue.values.map((v) => show(v)).join(' or ')}, got ${describe(issue.input)}`;
    case 'unrecognized_keys':
      return `${listed(issue.keys.map((key) => show(key)))} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} here`;
    case 'invalid_format':
      return `${field} is not ${issue.format === 'regex' ? 'in the form expected' : `a valid ${issue.format}`}, got ${describe(issue.input)}`;
    case 'invalid_key':
      return `${field} has a key that is not valid`;
    case 'invalid_union':
      return `${field} is none of the forms it may take, got ${describe(issue.input)}`;
    default:
      return `${field} is not valid, got ${describe(issue.input)}`;
  }
};

const stringOf = (what: string) =>
  z.string({
    error: (issue) =>
      `${what} must be ${issue.input === undefined ? 'given' : `a string, got ${describe(issue.input)}`}`,
  });

/** A plain decimal string: optional minus, digits, optional point and digits. No exponent, no separators. */
export const decimalString = (what: string, example: string) =>
  stringOf(what)
    .refine(isDecimalText, {
      error: (issue) =>
        `${what} must be a plain decimal string such as "${example}" (no thousands separators, exponent or currency sign), got ${describe(issue.input)}`,
      params: { code: 'invalid_decimal' },
    })
    // "-0" is zero, but echoed into the contract or a trace it would show a sign no figure has (fuzzing, issue 12)
    .refine((text) => !isDecimalText(text) || !text.startsWith('-') || decimalSign(text) !== 0, {
      error: (issue) => `${what} must be written without a minus sign when it is zero, got ${describe(issue.input)}`,
      params: { code: 'negative_value' },
    });

/** A decimal string that is zero or more. */
export const nonNegativeDecimal = (what: string, example: string) =>
  // "-0.00" is refused by decimalString, as everywhere
  decimalString(what, example).refine((text) => !isDecimalText(text) || decimalSign(text) >= 0, {
    error: (issue) => `${what} must not be negative, got ${describe(issue.input)}`,
    params: { code: 'negative_value' },
  });

/** A decimal string strictly above zero. */
export const positiveDecimal = (what: string, example: string) =>
  decimalString(what, example).refine((text) => !isDecimalText(text) || decimalSign(text) > 0, {
    error: (issue) => `${what} must be above zero, got ${describe(issue.input)}`,
    params: { code: 'not_positive' },
  });

/** An amount of money: a non-negative decimal string; the currency's decimal places are checked by validate. */
export const amount = (what: string) => nonNegativeDecimal(what, '1250000.00');

/** A percentage from 0 to 100 as a decimal string ("2.5" is 2.5 %). */
export const percentage = (what: string) =>
  nonNegativeDecimal(what, '12.5').refine((text) => !isDecimalText(text) || isAtMost(text, 100n), {
    error: (issue) => `${what} is a percentage and must be between 0 and 100, got ${describe(issue.input)}`,
    params: { code: 'percentage_out_of_range' },
  });

/**
 * A rate or threshold that schemes publish either way: a percentage ("2" is 2 %, the default),
 * or explicitly `{ "percent": "2" }` or `{ "fraction": "0.02" }`. Read as its percentage, exactly
 * (the point moves two places), so the steps that use it see one form. A bare string below 1 is
 * ambiguous ("0.02" is 0.02 % as written, 2 % as CMS writes it); the step's checks refuse it or
 * warn about it, by how likely each reading is (README, "Rates and their units").
 * @example
 * ratePercent('sharing rate').parse({ fraction: '0.5' }); // '50'
 * ratePercent('sharing rate').parse('50'); // '50'
 */
export const ratePercent = (what: string) =>
  z
    .preprocess(
      (value, context) => {
        // a number, boolean or null is the wrong type, not a wrong choice among the three forms
        if (typeof value !== 'string' && (typeof value !== 'object' || value === null))
          context.addIssue({
            code: 'custom',
            input: value,
            params: { code: 'invalid_type' },
            message: `${what} must be a percentage written as a string ("50" for 50 %), { "percent": "50" } or { "fraction": "0.5" }, got ${describe(value)}`,
          });
        return value;
      },
      z.union(
        [
          percentage(what),
          strictObject({ percent: percentage(what) }),
          strictObject({ fraction: unitInterval(`${what} as a fraction`) }),
        ],
        {
          error: (issue) =>
            issue.code === 'invalid_union'
              ? `${what} must be a percentage written as a string ("50" for 50 %), { "percent": "50" } or { "fraction": "0.5" }, got ${describe(issue.input)}`
              : undefined,
        },
      ),
    )
    .transform((value) =>
      typeof value === 'string' ? value : 'percent' in value ? value.percent : percentOfFraction(value.fraction),
    );

/** A score or fraction from 0 to 1 as a decimal string. */
export const unitInterval = (what: string) =>
  nonNegativeDecimal(what, '0.5').refine((text) => !isDecimalText(text) || isAtMost(text, 1n), {
    error: (issue) => `${what} must be between 0 and 1, got ${describe(issue.input)}`,
    params: { code: 'out_of_range' },
  });

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** An id: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters. */
export const id = (what: string) =>
  stringOf(what).regex(ID, {
    error: (issue) =>
      `${what} must be letters, digits, '.', '_' or '-' (starting with a letter or digit, at most 64), got ${describe(issue.input)}`,
  });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether `text` is a real calendar date written YYYY-MM-DD (2027-02-30 is not), in the years
 * 1900 to 2999: dates are compared as text, which needs four-digit years on both sides of any date
 * the library steps to (the day after 9999-12-31 is not one), and no alliance contract is dated outside.
 */
export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && text >= '1900-01-01' && text <= '2999-12-31' && isValid(parseISO(text));
}

/** A calendar date written YYYY-MM-DD. */
export const isoDate = (what: string) =>
  stringOf(what).refine(isIsoDate, {
    error: (issue) =>
      `${what} must be a real date written YYYY-MM-DD (years 1900 to 2999), got ${describe(issue.input)}`,
    params: { code: 'invalid_date' },
  });

export const text = (what: string) => stringOf(what).min(1, { error: `${what} must not be empty` });

export const direction = z.enum(['higher-is-better', 'lower-is-better'], {
  error: (issue) => `direction must be "higher-is-better" or "lower-is-better", got ${describe(issue.input)}`,
});
export type Direction = z.infer<typeof direction>;

/** The contract's own reference for a clause, e.g. "Schedule 3 para 2.1". */
export const clause = text('clause').optional();

/** One of a fixed list of words, with an error that lists them. */
export const oneOf = <const Values extends readonly [string, ...string[]]>(what: string, values: Values) =>
  z.enum(values, {
    error: (issue) => `${what} must be one of ${values.map((v) => `"${v}"`).join(', ')}, got ${show(issue.input)}`,
  });

/**
 * The lists whose order carries no meaning: parties, pools, metrics and the like, each known by its
 * id (or party, period, metric). A list is marked once, where its schema is written, and the
 * canonical form that the inputs hash covers is derived from the marks: reordering a marked list
 * never changes a hash, and every unmarked list (bands, a step order, a waterfall) keeps its order.
 */
export const orderFreeLists = z.registry<{ readonly orderFree: true }>();

/** Marks a list as order-free (see `orderFreeLists`) and returns it. */
export const orderFree = <List extends z.ZodArray<z.ZodType>>(list: List): List => {
  orderFreeLists.add(list, { orderFree: true });
  return list;
};

/**
 * An object whose type allows exactly one of `Keys` (each given alone, the others left out).
 * Distributes over the keys: `ExactlyOne<{ amount?: string; percent?: string }, 'amount' | 'percent'>`
 * is `{ amount: string; percent?: undefined } | { percent: string; amount?: undefined }`.
 */
export type ExactlyOne<T, Keys extends keyof T, Key extends Keys = Keys> = Key extends Keys
  ? Omit<T, Keys> & { [K in Key]-?: Exclude<T[K], undefined> } & { [K in Exclude<Keys, Key>]?: undefined }
  : never;

/**
 * An object that declares exactly one of `keys` (an amount or a percentage, a budget or budgets).
 * The schema reads each as optional, so that every other problem with the object is still
 * reported beside it; `validateContract` refuses both or neither, in the contract's own words
 * and at the field's path. The type it gives is what that leaves, `ExactlyOne`, so the code that
 * settles reads the one given without asserting it. In the JSON Schema the rule is `oneOf` the
 * keys, so an editor says so too.
 * @example
 * const cap = exactlyOne(z.strictObject({ amount: amount('cap').optional(), percent: percentage('cap').optional() }), ['amount', 'percent']);
 * type Cap = z.infer<typeof cap>; // { amount: string; percent?: undefined } | { percent: string; amount?: undefined }
 */
export const exactlyOne = <Shape extends z.ZodObject, const Keys extends readonly [string, ...string[]]>(
  schema: Shape,
  keys: Keys & readonly (keyof z.output<Shape> & string)[],
) =>
  schema
    .meta({ oneOf: keys.map((key) => ({ required: [key] })) })
    // the narrowing is what validation guarantees: a contract with both or neither is refused
    .transform((value) => value as ExactlyOne<z.output<Shape>, Keys[number] & keyof z.output<Shape>>);

/**
 * An object with exactly these fields. A field it does not know is refused in the library's
 * words, with the field meant when one is near (edit distance) and the fields there are:
 * `"contractVlaue" is not a field here: did you mean "contractValue"? (fields: id, name, ...)`.
 * @example
 * const party = strictObject({ id: id('party id'), contractValue: amount('contract value').optional() });
 */
export const strictObject = <Shape extends z.ZodRawShape>(shape: Shape) => {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'invalid_type')
        return `${fieldOf(issue.path ?? [])} must ${issue.input === undefined ? 'be given: ' : 'be '}an object with the fields ${known.join(', ')}${issue.input === undefined ? '' : `, got ${Array.isArray(issue.input) ? `a list (${show(issue.input)})` : describe(issue.input)}`}`;
      if (issue.code !== 'unrecognized_keys') return undefined;
      const named = issue.keys.map((key) => {
        const near = nearest(key, known);
        return `${show(key)}${near === undefined ? '' : ` (did you mean ${show(near)}?)`}`;
      });
      return `${listed(named)} ${named.length === 1 ? 'is not a field' : 'are not fields'} here (fields: ${known.join(', ')})`;
    },
  });
};

/**
 * An object keyed by id (a party, a period, a cohort) with `value` for each: shares, budgets,
 * prices. Written as a list, or as anything but an object, it is refused with the shape expected,
 * not zod's "expected record".
 * @example
 * const shares = keyedBy('shares', 'party id → percentage', '{ "acute": "60", "community": "40" }', percentage('share'));
 */
export const keyedBy = <Value extends z.ZodType>(what: string, shape: string, example: string, value: Value) =>
  z.record(z.string(), value, {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? `${what} must be an object of ${shape}, such as ${example}, got ${Array.isArray(issue.input) ? `a list (${show(issue.input)})` : describe(issue.input)}`
        : undefined,
  });

import { schemaIssueCode, type IssueCode } from '../base/codes.js';
import { inOurWords } from '../base/schema.js';
import * as z from 'zod';
import { isDecimalText } from '../base/decimal-text.js';
import { ContractError, formatPath, show, type Issue } from '../base/errors.js';
import { suggestion } from '../base/suggest.js';
import { ARGUMENT_LIMITS, limitIssues } from '../base/limits.js';
import { CURRENCY_CODES, isCurrencyCode, minorUnits, type CurrencyCode } from './currency.js';
import { Decimal } from './decimal.js';

/**
 * Schemas for the arguments of the library's helper functions (`allocate`, `proRata`,
 * `splitIntoInstalments`), and the one mapping of their problems to the library's `Issue`s.
 * They sit here rather than beside base/schema.ts because `money/` is the lowest layer that both
 * `money/allocate.ts` and `period/` can share; the blocks are general and may move down to base/.
 */

/**
 * A value that `guard` accepts, typed `Input` for the caller and `Output` once checked; anything
 * else is one problem with `code` and the message `says(value)`. The check is a transform, so a
 * refused value stops the checks of the object around it (a cross-field rule never sees it), which
 * a `z.custom` problem would not.
 * @example
 * const currency = guarded<string, CurrencyCode>(isCurrencyCode, 'unknown_currency', (v) => `currency ${show(v)} is unknown`);
 */
export const guarded = <Input, Output extends Input>(
  guard: (value: unknown) => value is Output,
  code: IssueCode,
  says: (value: unknown) => string,
) =>
  z.custom<Input>().transform((value, context): Output => {
    if (guard(value)) return value;
    context.issues.push({ code: 'custom', input: value, message: says(value), params: { code } });
    return z.NEVER;
  });

/** The fields of an argument: a value that is no object (null, a number) is read as one without any, so each field it lacks is reported by name. */
const fieldsOf = (value: unknown): object =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};

/**
 * An argument with fields: `fields`, with a value that is no object read as an empty one (so
 * `allocate(null, …)` names the amount and the currency it lacks). Its type is `fields`' input.
 * @example
 * const span = withFields(z.object({ start: z.string(), end: z.string() }));
 */
export const withFields = <Fields extends z.ZodType>(fields: Fields) =>
  z.preprocess((value: z.input<Fields>) => fieldsOf(value), fields);

/** The number of decimal places a decimal string is written with ("1.005" has 3). */
const placesOf = (text: string): number => Decimal.of(text).scale;

/**
 * An amount of money as an argument, `{ amount, currency }`: a known currency, and a decimal
 * string with no more decimal places than the currency has. `example` is the amount the message
 * shows as a model.
 * @example
 * const total = moneyArgument('1250000.00'); // total.parse({ amount: '1.00', currency: 'GBP' })
 */
export const moneyArgument = (example: string) =>
  withFields(
    z
      .object({
        currency: guarded<string, CurrencyCode>(
          isCurrencyCode,
          'unknown_currency',
          (currency) => `currency ${show(currency)} is not one of ${CURRENCY_CODES.join(', ')}`,
        ),
        amount: guarded<string, string>(
          isDecimalText,
          'invalid_amount',
          (amount) => `amount must be a decimal string such as "${example}", got ${show(amount)}`,
        ),
      })
      .superRefine(({ currency, amount }, context) => {
        if (placesOf(amount) > minorUnits(currency))
          context.addIssue({
            code: 'custom',
            path: ['amount'],
            message: `amount ${amount} has more decimal places than ${currency} has (${minorUnits(currency)})`,
            params: { code: 'too_many_decimals' },
          });
      }),
  );

/** What a function is called and the options it knows, for the message refusing an option it does not. */
interface Callee {
  readonly name: string;
  readonly options?: readonly string[];
}

/**
 * The problems zod found with `callee`'s arguments, as the library's issues: each at its path
 * (`total.amount`, `weights.a`, `options.frequency`), with the code the schema gave it, and an
 * option the function does not know as `unknown_option`, naming the ones it does.
 * @example
 * argumentIssues(error, { name: 'proRata', options: ['dayCount', 'monthEnd'] });
 * // [{ path: 'options.dayCont', code: 'unknown_option', message: "'dayCont' is not an option of proRata: did you mean 'dayCount'? (its options: dayCount, monthEnd)" }]
 */
function argumentIssues(error: z.ZodError, callee: Callee): Issue[] {
  return error.issues.flatMap((issue): Issue[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        code: 'unknown_option',
        message: `'${key}' is not an option of ${callee.name}${suggestion(key, callee.options ?? [], 'its options')}`,
      }));
    return [{ path: formatPath(issue.path), code: schemaIssueCode(issue), message: issue.message }];
  });
}

/**
 * `args` as `schema` reads them, or a ContractError listing every problem with them at once.
 * @example
 * const { total } = parseArguments(z.object({ total: moneyArgument('1.00') }), { total }, { name: 'allocate' });
 */
export function parseArguments<Schema extends z.ZodType>(
  schema: Schema,
  args: z.input<Schema>,
  callee: Callee,
): z.output<Schema> {
  const tooBig = limitIssues(args, ARGUMENT_LIMITS);
  if (tooBig.length > 0) throw new ContractError(tooBig);
  const parsed = schema.safeParse(args, { error: inOurWords });
  if (parsed.success) return parsed.data;
  throw new ContractError(argumentIssues(parsed.error, callee));
}

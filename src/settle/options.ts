import { schemaIssueCode } from '../base/codes.js';
import * as z from 'zod';
import { show, type Issue } from '../base/errors.js';
import { isIsoDate, inOurWords } from '../base/schema.js';
import { suggestion } from '../base/suggest.js';
import type { Settlement } from './schema.js';
import type { Contract, ContractInput } from '../contract/schema.js';
import type { MeasurementInput } from '../measure/schema.js';

/** The previous year's settlement with the files it was made from, to be settled again and compared. */
export interface BroughtForwardWithFiles {
  readonly settlement: Settlement;
  readonly contract: Contract | ContractInput;
  readonly measurements: readonly MeasurementInput[];
}

/**
 * The options of `settle` (and `restate`, which passes them on), as a schema: the `SettleOptions`
 * type is inferred from it, and an option the library does not know is refused rather than
 * ignored (a misspelt `asof` would otherwise settle the whole year without a word).
 */

const dateOption = (name: 'asOf' | 'knownAt') =>
  z
    .custom<string>((value) => typeof value === 'string' && isIsoDate(value), {
      error: (issue) => `${name} must be a real date written YYYY-MM-DD (years 1900 to 2999), got ${show(issue.input)}`,
      params: { code: 'invalid_date' },
    })
    .optional();

const settleOptionsSchema = z.strictObject({
  /** The id of the settlement period (one of the contract's `periods`). */
  period: z.string(),
  /**
   * Settle the period only up to and including this date (YYYY-MM-DD): an interim settlement of the
   * year to date, always provisional. The year's amounts are cut to the days (or months) settled.
   */
  asOf: dateOption('asOf'),
  /**
   * The settlement of the previous contract year, when the contract carries money forward: an
   * outcome pool's unearned money (destination "next-year") is added to this year's funding of the
   * same pool, a risk-share pool's carried deficit (`deficit: "carry-forward"`) to this year's
   * variance; each traced to that settlement's inputs hash and recorded in
   * `resolution.broughtForward`. A part of the year (a quarter, a year to date) brings in its part
   * of the year's amount. `"none"` says there is nothing to bring. Required (`carry_forward_missing`)
   * for a period of any year after the contract's first when a pool carries money between years.
   * Checked against the settlement's schema and its `settlementHash` when settled, with what it
   * must be. Given as `{ settlement, contract, measurements }`, the previous year is settled
   * again from its files and must give the settlement byte for byte.
   */
  broughtForward: z.custom<Settlement | 'none' | BroughtForwardWithFiles>(() => true).optional(),
  /**
   * Settle with what was known on this date (YYYY-MM-DD): measurements `received` after it are
   * left out, so an earlier settlement can be reproduced from a file that has since grown.
   */
  knownAt: dateOption('knownAt'),
});

/** What `settle` is told besides the contract and the measurements. */
export type SettleOptions = Readonly<z.input<typeof settleOptionsSchema>>;

const OPTION_NAMES = Object.keys(settleOptionsSchema.shape);
/** The options but the period, which is checked against the contract's periods first (made once: a schema is costly to derive). */
const otherOptions = settleOptionsSchema.omit({ period: true });

/**
 * The problems with the options given to `settle`, other than its period (checked against the
 * contract's periods first): every one at once, each at `options.<name>`.
 */
export function settleOptionIssues(options: unknown): Issue[] {
  if (typeof options !== 'object' || options === null) return [];
  const rest = Object.fromEntries(Object.entries(options).filter(([key]) => key !== 'period'));
  const parsed = otherOptions.safeParse(rest, { error: inOurWords });
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue): Issue[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        path: `options.${key}`,
        code: 'unknown_option',
        message: `'${key}' is not an option of settle${suggestion(key, OPTION_NAMES, 'its options')}`,
      }));
    return [{ path: `options.${issue.path.join('.')}`, code: schemaIssueCode(issue), message: issue.message }];
  });
}

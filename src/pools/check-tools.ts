import type { IssueCode } from '../base/codes.js';
import type { Decimal } from '../money/decimal.js';
import type { Raw } from '../base/raw.js';

/**
 * What a pool kind's checks are given by `validateContract`: how to report a problem, the
 * general checks (minor units, unique ids), and what the rest of the contract declares (parties,
 * providers, outcome pools, periods). A pool kind's `schema.ts` and `checks.ts` sit below
 * `contract/`, which composes them, so they import nothing above `share/` (test/architecture).
 */

/** Where a pool's field sits in the contract: `at('members', 2)` → `['pools', 0, 'members', 2]`. */
export type At = (...rest: PropertyKey[]) => PropertyKey[];

/** How a pool's checks report a problem, check amounts and ids, and look up the rest of the contract. */
export interface CheckTools {
  readonly add: (path: PropertyKey[], code: IssueCode, message: string) => void;
  /** Reports what is probably a mistake but changes no figure: it reaches `warnings`, never `issues`. */
  readonly warn: (path: PropertyKey[], code: IssueCode, message: string) => void;
  readonly checkMinorUnits: (value: unknown, path: PropertyKey[]) => void;
  readonly checkUnique: (items: unknown[], path: PropertyKey[], what: string) => void;
  readonly mustBeParty: (partyId: unknown, path: PropertyKey[], role?: 'provider' | 'commissioner') => boolean;
  readonly contractValue: (partyId: string) => Decimal | undefined;
  readonly providers: readonly string[];
  readonly outcomePools: ReadonlySet<string>;
  readonly periods: ReadonlySet<string>;
}

/** What every pool's checks are given: the tools, and what the outcome pools' checks share across the contract. */
export interface PoolCheckTools extends CheckTools {
  readonly partyById: ReadonlyMap<string, Raw>;
  /** Per party, the percentage of its contract value at risk so far, and where the last was declared. */
  readonly atRiskPercent: Map<string, { total: Decimal; path: PropertyKey[] }>;
  /** Metric id → where it was first declared (metric ids are unique across pools). */
  readonly metricIds: Map<string, string>;
}

/** A pool kind's checks: reports through `tools.add` what its schema cannot say. */
export type PoolCheck = (pool: Raw, at: At, poolId: string, tools: PoolCheckTools) => void;

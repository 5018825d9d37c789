import type { Pool } from './schema.js';
import type { Contribution } from './outcome/schema.js';
import type { Decimal } from '../money/decimal.js';
import type { MeasuresRead } from '../measure/resolve.js';
import type { GatewayResult, MetricResult, PartyPoolStatement, PoolResult } from './outcome/result-schema.js';
import type { PartyRiskShareStatement } from './result-schema.js';
import type { PointsSchemeResult } from './points/result-schema.js';
import type { PooledBudgetResult } from './pooled-budget/result-schema.js';
import type { RateCardResult } from './rate-card/result-schema.js';
import type { RiskSharePoolResult } from './risk-share/result-schema.js';
import type { Cutter, PoolContext } from './context.js';

/** The pool kinds, and the declaration of each. */
export type PoolByKind = { readonly [K in Pool['kind']]: Extract<Pool, { readonly kind: K }> };

/**
 * What a party gets from one pool, for its statement: an outcome pool's figures (contributed,
 * earned, redistributed, returned), or a signed amount that is shared (risk shares and pooled
 * budgets: + received, − borne) or priced (points schemes and rate cards: + received, − paid).
 */
type PartyShare =
  | {
      readonly group: 'pools';
      readonly statement: PartyPoolStatement;
      readonly contributed: bigint;
      readonly earned: bigint;
      readonly redistributed: bigint;
      readonly returned: bigint;
    }
  | {
      readonly group: 'riskShares' | 'pricedOutcomes';
      readonly statement: PartyRiskShareStatement;
      readonly units: bigint;
    };

/** The lists of a settlement that pool results go into, each in the order of pool id. */
export interface SettlementLists {
  readonly metrics: MetricResult[];
  readonly gateways: GatewayResult[];
  readonly pools: PoolResult[];
  readonly riskShares: RiskSharePoolResult[];
  readonly pooledBudgets: PooledBudgetResult[];
  readonly pointsSchemes: PointsSchemeResult[];
  readonly rateCards: RateCardResult[];
}

/** An outcome pool's weighted score and what each party put in, for pools settled after it. */
interface PoolScore {
  readonly score: Decimal;
  readonly node: string;
  readonly contributed: ReadonlyMap<string, bigint>;
}

/** One pool as settled, in the terms the settlement pipeline needs. */
export interface SettledPool {
  readonly provisional: boolean;
  /** Per party taking part in any way. */
  readonly parties: ReadonlyMap<string, PartyShare>;
  /** Puts the pool's results into the settlement's lists. */
  list(into: SettlementLists): void;
  /** For an outcome pool: its score, which a risk-share rate may be adjusted by. */
  readonly score?: PoolScore;
}

/** What pools settled before this one in the same settlement make known to it (outcome pools' scores, by pool id). */
export type EarlierPools = ReadonlyMap<string, PoolScore>;

/**
 * One kind of pool: how it is cut for a part of a year, which measurements it reads and how it
 * is settled. Each kind is one folder under `pools/`, registered once in `pools/index.ts`.
 */
export interface PoolKind<P extends Pool> {
  readonly kind: P['kind'];
  /** Adds the measures this pool reads (metrics it scores, other measures, a measure's `per`). */
  reads(pool: P, into: MeasuresRead): void;
  /** The pool for what is settled: year amounts cut to the part of the year, parties pro-rated. */
  cut(pool: P, cutter: Cutter): P;
  /** Whether the pool changes for this contract year even when nothing is cut (a rebased baseline). */
  changesIn?(pool: P, yearId: string): boolean;
  /**
   * The contributions a party puts in that are worked out on the year (an amount, or a percentage
   * of its contract value), so that for a part of a year its guaranteed payment and its part at
   * risk are cut from the same year's figures.
   */
  contributionsOnTheYear?(pool: P): readonly Contribution[];
  /** Whether the pool carries money out of a contract year into the next (so the next year must be told what came). */
  carriesForward?(pool: P): boolean;
  /** Settles the pool for the period. */
  settle(pool: P, ctx: PoolContext, earlier: EarlierPools): SettledPool;
}

/**
 * A pool settled as signed amounts per party (risk shares, pooled budgets, points schemes, rate
 * cards), in the pipeline's terms: each party's statement and amount in `group`, and the pool's
 * result put into the settlement's list by `list`.
 */
export function signedShares<Result>(
  outcome: {
    readonly pool: Result;
    readonly parties: ReadonlyMap<string, { readonly units: bigint; readonly statement: PartyRiskShareStatement }>;
    readonly provisional: boolean;
  },
  group: 'riskShares' | 'pricedOutcomes',
  list: (into: SettlementLists, result: Result) => void,
): SettledPool {
  return {
    provisional: outcome.provisional,
    parties: new Map([...outcome.parties].map(([party, { units, statement }]) => [party, { group, statement, units }])),
    list: (into) => list(into, outcome.pool),
  };
}

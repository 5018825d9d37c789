import type { CurrencyCode } from '../money/currency.js';
import type { RoundingMode } from '../money/rounding.js';
import type { TraceNode } from '../base/trace.js';

/** Field name → id of the trace node that explains that figure. */
export type TraceRefs<Field extends string> = Readonly<Record<Field, string>>;

/** A metric's result for the period. Ratios are decimal strings, amounts in minor-unit precision. */
export interface MetricResult {
  readonly pool: string;
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly direction: 'higher-is-better' | 'lower-is-better';
  /** The measured value in the metric's unit, or null when there was none. */
  readonly measured: string | null;
  readonly status: 'final' | 'provisional' | 'missing';
  readonly source: string | null;
  /** scored; score-zero (missing, scored 0 by policy); excluded (missing, weight given to the others). */
  readonly treatment: 'scored' | 'score-zero' | 'excluded';
  readonly score: string;
  /** The metric's effective share of its pool, as a fraction (after any reweighting). */
  readonly weight: string;
  readonly weightedScore: string;
  /** The metric's part of the pool's funding (largest remainder over the weights). */
  readonly atRisk: string;
  /** What the score earned for this metric, before any gateway. */
  readonly earnedByScore: string;
  readonly trace: TraceRefs<'score' | 'weight' | 'weightedScore' | 'atRisk' | 'earnedByScore'> &
    Partial<TraceRefs<'measured'>>;
}

export interface GatewayResult {
  readonly pool: string;
  readonly id: string;
  /** null for a pool gateway; the provider for a provider gateway. */
  readonly party: string | null;
  readonly measured: string | null;
  readonly threshold: string;
  readonly met: boolean;
  readonly trace: TraceRefs<'met'>;
}

/**
 * A provider's part of what a pool earned by score: its exact share of the rounded amount being
 * split (the pool total, or each metric's when rounding per metric, summed), the floor it got,
 * and the minor units the largest-remainder rule added.
 */
export interface PoolAllocationPart {
  readonly id: string;
  readonly exactShare: string;
  readonly floor: string;
  readonly unitsAdded: number;
  readonly amount: string;
}

export interface PartyAmount {
  readonly party: string;
  readonly amount: string;
}

export interface PoolResult {
  readonly id: string;
  readonly name: string;
  readonly kind: 'outcome';
  readonly funding: string;
  readonly contributions: readonly PartyAmount[];
  /** The pool's weighted score: the sum of its metrics' weighted scores. */
  readonly score: string;
  /** What the scores earned, before gateways. */
  readonly earnedByScore: string;
  /** What providers earned after gateways. */
  readonly earned: string;
  /** Earned by score but lost to a failed gateway. */
  readonly forfeited: string;
  /** Not earned by score: funding − earned by score. */
  readonly unearned: string;
  /**
   * Part of the funding carried forward into it from the previous contract year (`broughtForward`
   * option): for a part of a year, that part's share of the year's amount.
   */
  readonly broughtForward: string;
  /** Unearned or forfeited money carried forward to the next contract year (destination "next-year"). */
  readonly carriedForward: string;
  /** How the money earned by score was split between providers (before gateways). */
  readonly allocation: readonly PoolAllocationPart[];
  readonly unearnedTo: { readonly rule: string; readonly parts: readonly PartyAmount[] };
  readonly forfeitedTo: { readonly rule: string; readonly parts: readonly PartyAmount[] };
  /** in = funding; out = earned + unearned and forfeited paid on; difference is always zero. */
  readonly conservation: { readonly in: string; readonly out: string; readonly difference: string };
  readonly trace: TraceRefs<
    'funding' | 'score' | 'earnedByScore' | 'earned' | 'forfeited' | 'unearned' | 'conservation'
  >;
}

export interface PartyPoolStatement {
  readonly pool: string;
  readonly contributed: string;
  readonly earnedByScore: string;
  readonly earned: string;
  readonly forfeited: string;
  /** Unearned or forfeited money passed on to this provider because it earned its own. */
  readonly redistributed: string;
  /** Unearned or forfeited money returned to this party as a contributor, or kept as the named commissioner. */
  readonly returned: string;
  readonly trace: TraceRefs<'contributed' | 'earnedByScore' | 'earned' | 'forfeited' | 'redistributed' | 'returned'>;
}

/** One step of a risk-share pool as applied: the amount after it, exact (rounded only where declared). */
export interface RiskShareStepResult {
  readonly id: string;
  readonly type: 'corridor' | 'rate' | 'bands' | 'cap' | 'deduction' | 'adjustment' | 'round' | 'gateway';
  /** Whether the step acted on this period's side (gain or loss); a step for the other side is skipped. */
  readonly applied: boolean;
  /** The amount being shared after this step (a magnitude: of the gain, or of the loss). */
  readonly amount: string;
  readonly trace: TraceRefs<'amount'>;
}

/** A member's part of the alliance's share, signed: + it receives, − it bears. */
export interface RiskSharePart {
  readonly party: string;
  /** Its weight under the distribution basis. */
  readonly weight: string;
  readonly exactShare: string;
  readonly floor: string;
  readonly unitsAdded: number;
  readonly amount: string;
  /** Whether its cap held it below its share. */
  readonly capped: boolean;
}

/**
 * A risk-share pool's result. Signs are from each party's side: + money it receives (a gain
 * share, a saving the commissioner keeps), − money it bears (a loss share, the rest of a deficit).
 * The members' parts plus the commissioner's side always add up to the variance exactly.
 */
export interface RiskSharePoolResult {
  readonly id: string;
  readonly name: string;
  readonly kind: 'risk-share';
  readonly budgetKind: 'control-total' | 'benchmark' | 'target-cost';
  readonly budget: string;
  readonly outturn: string;
  /** budget − outturn: positive is a surplus (saving), negative a deficit (overspend). */
  readonly variance: string;
  readonly side: 'gain' | 'loss' | 'none';
  /** Per member, when budgets are declared per member: its budget, outturn and variance. */
  readonly members: readonly {
    readonly party: string;
    readonly budget: string;
    readonly outturn: string;
    readonly variance: string;
  }[];
  readonly steps: readonly RiskShareStepResult[];
  /** The alliance's share after every step, rounded to the minor unit, signed. */
  readonly allianceShare: string;
  readonly parts: readonly RiskSharePart[];
  /** What capped members could not take and the contract sends to the commissioner (signed as the share). */
  readonly overflowToCommissioner: string;
  /** The commissioner's side: variance − the members' parts. */
  readonly commissionerShare: string;
  readonly commissioner: string;
  /**
   * A deficit of the previous contract year carried into this year's variance (negative), or 0.00;
   * for a part of a year, that part's share of it.
   */
  readonly broughtForward: string;
  /** The members' share of a deficit not charged this year but carried into the next (`deficit: "carry-forward"`), or 0.00. */
  readonly carriedForward: string;
  /** variance = members' parts charged + commissioner's side + carried forward; difference is always zero. */
  readonly conservation: { readonly variance: string; readonly shared: string; readonly difference: string };
  readonly trace: TraceRefs<'variance' | 'allianceShare' | 'commissionerShare' | 'conservation'>;
}

/** A pooled budget's result: lines, the overspend waterfall and the partners' shares of the net result. */
export interface PooledBudgetResult {
  readonly id: string;
  readonly name: string;
  readonly kind: 'pooled-budget';
  /** What the partners put in: the lines' budgets plus the reserve. */
  readonly contributed: string;
  readonly reserve: string;
  readonly spend: string;
  readonly lines: readonly {
    readonly id: string;
    readonly name: string;
    readonly budget: string;
    readonly spend: string;
    /** budget − spend: positive underspent, negative overspent. */
    readonly variance: string;
    readonly trace: string;
  }[];
  /** Sum of the lines' overspends, and of their underspends. */
  readonly overspend: string;
  readonly underspend: string;
  /** How the overspend was met, in the declared order. */
  readonly waterfall: readonly {
    readonly source: 'underspends' | 'reserve' | 'partners';
    readonly amount: string;
    readonly trace: string;
  }[];
  /** What is left for the partners: + returned to them, − they must add. */
  readonly net: string;
  readonly partners: readonly {
    readonly party: string;
    readonly contributed: string;
    readonly weight: string;
    readonly exactShare: string;
    readonly floor: string;
    readonly unitsAdded: number;
    readonly amount: string;
    /** Whether its maximum contribution held it below its share of an overspend. */
    readonly capped: boolean;
  }[];
  /** An overspend no partner can meet within its maximum contribution (negative), else 0.00. */
  readonly unfunded: string;
  /** in = contributions; out = spend + partners' shares + unfunded; difference is always zero. */
  readonly conservation: { readonly in: string; readonly out: string; readonly difference: string };
  readonly trace: TraceRefs<'net' | 'conservation'>;
}

/** A points scheme's result: per participant and indicator, achievement, points, value and payment. */
export interface PointsSchemeResult {
  readonly id: string;
  readonly name: string;
  readonly kind: 'points';
  readonly payer: string;
  readonly participants: readonly {
    readonly party: string;
    readonly indicators: readonly {
      readonly id: string;
      /** Achievement in per cent: numerator / (denominator − exclusions) × 100. */
      readonly achievement: string;
      readonly numerator: string | null;
      readonly denominator: string | null;
      /** The exclusions, shown separately (with their reasons when given). */
      readonly exclusions: string | null;
      readonly points: string;
      /** The value of a point for this indicator after its adjustment factors. */
      readonly valuePerPoint: string;
      readonly payment: string;
      readonly trace: TraceRefs<'achievement' | 'points' | 'payment'>;
    }[];
    readonly total: string;
  }[];
  /** What the payer pays in all. */
  readonly total: string;
  readonly trace: TraceRefs<'total'>;
}

/** A rate card's result: every claim with the caps that cut it, each provider's payment, each payer's part. */
export interface RateCardResult {
  readonly id: string;
  readonly name: string;
  readonly kind: 'rate-card';
  readonly claims: readonly {
    readonly provider: string;
    readonly outcome: string;
    readonly cohort: string | null;
    readonly person: string | null;
    readonly count: string;
    readonly price: string;
    /** count × price, before caps. */
    readonly claimed: string;
    /** After every cap. */
    readonly paid: string;
    /** What each cap cut from this claim, in the order applied. */
    readonly cuts: readonly { readonly cap: string; readonly amount: string }[];
  }[];
  readonly caps: readonly {
    readonly id: string;
    readonly per: string;
    readonly amount: string;
    readonly cut: string;
    readonly trace: string;
  }[];
  readonly providers: readonly { readonly party: string; readonly claimed: string; readonly received: string }[];
  readonly payers: readonly {
    readonly party: string;
    readonly percent: string;
    /** Its share of the payments. */
    readonly owed: string;
    /** What it pays, within its budget. */
    readonly paid: string;
    /** Owed but past its budget. */
    readonly unfunded: string;
  }[];
}

/** A party's part in one risk-share pool, pooled budget or points scheme, signed: + it receives, − it bears or pays. */
export interface PartyRiskShareStatement {
  readonly pool: string;
  readonly shared: string;
  readonly trace: TraceRefs<'shared'>;
}

/** What one party gets in this settlement, by component. */
export interface PartyStatement {
  readonly id: string;
  readonly name: string;
  readonly role: 'commissioner' | 'provider';
  readonly contractValue: string | null;
  /** Put into pools: fixed contributions and contract value held at risk. */
  readonly contributed: string;
  /** Contract value less what it put at risk; null for a party with no contract value. */
  readonly guaranteed: string | null;
  readonly earned: string;
  readonly redistributed: string;
  readonly returned: string;
  /** Its gain or loss shares over the risk-share pools (for a commissioner, its side) and its over- or underspend shares of pooled budgets, signed. */
  readonly shared: string;
  /** What it received (+) or paid (−) for outcomes priced by points schemes and rate cards. */
  readonly priced: string;
  /** guaranteed + earned + redistributed + returned + shared + priced. */
  readonly total: string;
  /** Its statements in the outcome pools. */
  readonly pools: readonly PartyPoolStatement[];
  /** Its statements in the risk-share pools and pooled budgets. */
  readonly riskShares: readonly PartyRiskShareStatement[];
  /** Its statements in the points schemes and rate cards. */
  readonly pricedOutcomes: readonly PartyRiskShareStatement[];
  /** For a provider: its total against what it was paid on account, and the balance; null for a commissioner. */
  readonly reconciliation: Reconciliation | null;
  readonly trace: TraceRefs<'contributed' | 'earned' | 'redistributed' | 'returned' | 'shared' | 'priced' | 'total'> &
    Partial<TraceRefs<'guaranteed'>>;
}

/** The result of `settle`: every figure as a decimal string, every figure traced. */
export interface Settlement {
  readonly engine: { readonly name: 'alliance-payments'; readonly version: string };
  readonly contract: { readonly id: string; readonly name: string; readonly version: string };
  /** The variations in force in the version settled, in date order. */
  readonly variations: readonly {
    readonly id: string;
    readonly effectiveFrom: string;
    readonly version: string;
    readonly clause: string | null;
  }[];
  readonly period: {
    readonly id: string;
    readonly start: string;
    readonly end: string;
    /** The span the outcome data covers, where the contract declares one other than the period. */
    readonly measuredOver?: { readonly start: string; readonly end: string };
  };
  readonly currency: CurrencyCode;
  readonly rounding: {
    readonly mode: RoundingMode;
    readonly point: 'pool' | 'metric';
    readonly ratioDecimalPlaces: number;
  };
  /** "provisional" while any measurement used is provisional. */
  readonly status: 'final' | 'provisional';
  /**
   * SHA-256 of the canonical inputs (contract, this period's measurements, period id, and `asOf`,
   * `knownAt` and what was brought forward when given).
   */
  readonly inputsHash: string;
  /** How the contract was applied to what is settled: the part of the year, parties in force part-way, amounts cut. */
  readonly resolution: SettlementResolution;
  readonly metrics: readonly MetricResult[];
  readonly gateways: readonly GatewayResult[];
  /** The outcome pools. */
  readonly pools: readonly PoolResult[];
  /** The risk-share pools. */
  readonly riskShares: readonly RiskSharePoolResult[];
  /** The pooled budgets. */
  readonly pooledBudgets: readonly PooledBudgetResult[];
  /** The points schemes. */
  readonly pointsSchemes: readonly PointsSchemeResult[];
  /** The rate cards. */
  readonly rateCards: readonly RateCardResult[];
  /**
   * The measurements the settlement used: of its period, the highest revision of each figure, in
   * code-point order of metric, party, cohort and person. Superseded revisions are not listed
   * (the inputs hash still covers them).
   */
  readonly measurements: readonly MeasurementUsed[];
  /** Payments on account for the contract year: every schedule, party and instalment. */
  readonly paymentsOnAccount: readonly PaymentOnAccountResult[];
  /**
   * When a variation took effect inside the period and the contract splits such periods pro rata:
   * each version's part of the period, settled on its own. The parties' figures above are then
   * the sums of theirs (traced to them), and the pools, metrics and schemes are in the parts.
   * Empty otherwise.
   */
  readonly segments: readonly SettlementSegment[];
  readonly parties: readonly PartyStatement[];
  readonly trace: Readonly<Record<string, TraceNode>>;
}

/**
 * How the year's contract was applied to what was settled. Every amount that differs from the
 * declared one is listed with its trace node: cut to a part of the year (a quarter, a year to
 * date) and pro-rated for a party that joins or leaves part-way.
 */
export interface SettlementResolution {
  readonly calendar: { readonly dayCount: 'actual/actual' | 'twelfths'; readonly monthEnd: 'clamp' | 'end-of-month' };
  /** The contract year the period belongs to. */
  readonly year: { readonly start: string; readonly end: string };
  /** What was settled: the period, or the period up to `asOf`. */
  readonly coverage: { readonly start: string; readonly end: string };
  /** The part of the year settled in words ("183 of 365 days (actual/actual)"); null for a whole year. */
  readonly partOfYear: string | null;
  readonly inForce: readonly {
    readonly party: string;
    /** Its first and last days in force in what is settled; null when it is not in force at all. */
    readonly from: string | null;
    readonly to: string | null;
    readonly proRata: string;
    readonly fraction: string;
    readonly trace: string;
  }[];
  readonly adjusted: readonly {
    readonly path: string;
    readonly declared: string;
    readonly value: string;
    readonly trace: string;
  }[];
  /**
   * What was brought forward from the previous contract year (the `broughtForward` option), so
   * that the settlement can be checked and restated with the same money: null when nothing was
   * given (no previous year, or no pool carries money between years).
   */
  readonly broughtForward: BroughtForwardRecord | null;
}

/**
 * The money a settlement brought forward from the previous contract year. The amounts are the
 * year's; a part of a year settles its part of them (listed in `resolution.adjusted`, paths
 * `pools[<id>].broughtForward`), and each pool's `broughtForward` shows that part.
 */
export interface BroughtForwardRecord {
  /**
   * The settlement of the previous contract year it came from: its period id and inputs hash;
   * null when the settlement was told there is nothing to bring (`broughtForward: "none"`).
   */
  readonly from: { readonly period: string; readonly inputsHash: string } | null;
  /**
   * Per pool that carried money (outcome pools: unearned or forfeited money; risk-share pools: a
   * deficit, negative), the year's amount, in code-point order of pool id.
   */
  readonly pools: readonly { readonly pool: string; readonly amount: string }[];
}

/** One schedule of payments on account for the contract year of the period settled. */
export interface PaymentOnAccountResult {
  readonly id: string;
  readonly pays: 'guaranteed' | 'outcome';
  readonly pool: string | null;
  readonly payer: string;
  readonly withheld: boolean;
  readonly parties: readonly {
    readonly party: string;
    /** The year's amount paid on account (0 when withheld). */
    readonly year: string;
    /** The year's instalments, adding up exactly to `year`. */
    readonly instalments: readonly {
      readonly due: string;
      readonly start: string;
      readonly end: string;
      readonly amount: string;
      /** The minor unit the largest-remainder rule added (0 or 1). */
      readonly unitsAdded: 0 | 1;
    }[];
    /** What fell due in what is settled. */
    readonly paid: string;
    readonly trace: TraceRefs<'year' | 'paid'>;
  }[];
  /** What the payer paid under this schedule in what is settled. */
  readonly paid: string;
  readonly clause?: string;
}

/**
 * A provider's reconciliation for what is settled: what it is entitled to (its total), what it
 * was paid on account, and the balance: positive is due to the provider, negative due back from it.
 */
export interface Reconciliation {
  readonly entitlement: string;
  readonly paidOnAccount: string;
  readonly balance: string;
  readonly direction: 'due-to-party' | 'due-from-party' | 'settled';
  readonly trace: TraceRefs<'paidOnAccount' | 'balance'>;
}

/** A measurement a settlement used: which figure, which revision and status, and its value in the measure's unit. */
export interface MeasurementUsed {
  readonly metric: string;
  readonly party: string | null;
  readonly cohort: string | null;
  readonly person: string | null;
  readonly revision: number;
  readonly status: 'provisional' | 'final';
  readonly value: string;
  readonly source: string | null;
}

/** A part of a period settled by one version of the contract. */
export interface SettlementSegment {
  readonly start: string;
  readonly end: string;
  readonly contractVersion: string;
  /** Its part of what was settled, in words ("183 of 365 days (actual/actual)"). */
  readonly proRata: string;
  readonly settlement: Settlement;
}

import * as z from 'zod';
import { figure, readOnly, resultList, resultObject, traceNodeSchema, traceRefs } from '../base/trace.js';
import { CURRENCY_CODES } from '../money/currency.js';
import { ROUNDING_MODES } from '../money/rounding.js';
import {
  gatewayResultSchema,
  metricResultSchema,
  partyPoolStatementSchema,
  poolResultSchema,
} from '../pools/outcome/result-schema.js';
import { pointsSchemeResultSchema } from '../pools/points/result-schema.js';
import { partySharedStatementSchema } from '../pools/result-schema.js';
import { pooledBudgetResultSchema } from '../pools/pooled-budget/result-schema.js';
import { rateCardResultSchema } from '../pools/rate-card/result-schema.js';
import { riskSharePoolResultSchema } from '../pools/risk-share/result-schema.js';

/**
 * The settlement, as a schema: what `settle` returns, what is checked when a settlement is passed
 * back in (to `diffSettlements`, `restate`, the `broughtForward` option), and what
 * `settlementJsonSchema` exports. Its types are inferred from it.
 */

/**
 * The version of the settlement document's shape, written in every settlement as `format`. Format 2
 * added the contract and measurements hashes, the options settled with and the document's own
 * hash (`settlementHash`); a format 1 settlement is not read.
 */
export const SETTLEMENT_FORMAT = 2;

/** A SHA-256, as 64 lowercase hex digits. */
const sha256Text = z.string().regex(/^[0-9a-f]{64}$/);

const span = resultObject({ start: z.string(), end: z.string() });

/**
 * A provider's reconciliation for what is settled: what it is entitled to (its total), what it
 * was paid on account, and the balance: positive is due to the provider, negative due back from it.
 */
const reconciliationSchema = resultObject({
  entitlement: figure,
  paidOnAccount: figure,
  balance: figure,
  direction: z.enum(['due-to-party', 'due-from-party', 'settled']),
  trace: traceRefs(['paidOnAccount', 'balance']),
});

/** What one party gets in this settlement, by component. */
const partyStatementSchema = resultObject({
  id: z.string(),
  name: z.string(),
  role: z.enum(['commissioner', 'provider']),
  contractValue: figure.nullable(),
  /** Put into pools: fixed contributions and contract value held at risk. */
  contributed: figure,
  /** Contract value less what it put at risk; null for a party with no contract value. */
  guaranteed: figure.nullable(),
  earned: figure,
  redistributed: figure,
  returned: figure,
  /** Its gain or loss shares over the risk-share pools (for a commissioner, its side) and its over- or underspend shares of pooled budgets, signed. */
  shared: figure,
  /** What it received (+) or paid (−) for outcomes priced by points schemes and rate cards. */
  priced: figure,
  /** guaranteed + earned + redistributed + returned + shared + priced. */
  total: figure,
  /** Its statements in the outcome pools. */
  pools: resultList(partyPoolStatementSchema),
  /** Its statements in the risk-share pools and pooled budgets. */
  riskShares: resultList(partySharedStatementSchema),
  /** Its statements in the points schemes and rate cards. */
  pricedOutcomes: resultList(partySharedStatementSchema),
  /** For a provider: its total against what it was paid on account, and the balance; null for a commissioner. */
  reconciliation: reconciliationSchema.nullable(),
  trace: traceRefs(['contributed', 'earned', 'redistributed', 'returned', 'shared', 'priced', 'total'], ['guaranteed']),
});

/**
 * The money a settlement brought forward from the previous contract year. The amounts are the
 * year's; a part of a year settles its part of them (listed in `resolution.adjusted`, paths
 * `pools[<id>].broughtForward`), and each pool's `broughtForward` shows that part.
 */
const broughtForwardRecordSchema = resultObject({
  /**
   * The settlement of the previous contract year it came from: its period id, inputs hash and
   * settlement hash;
   * null when the settlement was told there is nothing to bring (`broughtForward: "none"`).
   */
  from: resultObject({ period: z.string(), inputsHash: sha256Text, settlementHash: sha256Text }).nullable(),
  /**
   * Per pool that carried money (outcome pools: unearned or forfeited money; risk-share pools: a
   * deficit, negative), the year's amount, in code-point order of pool id.
   */
  pools: resultList(resultObject({ pool: z.string(), amount: figure })),
});

/**
 * How the year's contract was applied to what was settled. Every amount that differs from the
 * declared one is listed with its trace node: cut to a part of the year (a quarter, a year to
 * date) and pro-rated for a party that joins or leaves part-way.
 */
const settlementResolutionSchema = resultObject({
  calendar: resultObject({
    dayCount: z.enum(['actual/actual', 'twelfths']),
    monthEnd: z.enum(['clamp', 'end-of-month']),
  }),
  /** The contract year the period belongs to. */
  year: span,
  /** What was settled: the period, or the period up to `asOf`. */
  coverage: span,
  /** The part of the year settled in words ("183 of 365 days (actual/actual)"); null for a whole year. */
  partOfYear: z.string().nullable(),
  inForce: resultList(
    resultObject({
      party: z.string(),
      /** Its first and last days in force in what is settled; null when it is not in force at all. */
      from: z.string().nullable(),
      to: z.string().nullable(),
      proRata: z.string(),
      fraction: z.string(),
      trace: z.string(),
    }),
  ),
  adjusted: resultList(resultObject({ path: z.string(), declared: z.string(), value: figure, trace: z.string() })),
  /**
   * What was brought forward from the previous contract year (the `broughtForward` option), so
   * that the settlement can be checked and restated with the same money: null when nothing was
   * given (no previous year, or no pool carries money between years).
   */
  broughtForward: broughtForwardRecordSchema.nullable(),
});

/** One schedule of payments on account for the contract year of the period settled. */
const paymentOnAccountResultSchema = resultObject({
  id: z.string(),
  pays: z.enum(['guaranteed', 'outcome']),
  pool: z.string().nullable(),
  payer: z.string(),
  withheld: z.boolean(),
  parties: resultList(
    resultObject({
      party: z.string(),
      /** The year's amount paid on account (0 when withheld). */
      year: figure,
      /** The year's instalments, adding up exactly to `year`. */
      instalments: resultList(
        resultObject({
          due: z.string(),
          start: z.string(),
          end: z.string(),
          amount: figure,
          /** The minor unit the largest-remainder rule added (0 or 1). */
          unitsAdded: z.union([z.literal(0), z.literal(1)]),
        }),
      ),
      /** What fell due in what is settled. */
      paid: figure,
      trace: traceRefs(['year', 'paid']),
    }),
  ),
  /** What the payer paid under this schedule in what is settled. */
  paid: figure,
  clause: z.string().optional(),
});

/** A measurement a settlement used: which figure, which revision and status, and its value in the measure's unit. */
const measurementUsedSchema = resultObject({
  metric: z.string(),
  party: z.string().nullable(),
  cohort: z.string().nullable(),
  person: z.string().nullable(),
  revision: z.number(),
  status: z.enum(['provisional', 'final']),
  value: figure,
  source: z.string().nullable(),
});

/** What a settlement holds before its segments (which hold settlements: the one recursive part). */
const settlementParts = {
  /** The version of this shape (`SETTLEMENT_FORMAT`), so that a reader years later knows what it holds. */
  format: z.literal(SETTLEMENT_FORMAT),
  engine: resultObject({ name: z.literal('alliance-payments'), version: z.string() }),
  contract: resultObject({ id: z.string(), name: z.string(), version: z.string() }),
  /**
   * SHA-256 of the contract's canonical JSON: RFC 8785 (JCS) over the validated contract (defaults
   * filled in) with its order-free lists (parties, pools, metrics…) sorted by id, so that the
   * same contract written in another order or with its defaults left out has the same hash.
   */
  contractHash: sha256Text,
  /**
   * SHA-256 of the canonical JSON of the measurements given for this period, every revision
   * (JCS over the list sorted by metric, party, cohort, person, then canonical text).
   */
  measurementsHash: sha256Text,
  /** Every option that changed the result, as given (null when not given). */
  options: resultObject({
    period: z.string(),
    asOf: z.string().nullable(),
    knownAt: z.string().nullable(),
    /** The previous year's settlement brought forward: its period and settlement hash; "none" when told there is none. */
    broughtForward: z
      .union([z.literal('none'), resultObject({ period: z.string(), settlementHash: sha256Text })])
      .nullable(),
  }),
  /** The variations in force in the version settled, in date order. */
  variations: resultList(
    resultObject({ id: z.string(), effectiveFrom: z.string(), version: z.string(), clause: z.string().nullable() }),
  ),
  period: resultObject({
    id: z.string(),
    start: z.string(),
    end: z.string(),
    /** The span the outcome data covers, where the contract declares one other than the period. */
    measuredOver: span.optional(),
  }),
  currency: z.enum(CURRENCY_CODES),
  rounding: resultObject({
    mode: z.enum(ROUNDING_MODES),
    point: z.enum(['pool', 'metric']),
    ratioDecimalPlaces: z.number(),
  }),
  /** "provisional" while any measurement used is provisional. */
  status: z.enum(['final', 'provisional']),
  /** SHA-256 of the JCS text of `{ contractHash, measurementsHash, options }`: the inputs in one hash. */
  inputsHash: sha256Text,
  /**
   * SHA-256 of the JCS text of this whole document without its `settlementHash`: any edit since it
   * was settled is caught by this hash, which any RFC 8785 tool and `sha256sum` reproduce.
   */
  settlementHash: sha256Text,
  /**
   * What validating the contract warned about: read as written, no figure changed by it (for
   * instance a minimum savings rate of "0.02", read as 0.02 % where the scheme may mean 2 %).
   */
  warnings: resultList(resultObject({ path: z.string(), code: z.string(), message: z.string() })),
  /** How the contract was applied to what is settled: the part of the year, parties in force part-way, amounts cut. */
  resolution: settlementResolutionSchema,
  metrics: resultList(metricResultSchema),
  gateways: resultList(gatewayResultSchema),
  /** The outcome pools. */
  pools: resultList(poolResultSchema),
  /** The risk-share pools. */
  riskShares: resultList(riskSharePoolResultSchema),
  /** The pooled budgets. */
  pooledBudgets: resultList(pooledBudgetResultSchema),
  /** The points schemes. */
  pointsSchemes: resultList(pointsSchemeResultSchema),
  /** The rate cards. */
  rateCards: resultList(rateCardResultSchema),
  /**
   * The measurements the settlement used: of its period, the highest revision of each figure, in
   * code-point order of metric, party, cohort and person. Superseded revisions are not listed
   * (the inputs hash still covers them).
   */
  measurements: resultList(measurementUsedSchema),
  /** Payments on account for the contract year: every schedule, party and instalment. */
  paymentsOnAccount: resultList(paymentOnAccountResultSchema),
};
const settlementTail = {
  parties: resultList(partyStatementSchema),
  trace: readOnly(z.record(z.string(), traceNodeSchema)),
};

const segmentParts = {
  start: z.string(),
  end: z.string(),
  contractVersion: z.string(),
  /** Its part of what was settled, in words ("183 of 365 days (actual/actual)"). */
  proRata: z.string(),
};

/** The result of `settle`: every figure as a decimal string, every figure traced. */
export type Settlement = Readonly<z.infer<z.ZodObject<typeof settlementParts>>> & {
  /**
   * When a variation took effect inside the period and the contract splits such periods pro rata:
   * each version's part of the period, settled on its own. The parties' figures above are then
   * the sums of theirs (traced to them), and the pools, metrics and schemes are in the parts.
   * Empty otherwise.
   */
  readonly segments: readonly SettlementSegment[];
} & Readonly<z.infer<z.ZodObject<typeof settlementTail>>>;

/** A part of a period settled by one version of the contract. */
export type SettlementSegment = Readonly<z.infer<z.ZodObject<typeof segmentParts>>> & {
  readonly settlement: Settlement;
};

/** The result of `settle`: every figure as a decimal string, every figure traced. */
export const settlementSchema: z.ZodType<Settlement> = readOnly(
  z.strictObject({
    ...settlementParts,
    segments: z.lazy(() => resultList(settlementSegmentSchema)),
    ...settlementTail,
  }),
);

/** A part of a period settled by one version of the contract. */
const settlementSegmentSchema: z.ZodType<SettlementSegment> = readOnly(
  z.strictObject({ ...segmentParts, settlement: z.lazy(() => settlementSchema) }),
);

export type SettlementResolution = z.infer<typeof settlementResolutionSchema>;
export type BroughtForwardRecord = z.infer<typeof broughtForwardRecordSchema>;
export type PaymentOnAccountResult = z.infer<typeof paymentOnAccountResultSchema>;
export type Reconciliation = z.infer<typeof reconciliationSchema>;
export type MeasurementUsed = z.infer<typeof measurementUsedSchema>;
export type PartyStatement = z.infer<typeof partyStatementSchema>;

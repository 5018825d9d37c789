import * as z from 'zod';
import { figure, resultList, resultObject, traceRefs } from '../../base/trace.js';

/** A metric's result for the period. Ratios are decimal strings, amounts in minor-unit precision. */
export const metricResultSchema = resultObject({
  pool: z.string(),
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  /** The measured value in the metric's unit, or null when there was none. */
  measured: figure.nullable(),
  status: z.enum(['final', 'provisional', 'missing']),
  source: z.string().nullable(),
  /** scored; score-zero (missing, scored 0 by policy); excluded (missing, weight given to the others). */
  treatment: z.enum(['scored', 'score-zero', 'excluded']),
  score: figure,
  /** The metric's effective share of its pool, as a fraction (after any reweighting). */
  weight: figure,
  weightedScore: figure,
  /** The metric's part of the pool's funding (largest remainder over the weights). */
  atRisk: figure,
  /** What the score earned for this metric, before any gateway. */
  earnedByScore: figure,
  trace: traceRefs(['score', 'weight', 'weightedScore', 'atRisk', 'earnedByScore'], ['measured']),
});

export const gatewayResultSchema = resultObject({
  pool: z.string(),
  id: z.string(),
  /** null for a pool gateway; the provider for a provider gateway. */
  party: z.string().nullable(),
  measured: figure.nullable(),
  threshold: figure,
  met: z.boolean(),
  trace: traceRefs(['met']),
});

/**
 * A provider's part of what a pool earned by score: its exact share of the rounded amount being
 * split (the pool total, or each metric's when rounding per metric, summed), the floor it got,
 * and the minor units the largest-remainder rule added.
 */
const poolAllocationPartSchema = resultObject({
  id: z.string(),
  exactShare: figure,
  floor: figure,
  unitsAdded: z.number(),
  amount: figure,
});

const partyAmountSchema = resultObject({ party: z.string(), amount: figure });

const destinationResult = resultObject({ rule: z.string(), parts: resultList(partyAmountSchema) });

/** An outcome pool's result: funding, scores, what was earned, and where the rest went. */
export const poolResultSchema = resultObject({
  id: z.string(),
  name: z.string(),
  kind: z.literal('outcome'),
  funding: figure,
  contributions: resultList(partyAmountSchema),
  /** The pool's weighted score: the sum of its metrics' weighted scores. */
  score: figure,
  /** What the scores earned, before gateways. */
  earnedByScore: figure,
  /** What providers earned after gateways. */
  earned: figure,
  /** Earned by score but lost to a failed gateway. */
  forfeited: figure,
  /** Not earned by score: funding − earned by score. */
  unearned: figure,
  /**
   * Part of the funding carried forward into it from the previous contract year (`broughtForward`
   * option): for a part of a year, that part's share of the year's amount.
   */
  broughtForward: figure,
  /** Unearned or forfeited money carried forward to the next contract year (destination "next-year"). */
  carriedForward: figure,
  /** How the money earned by score was split between providers (before gateways). */
  allocation: resultList(poolAllocationPartSchema),
  unearnedTo: destinationResult,
  forfeitedTo: destinationResult,
  /** in = funding; out = earned + unearned and forfeited paid on; difference is always zero. */
  conservation: resultObject({ in: figure, out: figure, difference: figure }),
  trace: traceRefs(['funding', 'score', 'earnedByScore', 'earned', 'forfeited', 'unearned', 'conservation']),
});

/** A party's part in one outcome pool. */
export const partyPoolStatementSchema = resultObject({
  pool: z.string(),
  contributed: figure,
  earnedByScore: figure,
  earned: figure,
  forfeited: figure,
  /** Unearned or forfeited money passed on to this provider because it earned its own. */
  redistributed: figure,
  /** Unearned or forfeited money returned to this party as a contributor, or kept as the named commissioner. */
  returned: figure,
  trace: traceRefs(['contributed', 'earnedByScore', 'earned', 'forfeited', 'redistributed', 'returned']),
});

export type MetricResult = z.infer<typeof metricResultSchema>;
export type GatewayResult = z.infer<typeof gatewayResultSchema>;
export type PoolAllocationPart = z.infer<typeof poolAllocationPartSchema>;
export type PartyAmount = z.infer<typeof partyAmountSchema>;
export type PoolResult = z.infer<typeof poolResultSchema>;
export type PartyPoolStatement = z.infer<typeof partyPoolStatementSchema>;

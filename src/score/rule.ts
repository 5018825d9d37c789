import type { IssueCode } from '../base/codes.js';
import type * as z from 'zod';
import type { Decimal } from '../money/decimal.js';
import type { Direction } from '../base/schema.js';

/** What a scoring rule knows about its metric besides the measured value. */
export interface MetricFacts {
  readonly direction: Direction;
  readonly baseline?: string | undefined;
}

/** A problem with a rule's declaration, relative to the rule (`['min']`). */
export interface RuleProblem {
  readonly path: readonly PropertyKey[];
  readonly code: IssueCode;
  readonly message: string;
}

/** A score in [0, 1] with the working that produced it, for the trace. */
interface ScoreWorking {
  readonly score: Decimal;
  /** The rule in plain words, with the figures put in. */
  readonly formula: string;
  /** Named inputs beyond the measured value (thresholds, baseline, intermediate ratios). */
  readonly inputs: Readonly<Record<string, string>>;
}

/** A declaration made ready to score: its thresholds parsed once, scoring each measured value. */
export type Scorer = (value: Decimal) => ScoreWorking;

/**
 * One scoring rule: its declaration schema, the checks a schema cannot make, and the pure
 * function from a measured value to a score in [0, 1] that never falls as the value gets better.
 * `prepare` parses the declaration once (a compiled contract keeps the scorer for every
 * settlement of it); `score` is the same for one value.
 */
export interface ScoringRule<Declaration extends { type: string }> {
  readonly type: Declaration['type'];
  readonly schema: z.ZodType<Declaration>;
  check(rule: Declaration, metric: MetricFacts, metricId: string): RuleProblem[];
  prepare(rule: Declaration, metric: MetricFacts, places: number): Scorer;
  score(rule: Declaration, value: Decimal, metric: MetricFacts, places: number): ScoreWorking;
}

/**
 * A scoring rule from its schema, checks and `prepare`; `score` is `prepare` applied to one value,
 * so there is one implementation of the rule.
 * @example
 * export const binary = scoringRule<BinaryRule>({ type: 'binary', schema, check: () => [], prepare: (rule, metric) => (value) => ... });
 */
export const scoringRule = <Declaration extends { type: string }>(
  rule: Omit<ScoringRule<Declaration>, 'score'>,
): ScoringRule<Declaration> => ({
  ...rule,
  score: (declaration, value, metric, places) => rule.prepare(declaration, metric, places)(value),
});

/** "at least" or "at most", as the direction reads. */
export const atLeastAsGood = (direction: Direction, value: Decimal, threshold: Decimal): boolean =>
  direction === 'higher-is-better' ? value.gte(threshold) : value.lte(threshold);

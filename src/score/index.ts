import * as z from 'zod';
import { show } from '../base/errors.js';
import { bands, schema as bandsSchema } from './bands/index.js';
import { binary, schema as binarySchema } from './binary/index.js';
import { gapToGoal, schema as gapToGoalSchema } from './gap-to-goal/index.js';
import { improvement, schema as improvementSchema } from './improvement/index.js';
import { linear, schema as linearSchema } from './linear/index.js';
import type { Decimal } from '../money/decimal.js';
import type { MetricFacts, RuleProblem, ScoreWorking, ScoringRule } from './rule.js';

/**
 * The registry of scoring rules. Adding a rule means adding its folder and listing it here:
 * the contract schema, validation and settlement all read from this list.
 */
export const scoringRules = [linear, bands, binary, improvement, gapToGoal] as const;

export const scoringSchema = z.discriminatedUnion(
  'type',
  [linearSchema, bandsSchema, binarySchema, improvementSchema, gapToGoalSchema],
  {
    error: (issue) =>
      `scoring type must be one of ${scoringRules.map((r) => `"${r.type}"`).join(', ')}, got ${show(typeof issue.input === 'object' && issue.input !== null ? (issue.input as { type?: unknown }).type : issue.input)}`,
  },
);
export type Scoring = z.infer<typeof scoringSchema>;

type Rules = { readonly [Rule in (typeof scoringRules)[number] as Rule['type']]: Rule };
type RuleType = keyof Rules;
type DeclarationOf<Type extends RuleType> = Extract<Scoring, { type: Type }>;

const rules: { readonly [Type in RuleType]: ScoringRule<DeclarationOf<Type>> } = {
  linear,
  bands,
  binary,
  improvement,
  'gap-to-goal': gapToGoal,
};

function checkAs<Type extends RuleType>(type: Type, rule: DeclarationOf<Type>, metric: MetricFacts, metricId: string) {
  return rules[type].check(rule, metric, metricId);
}

function scoreAs<Type extends RuleType>(
  type: Type,
  rule: DeclarationOf<Type>,
  value: Decimal,
  metric: MetricFacts,
  places: number,
): ScoreWorking {
  return rules[type].score(rule, value, metric, places);
}

/**
 * The problems with a scoring declaration that its schema cannot see, by its rule's module.
 * @example
 * checkScoring({ type: 'linear', min: '80', max: '60' }, { direction: 'higher-is-better' }, 'm');
 * // [{ path: ['max'], code: 'thresholds_order', … }]
 */
export function checkScoring(scoring: Scoring, metric: MetricFacts, metricId: string): RuleProblem[] {
  return checkAs(scoring.type, scoring, metric, metricId);
}

/**
 * The score in [0, 1] a measured value earns under a scoring declaration, with its working, by its rule's module.
 * @example
 * scoreWith({ type: 'linear', min: '60', max: '80' }, Decimal.of('70'), { direction: 'higher-is-better' }, 18).score;
 * // 0.5
 */
export function scoreWith(scoring: Scoring, value: Decimal, metric: MetricFacts, places: number): ScoreWorking {
  return scoreAs(scoring.type, scoring, value, metric, places);
}

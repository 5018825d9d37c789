import * as z from 'zod';
import { show } from '../base/errors.js';
import { bands, schema as bandsSchema } from './bands/index.js';
import { binary, schema as binarySchema } from './binary/index.js';
import { gapToGoal, schema as gapToGoalSchema } from './gap-to-goal/index.js';
import { improvement, schema as improvementSchema } from './improvement/index.js';
import { linear, schema as linearSchema } from './linear/index.js';
import type { MetricFacts, RuleProblem, Scorer, ScoringRule } from './rule.js';

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

function prepareAs<Type extends RuleType>(type: Type, rule: DeclarationOf<Type>, metric: MetricFacts, places: number) {
  return rules[type].prepare(rule, metric, places);
}

/**
 * The problems with a scoring declaration that its schema cannot see, by its rule's module.
 * @example
 * checkScoring({ type: 'linear', min: '80', max: '60' }, { direction: 'higher-is-better' }, 'm');
 * // [{ path: ['min'], code: 'thresholds_out_of_order', … }]
 */
export function checkScoring(scoring: Scoring, metric: MetricFacts, metricId: string): RuleProblem[] {
  return checkAs(scoring.type, scoring, metric, metricId);
}

/**
 * A scoring declaration made ready to score many values: its thresholds parsed once, by its rule's
 * module (a compiled contract's outcome plan keeps one per metric).
 * @example
 * const score = prepareScoring({ type: 'linear', min: '60', max: '80' }, { direction: 'higher-is-better' }, 18);
 * score(Decimal.of('70')).score; // 0.5
 */
export function prepareScoring(scoring: Scoring, metric: MetricFacts, places: number): Scorer {
  return prepareAs(scoring.type, scoring, metric, places);
}

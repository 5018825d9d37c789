import * as z from 'zod';
import { show } from '../base/errors.js';
import { bands, schema as bandsSchema } from './bands/index.js';
import { binary, schema as binarySchema } from './binary/index.js';
import { gapToGoal, schema as gapToGoalSchema } from './gap-to-goal/index.js';
import { improvement, schema as improvementSchema } from './improvement/index.js';
import { linear, schema as linearSchema } from './linear/index.js';
import type { ScoringRule } from './rule.js';

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

/** The rule module for a declaration. */
export function ruleFor(scoring: Scoring): ScoringRule<Scoring> {
  return scoringRules.find((rule) => rule.type === scoring.type) as unknown as ScoringRule<Scoring>;
}

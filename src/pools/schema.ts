import * as z from 'zod';
import { show } from '../base/errors.js';
import type { PoolCheck } from './check-tools.js';
import { checkOutcomePool } from './outcome/checks.js';
import { outcomePoolSchema } from './outcome/schema.js';
import { checkPointsScheme } from './points/checks.js';
import { pointsSchemeSchema } from './points/schema.js';
import { checkPooledBudget } from './pooled-budget/checks.js';
import { pooledBudgetPoolSchema } from './pooled-budget/schema.js';
import { checkRateCard } from './rate-card/checks.js';
import { rateCardSchema } from './rate-card/schema.js';
import { checkRiskSharePool } from './risk-share/checks.js';
import { riskSharePoolSchema } from './risk-share/schema.js';

/**
 * The declaration side of the pool kinds: each kind's schema and checks, registered here once
 * (its settle side is registered in `pools/index.ts`). `contract/` composes the pool schema into
 * the contract's, and runs the checks; both files sit below `contract/` (test/architecture).
 */

const kindOf = (input: unknown): unknown =>
  typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : input;

/** The registered kinds in words: "outcome", "risk-share" ... or "rate-card". */
const kindsInWords = (): string => {
  const kinds = Object.keys(POOL_CHECKS).map((kind) => `"${kind}"`);
  return `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1) ?? ''}`;
};

export const poolSchema = z.discriminatedUnion(
  'kind',
  [outcomePoolSchema, riskSharePoolSchema, pooledBudgetPoolSchema, pointsSchemeSchema, rateCardSchema],
  {
    error: (issue) =>
      typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input)
        ? `pool kind must be ${kindsInWords()}, got ${show(kindOf(issue.input))}`
        : `a pool must be an object with an id and a kind (${kindsInWords()}), got ${show(issue.input)}`,
  },
);

/** Any pool a contract declares, as it passed the schema. */
export type Pool = z.infer<typeof poolSchema>;

/**
 * Each pool kind's checks, by kind: the one place a kind's checks are registered. A pool whose
 * kind is none of these (refused by the schema) is checked as an outcome pool, the first kind.
 */
export const POOL_CHECKS: { readonly [Kind in Pool['kind']]: PoolCheck } = {
  outcome: checkOutcomePool,
  'risk-share': (pool, at, _id, tools) => checkRiskSharePool(pool, at, tools),
  'pooled-budget': (pool, at, _id, tools) => checkPooledBudget(pool, at, tools),
  points: (pool, at, _id, tools) => checkPointsScheme(pool, at, tools),
  'rate-card': (pool, at, _id, tools) => checkRateCard(pool, at, tools),
};

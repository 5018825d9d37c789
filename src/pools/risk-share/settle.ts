import type { RiskSharePool } from './schema.js';
import type { PoolContext } from '../context.js';
import type { EarlierPools } from '../kind.js';
import type { RiskSharePoolResult } from './result-schema.js';
import { settleParties, type RiskShareParties } from './result.js';
import { RiskShareRun } from './run.js';
import { splitBetweenMembers } from './split.js';
import { applySteps } from './steps.js';
import { traceVariance } from './variance.js';

export interface RiskShareOutcome {
  readonly pool: RiskSharePoolResult;
  /** Per party taking part (members and the commissioner): its signed share in minor units, and its statement. */
  readonly parties: RiskShareParties;
  readonly provisional: boolean;
}

/**
 * Values one risk-share pool: budget against outturn gives the variance; the declared steps, in
 * the declared order, turn its magnitude into the alliance's share; the share is split between
 * the members (largest remainder, caps passing the excess on as declared); the commissioner's
 * side is the rest of the variance, so the two sides always add up to it exactly.
 */
export function settleRiskSharePool(
  pool: RiskSharePool,
  ctx: PoolContext,
  outcomeScores: EarlierPools,
): RiskShareOutcome {
  const run = new RiskShareRun(pool, ctx);
  const variance = traceVariance(run);
  const share = applySteps(run, variance, outcomeScores);
  const split = splitBetweenMembers(run, variance.side, share, outcomeScores);
  const { pool: result, parties } = settleParties(run, variance, share, split);
  return { pool: result, parties, provisional: run.provisional };
}

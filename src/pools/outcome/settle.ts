import { entry } from '../../base/lookup.js';
import type { OutcomePool } from './schema.js';
import { Decimal } from '../../money/decimal.js';
import type { PoolContext } from '../context.js';
import type { GatewayResult, MetricResult, PartyPoolStatement, PoolResult } from './result-schema.js';
import { earnByScore, metricResults } from './earned.js';
import { settleGateways } from './gateways.js';
import { positive } from './helpers.js';
import { scoreMetrics, weighMetrics } from './metrics.js';
import { planFor } from './plan.js';
import { applyGateways, poolNodes, route } from './route.js';
import { startRun, type PartyFigures } from './run.js';
import { partyStatements } from './statements.js';

export interface PoolOutcome {
  readonly pool: PoolResult;
  readonly metrics: MetricResult[];
  readonly gateways: GatewayResult[];
  /** Per party that takes part in the pool in any way. */
  readonly parties: Map<string, PartyPoolStatement>;
  /** The same parties' figures in minor units, for the settlement's totals. */
  readonly figures: ReadonlyMap<string, Readonly<PartyFigures>>;
  /** Whether any measurement used was provisional. */
  readonly provisional: boolean;
}

/**
 * Values one outcome pool: funding from contributions; each metric scored; the money the
 * scores earn split between the accountable providers; gateways applied; unearned and
 * forfeited money sent where the contract says. Money is rounded at the declared point only.
 */
export function settleOutcomePool(pool: OutcomePool, ctx: PoolContext): PoolOutcome {
  const run = startRun(pool, ctx);
  const { money, nodeId, funding, broughtIn, figures, contributionUnits } = run;
  const { gateways, poolGatePassed, failedParties } = settleGateways(run);
  const { metricStates, poolScore, poolScoreNode } = weighMetrics(run, scoreMetrics(run));
  const { earnedByScore, earnedNode, allocation, potential, metricEarned } = earnByScore(run, metricStates, {
    score: poolScore,
    scoreNode: poolScoreNode,
  });
  const metrics = metricResults(run, metricStates, { metricEarned, earnedByScore, earnedNode });
  const { earned, forfeited, unearned } = applyGateways(
    run,
    potential,
    { poolGatePassed, failedParties },
    earnedByScore,
  );
  const unearnedTo = route(run, unearned, pool.unearned, 'unearned');
  const forfeitedTo = route(run, forfeited, pool.forfeited ?? pool.unearned, 'forfeited');
  const carried = unearnedTo.carried + forfeitedTo.carried;
  const { unearnedNode, forfeitedNode, earnedPoolNode, conservationNode, paidOut } = poolNodes(
    run,
    gateways,
    failedParties,
    { earnedByScore, earnedNode, earned, forfeited, unearned, poolGatePassed, unearnedTo, forfeitedTo },
  );
  const parties = partyStatements(run, allocation, gateways, {
    earnedByScore,
    earnedNode,
    forfeited,
    forfeitedNode,
    unearned,
    unearnedNode,
  });
  const contributions = run.plan.contributions;
  const provisional = run.provisional;

  return {
    pool: {
      id: pool.id,
      name: pool.name,
      kind: 'outcome',
      funding: money(funding),
      contributions: contributions.map((c) => ({ party: c.party, amount: money(entry(contributionUnits, c.party)) })),
      score: poolScore.toPlainString(),
      earnedByScore: money(earnedByScore),
      earned: money(earned),
      forfeited: money(forfeited),
      unearned: money(unearned),
      allocation,
      broughtForward: money(broughtIn),
      carriedForward: money(carried),
      unearnedTo: { rule: unearnedTo.rule, parts: unearnedTo.parts },
      forfeitedTo: { rule: forfeitedTo.rule, parts: forfeitedTo.parts },
      conservation: { in: money(funding), out: money(paidOut), difference: money(funding - paidOut) },
      trace: {
        funding: nodeId('funding'),
        score: poolScoreNode,
        earnedByScore: earnedNode,
        earned: earnedPoolNode,
        forfeited: forfeitedNode,
        unearned: unearnedNode,
        conservation: conservationNode,
      },
    },
    metrics,
    gateways,
    parties,
    figures,
    provisional,
  };
}

/**
 * What each eligible provider would earn from the pool if every metric scored 1 and every gateway
 * were met: the funding split by each provider's part of the metrics' weights (largest
 * remainder), with its contribution. Used for outcome money paid on account "as if fully earned".
 */
export function fullScore(
  pool: OutcomePool,
  ctx: PoolContext,
): { funding: bigint; contributed: ReadonlyMap<string, bigint>; earned: ReadonlyMap<string, bigint> } {
  const plan = planFor(pool, ctx);
  const declaredTotal = plan.metrics.reduce((s, m) => s.plus(m.declared), Decimal.ZERO);
  const exact = new Map<string, Decimal>(plan.eligible.map((p) => [p, Decimal.ZERO]));
  for (const m of plan.metrics) {
    const weight = m.declared.dividedBy(declaredTotal, ctx.places);
    for (const f of m.fractions) exact.set(f.party, entry(exact, f.party).plus(weight.times(f.fraction)));
  }
  const shares = positive(
    plan.funding,
    [...exact].map(([id, weight]) => ({ id, weight })),
    ctx.scale,
  );
  return {
    funding: plan.funding,
    contributed: new Map(plan.contributions.map((c) => [c.party, c.units])),
    earned: new Map(shares.map((s) => [s.id, s.units])),
  };
}

import { compareIds } from '../../money/order.js';
import type { GatewayResult, PartyPoolStatement, PoolAllocationPart } from './result-schema.js';
import type { MetricShare } from './plan.js';
import type { Run } from './run.js';

/** Stage 8: each party's statement for the pool, every figure traced to the pool's nodes. */
export function partyStatements(
  run: Run,
  allocation: readonly PoolAllocationPart[],
  gateways: readonly GatewayResult[],
  pool: {
    readonly earnedByScore: bigint;
    readonly earnedNode: string;
    readonly forfeited: bigint;
    readonly forfeitedNode: string;
    readonly unearned: bigint;
    readonly unearnedNode: string;
  },
): Map<string, PartyPoolStatement> {
  const { trace, money, at, nodeId, plan, figures, contributionUnits } = run;
  const { earnedByScore, earnedNode, forfeited, forfeitedNode, unearned, unearnedNode } = pool;
  const parties = new Map<string, PartyPoolStatement>();
  for (const [party, f] of [...figures].sort(([a], [b]) => compareIds(a, b))) {
    const node = (
      field: string,
      label: string,
      value: bigint,
      formula: string,
      inputs: { name: string; value: string; node?: string }[],
    ) =>
      trace.add({
        id: `party:${party}:${run.pool.id}:${field}`,
        label: `${party}: ${label} (pool ${run.pool.id})`,
        value: money(value),
        formula,
        inputs,
        path: at,
        clause: run.pool.clause,
      });
    const share = allocation.find((a) => a.id === party);
    parties.set(party, {
      pool: run.pool.id,
      contributed: money(f.contributed),
      earnedByScore: money(f.earnedByScore),
      earned: money(f.earned),
      forfeited: money(f.forfeited),
      redistributed: money(f.redistributed),
      returned: money(f.returned),
      trace: {
        contributed: node(
          'contributed',
          'contributed',
          f.contributed,
          contributionUnits.has(party) ? 'its contribution' : 'no contribution',
          contributionUnits.has(party)
            ? [{ name: 'contribution', value: money(f.contributed), node: nodeId('contribution', party) }]
            : [],
        ),
        earnedByScore: node(
          'earnedByScore',
          'earned by score',
          f.earnedByScore,
          share
            ? `its part of the pool's earned amount: exact ${share.exactShare}, floor ${share.floor}, ${share.unitsAdded} unit added by largest remainder`
            : 'not eligible to earn from this pool',
          [
            { name: 'pool earned by score', value: money(earnedByScore), node: earnedNode },
            ...(plan.shares.get(party) ?? []).flatMap((s) => metricShareInputs(run, party, s)),
          ],
        ),
        earned: node(
          'earned',
          'earned after gateways',
          f.earned,
          f.forfeited > 0n
            ? 'earned by score − forfeited (a gateway failed)'
            : 'earned by score − forfeited (gateways met: nothing)',
          [
            {
              name: 'earned by score',
              value: money(f.earnedByScore),
              node: `party:${party}:${run.pool.id}:earnedByScore`,
            },
            { name: 'forfeited', value: money(f.forfeited), node: `party:${party}:${run.pool.id}:forfeited` },
            ...gateways
              .filter((g) => g.party === null || g.party === party)
              .map((g) => ({ name: g.id, value: g.met ? 'met' : 'not met', node: g.trace.met })),
          ],
        ),
        forfeited: node('forfeited', 'forfeited', f.forfeited, 'earned by score − earned after gateways', [
          { name: 'pool forfeited', value: money(forfeited), node: forfeitedNode },
        ]),
        redistributed: node(
          'redistributed',
          'redistributed to it',
          f.redistributed,
          'its part of unearned and forfeited money passed to earning providers',
          [
            { name: 'unearned', value: money(unearned), node: unearnedNode },
            { name: 'forfeited', value: money(forfeited), node: forfeitedNode },
          ],
        ),
        returned: node(
          'returned',
          'returned to it',
          f.returned,
          'its part of unearned and forfeited money returned to contributors or kept by the commissioner',
          [
            { name: 'unearned', value: money(unearned), node: unearnedNode },
            { name: 'forfeited', value: money(forfeited), node: forfeitedNode },
          ],
        ),
      },
    });
  }
  return parties;
}

/**
 * A party's share of one metric's money, as trace inputs: the metric's earned amount (its node)
 * and the party's fraction of it, which is a node of its own (its split weight over the
 * accountable parties' total, by the distribution's basis), so every linked input equals its node.
 */
function metricShareInputs(run: Run, party: string, share: MetricShare) {
  const id = `party:${party}:${run.pool.id}:share:${share.metric}`;
  run.trace.add({
    id,
    label: `${party}'s share of what metric ${share.metric} earns (pool ${run.pool.id})`,
    value: share.fraction,
    formula: `its split weight / the accountable providers' total = ${share.weight} / ${share.total} (basis ${run.plan.basis})`,
    inputs: [
      { name: `${party}'s split weight`, value: share.weight },
      { name: 'accountable providers’ total', value: share.total },
    ],
    path: `${run.at}.distribution`,
    clause: run.pool.clause,
  });
  return [
    { name: `${share.metric} earned by score`, value: run.trace.valueOf(share.earnedNode), node: share.earnedNode },
    { name: `${share.metric} share`, value: share.fraction, node: id },
  ];
}

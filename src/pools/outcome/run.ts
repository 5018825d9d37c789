import type { OutcomePool } from './schema.js';
import { unitsText } from '../../money/decimal.js';
import type { TraceBuilder } from '../../base/trace.js';
import type { PoolContext } from '../context.js';
import { copyNode } from './helpers.js';
import { planFor, type PoolPlan } from './plan.js';

/** A party's figures in one outcome pool, in minor units. */
export interface PartyFigures {
  contributed: bigint;
  earnedByScore: bigint;
  earned: bigint;
  forfeited: bigint;
  redistributed: bigint;
  returned: bigint;
}

/**
 * One settlement of one outcome pool as it goes: the pool and its plan, the funding, and each
 * party's figures, filled in stage by stage (gateways, scores, earned, routed, statements).
 */
export interface Run {
  readonly pool: OutcomePool;
  readonly ctx: PoolContext;
  readonly trace: TraceBuilder;
  readonly money: (units: bigint) => string;
  /** The pool's path in the contract: `pools[<id>]`. */
  readonly at: string;
  readonly nodeId: (...parts: string[]) => string;
  readonly plan: PoolPlan;
  readonly figures: Map<string, PartyFigures>;
  readonly partyFigures: (id: string) => PartyFigures;
  readonly contributionUnits: ReadonlyMap<string, bigint>;
  readonly funding: bigint;
  /** Money carried forward into the pool from the previous contract year. */
  readonly broughtIn: bigint;
  /** Whether any measurement used was provisional (set as they are read). */
  provisional: boolean;
}

/** Stages 1 and 2: the funding (with anything brought forward) and who can earn, from the pool's plan. */
export function startRun(pool: OutcomePool, ctx: PoolContext): Run {
  const { trace, scale } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const at = `pools[${pool.id}]`;
  const nodeId = (...parts: string[]) => ['pool', pool.id, ...parts].join(':');
  const figures = new Map<string, PartyFigures>();
  const partyFigures = (id: string) => {
    let f = figures.get(id);
    if (!f)
      figures.set(
        id,
        (f = { contributed: 0n, earnedByScore: 0n, earned: 0n, forfeited: 0n, redistributed: 0n, returned: 0n }),
      );
    return f;
  };

  // 1. Funding, and 2. who can earn: decided by the contract alone (see PoolPlan)
  const plan = planFor(pool, ctx);
  const contributionUnits = new Map<string, bigint>();
  for (const c of plan.contributions) {
    contributionUnits.set(c.party, c.units);
    partyFigures(c.party).contributed = c.units;
    // a fixed amount cut for a part of the year links to the node that says how; decided here, not
    // in the plan, which is kept per pool whatever the settlement it is used in
    const cut = `resolve:pools[${pool.id}].contributions[party=${c.party}].amount`;
    const node = copyNode(c.node);
    trace.add(
      ctx.adjustedNodes.has(cut)
        ? {
            ...node,
            inputs: node.inputs.map((i) => (i.name === 'amount' && i.node === undefined ? { ...i, node: cut } : i)),
          }
        : node,
    );
  }
  // Money carried forward into this pool from the previous contract year, when declared.
  const brought = ctx.broughtForward.get(pool.id);
  const broughtIn = brought?.units ?? 0n;
  const funding = plan.funding + broughtIn;
  trace.add(
    brought === undefined
      ? copyNode(plan.fundingNode)
      : {
          ...copyNode(plan.fundingNode),
          value: money(funding),
          formula: `sum of contributions + carried forward from ${brought.from}`,
          inputs: [
            ...copyNode(plan.fundingNode).inputs,
            {
              name: `carried forward from ${brought.from} (settlement ${brought.settlementHash.slice(0, 12)})`,
              value: money(broughtIn),
            },
          ],
        },
  );
  for (const party of plan.eligible) partyFigures(party);

  return {
    pool,
    ctx,
    trace,
    money,
    at,
    nodeId,
    plan,
    figures,
    partyFigures,
    contributionUnits,
    funding,
    broughtIn,
    provisional: false,
  };
}

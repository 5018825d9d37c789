import { entry } from '../../base/lookup.js';
import type { Destination } from './schema.js';
import { Decimal } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import type { GatewayResult, PartyAmount } from './result-schema.js';
import { positive, sortParts, sum } from './helpers.js';
import type { Run } from './run.js';

/** Stage 6: a failed gateway takes away what the failing providers (or everyone, for a pool gateway) earned by score. */
export function applyGateways(
  run: Run,
  potential: ReadonlyMap<string, bigint>,
  gates: { readonly poolGatePassed: boolean; readonly failedParties: ReadonlySet<string> },
  earnedByScore: bigint,
) {
  const { plan, figures, partyFigures, funding } = run;
  const eligible = plan.eligible;
  const { poolGatePassed, failedParties } = gates;
  for (const party of eligible) {
    const f = partyFigures(party);
    f.earnedByScore = entry(potential, party);
    const passed = poolGatePassed && !failedParties.has(party);
    f.earned = passed ? f.earnedByScore : 0n;
    f.forfeited = f.earnedByScore - f.earned;
  }
  const earned = sum([...figures.values()].map((f) => f.earned));
  const forfeited = sum([...figures.values()].map((f) => f.forfeited));
  const unearned = funding - earnedByScore;

  return { earned, forfeited, unearned };
}

/** Where an amount of unearned or forfeited money went, and the rule that sent it there. */
export interface Routed {
  readonly rule: string;
  readonly parts: PartyAmount[];
  readonly total: bigint;
  readonly what: 'unearned' | 'forfeited';
  /** What was carried forward into the next contract year. */
  readonly carried: bigint;
}

/** Stage 7: unearned or forfeited money sent where the contract says. */
export function route(run: Run, amount: bigint, destination: Destination, what: 'unearned' | 'forfeited'): Routed {
  const { ctx, plan, figures, partyFigures, money, contributionUnits } = run;
  const { scale } = ctx;
  const eligible = plan.eligible;
  const contributions = plan.contributions;
  let rule: string;
  let parts: { id: string; units: bigint }[];
  let kind: 'returned' | 'redistributed' = 'returned';
  const earners = eligible.filter((p) => entry(figures, p).earned > 0n);
  if (destination.to === 'next-year') {
    return {
      rule: "carried forward into the pool's funding for the next contract year",
      parts: [],
      total: amount,
      what,
      carried: amount,
    };
  }
  if (destination.to === 'commissioner') {
    rule = `kept by commissioner ${destination.party!}`;
    parts = [{ id: destination.party!, units: amount }];
  } else if (destination.to === 'earning-providers' && earners.length > 0) {
    kind = 'redistributed';
    rule = 'redistributed to the providers that earned, in proportion to what they earned (largest remainder)';
    parts = positive(
      amount,
      earners.map((p) => ({ id: p, weight: Decimal.fromUnits(entry(figures, p).earned, scale) })),
      scale,
    );
  } else {
    rule =
      destination.to === 'earning-providers'
        ? 'no provider earned anything to redistribute to, so returned to the contributors in proportion to their contributions (largest remainder)'
        : 'returned to the contributors in proportion to their contributions (largest remainder)';
    parts = positive(
      amount,
      contributions.map((c) => ({
        id: c.party,
        weight: Decimal.fromUnits(entry(contributionUnits, c.party), scale),
      })),
      scale,
    );
  }
  const partAmounts: PartyAmount[] = sortParts(parts.map((p) => ({ id: p.id, amount: money(p.units) }))).map((p) => ({
    party: p.id,
    amount: p.amount,
  }));
  for (const p of parts) partyFigures(p.id)[kind] += p.units;
  return { rule, parts: partAmounts, total: sum(parts.map((p) => p.units)), what, carried: 0n };
}

/** The pool's nodes for unearned, forfeited, earned after gateways and conservation. */
export function poolNodes(
  run: Run,
  gateways: readonly GatewayResult[],
  failedParties: ReadonlySet<string>,
  figures: {
    readonly earnedByScore: bigint;
    readonly earnedNode: string;
    readonly earned: bigint;
    readonly forfeited: bigint;
    readonly unearned: bigint;
    readonly poolGatePassed: boolean;
    readonly unearnedTo: Routed;
    readonly forfeitedTo: Routed;
  },
) {
  const { pool, trace, money, at, nodeId, funding } = run;
  const { earnedByScore, earnedNode, earned, forfeited, unearned, poolGatePassed, unearnedTo, forfeitedTo } = figures;
  const unearnedNode = trace.add({
    id: nodeId('unearned'),
    label: `unearned in pool ${pool.id}`,
    value: money(unearned),
    formula: `funding − earned by score; ${unearnedTo.rule}`,
    inputs: [
      { name: 'funding', value: money(funding), node: nodeId('funding') },
      { name: 'earned by score', value: money(earnedByScore), node: earnedNode },
    ],
    path: `${at}.unearned`,
    clause: pool.unearned.clause ?? pool.clause,
  });
  const failed = [...failedParties].sort(compareIds);
  const forfeitedNode = trace.add({
    id: nodeId('forfeited'),
    label: `forfeited in pool ${pool.id}`,
    value: money(forfeited),
    formula: `${poolGatePassed ? (failed.length ? `earned by score of providers failing a gateway (${failed.join(', ')})` : 'no gateway failed') : 'a pool gateway failed: everything earned by score is forfeited'}; ${forfeitedTo.rule}`,
    inputs: gateways.map((g) => ({
      name: g.party ? `${g.id} for ${g.party}` : g.id,
      value: g.met ? 'met' : 'not met',
      node: g.trace.met,
    })),
    path: `${at}.${pool.forfeited ? 'forfeited' : 'gateways'}`,
    clause: pool.forfeited?.clause ?? pool.clause,
  });
  const earnedPoolNode = trace.add({
    id: nodeId('earned'),
    label: `earned in pool ${pool.id} after gateways`,
    value: money(earned),
    formula: 'earned by score − forfeited',
    inputs: [
      { name: 'earned by score', value: money(earnedByScore), node: earnedNode },
      { name: 'forfeited', value: money(forfeited), node: forfeitedNode },
    ],
    path: at,
    clause: pool.clause,
  });
  // What went out is read from each party's own figures (what it was paid, given back or
  // redistributed) and what was carried forward, not from the pool's totals, so a split that
  // loses or makes a minor unit shows here as a difference.
  const paidToParties = sum([...run.figures.values()].map((f) => f.earned + f.redistributed + f.returned));
  const paidOut = paidToParties + unearnedTo.carried + forfeitedTo.carried;
  const conservationNode = trace.add({
    id: nodeId('conservation'),
    label: `conservation of pool ${pool.id}`,
    value: money(funding - paidOut),
    formula:
      'funding − (what each party was paid, given back or redistributed + what was carried forward); must be zero',
    inputs: [
      { name: 'funding', value: money(funding), node: nodeId('funding') },
      { name: 'paid to the parties', value: money(paidToParties) },
      { name: 'carried forward', value: money(unearnedTo.carried + forfeitedTo.carried) },
      { name: 'earned', value: money(earned), node: earnedPoolNode },
      { name: 'unearned', value: money(unearned), node: unearnedNode },
      { name: 'forfeited', value: money(forfeited), node: forfeitedNode },
    ],
    path: at,
    clause: pool.clause,
  });
  return { unearnedNode, forfeitedNode, earnedPoolNode, conservationNode, paidOut };
}

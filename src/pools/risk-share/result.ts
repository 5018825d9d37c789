import type { PartyRiskShareStatement } from '../result-schema.js';
import type { RiskSharePart, RiskSharePoolResult } from './result-schema.js';
import { plain, type RiskShareRun } from './run.js';
import type { AllianceShare } from './steps.js';
import type { MemberSplit } from './split.js';
import { activityRuns, type Variance } from './variance.js';

/** Per party taking part: its signed share in minor units, and its statement. */
export type RiskShareParties = Map<string, { units: bigint; statement: PartyRiskShareStatement }>;

/** What the members' parts come to, signed as the share. */
interface Totals {
  /** The members' parts together. */
  readonly memberTotal: bigint;
  /**
   * The commissioner's side, from the steps, not from the members' parts: the variance less the
   * alliance's share, plus what capped members could not take.
   */
  readonly commissionerUnits: bigint;
  /** With deficit "carry-forward", the members' share of a loss, shown but charged next year. */
  readonly carry: boolean;
  readonly carriedUnits: bigint;
  readonly chargedTotal: bigint;
  readonly overflowUnits: bigint;
  /** Everything the variance went to: must equal `pot`. */
  readonly shared: bigint;
  /** What the sides must add up to: the variance, or zero when the commissioner pays the members (outturn − budget). */
  readonly pot: bigint;
  readonly activity: boolean;
}

function totalsOf(run: RiskShareRun, variance: Variance, share: AllianceShare, split: MemberSplit): Totals {
  const sign = variance.side === 'loss' ? -1n : 1n;
  const memberTotal = split.members.reduce((s, x) => s + x.units, 0n) * sign;
  const overflowUnits = sign * split.overflow;
  // Worked out from the alliance's share, independently of how it was split, so that the
  // conservation record below fails if the split loses or makes a minor unit.
  // With deficit "carry-forward", the members' share of a loss is shown but charged next year.
  const carry = variance.side === 'loss' && run.pool.deficit === 'carry-forward';
  const carriedUnits = carry ? memberTotal : 0n;
  const chargedTotal = memberTotal - carriedUnits;
  // A variance of outturn − budget is not money to share out but what a payment is worked from:
  // the commissioner pays the members what they are charged (and is repaid what they bear), so
  // the sides add up to zero. Otherwise they add up to the variance.
  const activity = activityRuns(run);
  const pot = activity ? 0n : variance.units;
  const commissionerUnits = pot - share.units + overflowUnits + (activity ? carriedUnits : 0n);
  const shared = chargedTotal + commissionerUnits + (activity ? 0n : carriedUnits);
  return { memberTotal, commissionerUnits, carry, carriedUnits, chargedTotal, overflowUnits, shared, pot, activity };
}

/** Each member's share of the gain or loss, traced and put on its statement. */
function traceMembers(
  run: RiskShareRun,
  variance: Variance,
  share: AllianceShare,
  split: MemberSplit,
  carry: boolean,
): { parties: RiskShareParties; traced: { part: RiskSharePart; node: string }[] } {
  const { pool, ctx } = run;
  const money = (units: bigint) => run.money(units);
  const distribution = pool.distribution;
  const sign = variance.side === 'loss' ? -1n : 1n;
  const parties: RiskShareParties = new Map();
  const traced: { part: RiskSharePart; node: string }[] = [];
  for (const { part, units } of split.members) {
    const cap = split.caps.get(part.party);
    const node = ctx.trace.add({
      id: `party:${part.party}:${pool.id}:shared`,
      label: `${part.party}: share of the ${variance.side === 'loss' ? 'loss' : 'gain'} (pool ${pool.id})`,
      value: carry ? money(0n) : part.amount,
      formula: `${distribution.basis} basis: weight ${part.weight} of ${plain(split.totalWeight)}; exact ${part.exactShare}, floor ${part.floor}, ${part.unitsAdded} unit added by largest remainder${part.capped && cap !== undefined ? `; held to its cap of ${money(cap)}` : ''}${carry ? `; its share ${part.amount} is carried forward to the next contract year, not charged in this one` : ''}`,
      inputs: [
        { name: 'alliance share', value: money(share.units), node: share.node },
        { name: 'weight', value: part.weight },
        ...(cap !== undefined ? [{ name: 'cap', value: money(cap) }] : []),
      ],
      path: `${run.at}.distribution`,
      clause: distribution.clause ?? pool.clause,
    });
    traced.push({ part, node });
    parties.set(part.party, {
      units: carry ? 0n : sign * units,
      statement: { pool: pool.id, shared: carry ? money(0n) : part.amount, trace: { shared: node } },
    });
  }
  return { parties, traced };
}

/** The commissioner's side (the rest of the variance) and the check that the two sides add up to it. */
function traceCommissioner(
  run: RiskShareRun,
  variance: Variance,
  share: AllianceShare,
  split: MemberSplit,
  traced: readonly { part: RiskSharePart; node: string }[],
  totals: Totals,
): { commissionerNode: string; conservationNode: string } {
  const { pool, ctx } = run;
  const money = (units: bigint) => run.money(units);
  const { commissionerUnits, carry, carriedUnits, chargedTotal, overflowUnits, shared, pot, activity } = totals;
  const commissionerNode = ctx.trace.add({
    id: run.nodeId('commissionerShare'),
    label: `commissioner ${pool.commissioner}'s side of pool ${pool.id}`,
    value: money(commissionerUnits),
    formula: activity
      ? `what it pays the members: −(the alliance's share${split.overflow !== 0n ? ' − what the capped members could not take' : ''}${carry ? ' − what is carried forward' : ''}) = −(${money(share.units)}${split.overflow !== 0n ? ` − (${money(overflowUnits)})` : ''}${carry ? ` − (${money(carriedUnits)})` : ''})`
      : `variance − the alliance's share${split.overflow !== 0n ? ' + what the capped members could not take' : ''} = ${money(variance.units)} − (${money(share.units)})${split.overflow !== 0n ? ` + (${money(overflowUnits)})` : ''}`,
    inputs: [
      ...(activity ? [] : [{ name: 'variance', value: money(variance.units), node: variance.node }]),
      { name: 'alliance share', value: money(share.units), node: share.node },
      ...(split.overflow !== 0n ? [{ name: 'not taken by capped members', value: money(overflowUnits) }] : []),
      ...(activity && carry ? [{ name: 'carried forward', value: money(carriedUnits) }] : []),
    ],
    path: `${run.at}.commissioner`,
    clause: pool.clause,
  });
  const conservationNode = ctx.trace.add({
    id: run.nodeId('conservation'),
    label: `conservation of pool ${pool.id}`,
    value: money(pot - shared),
    formula: activity
      ? 'members’ parts charged + commissioner’s side; must be zero (the commissioner pays what the members are paid, worked from the variance outturn − budget)'
      : `variance − (members’ parts + commissioner’s side${carry ? ' + carried forward' : ''}); must be zero`,
    inputs: [
      ...(activity ? [] : [{ name: 'variance', value: money(variance.units), node: variance.node }]),
      ...traced.map(({ part, node }) => ({ name: `${part.party}'s part`, value: part.amount, node })),
      { name: 'members’ parts charged', value: money(chargedTotal) },
      { name: 'commissioner’s side', value: money(commissionerUnits), node: commissionerNode },
      ...(carry && !activity ? [{ name: 'carried forward', value: money(carriedUnits) }] : []),
    ],
    path: run.at,
    clause: pool.clause,
  });
  return { commissionerNode, conservationNode };
}

/**
 * Step 4 of a risk-share pool: each member's part and the commissioner's side traced and put on
 * their statements, the conservation check, and the pool's result.
 */
export function settleParties(
  run: RiskShareRun,
  variance: Variance,
  share: AllianceShare,
  split: MemberSplit,
): { pool: RiskSharePoolResult; parties: RiskShareParties } {
  const { pool, ctx } = run;
  const money = (units: bigint) => run.money(units);
  const { scale } = ctx;
  const totals = totalsOf(run, variance, share, split);
  const { parties, traced } = traceMembers(run, variance, share, split, totals.carry);
  const { commissionerNode, conservationNode } = traceCommissioner(run, variance, share, split, traced, totals);
  const { commissionerUnits, shared } = totals;
  parties.set(pool.commissioner, {
    units: commissionerUnits,
    statement: { pool: pool.id, shared: money(commissionerUnits), trace: { shared: commissionerNode } },
  });
  return {
    pool: {
      id: pool.id,
      name: pool.name,
      kind: 'risk-share',
      budgetKind: pool.budgetKind ?? 'control-total',
      budget: variance.budget.toFixed(scale),
      outturn: variance.outturn.toFixed(scale),
      variance: money(variance.units),
      side: variance.side,
      members: variance.memberRows,
      steps: share.steps,
      allianceShare: money(share.units),
      parts: split.members.map(({ part }) => part),
      overflowToCommissioner: money(totals.overflowUnits),
      commissionerShare: money(commissionerUnits),
      commissioner: pool.commissioner,
      broughtForward: money(variance.brought?.units ?? 0n),
      carriedForward: money(totals.carriedUnits),
      conservation: {
        variance: money(totals.pot),
        shared: money(shared),
        difference: money(totals.pot - shared),
      },
      trace: {
        variance: variance.node,
        allianceShare: share.node,
        commissionerShare: commissionerNode,
        conservation: conservationNode,
      },
    },
    parties,
  };
}

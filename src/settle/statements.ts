import type { Party } from '../contract/schema.js';
import { Decimal, unitsText } from '../money/decimal.js';
import { compareIds } from '../money/order.js';
import type { SettledPool } from '../pools/kind.js';
import type { settlePaymentsOnAccount } from './on-account.js';
import type { TraceBuilder } from '../base/trace.js';
import type { PartyPoolStatement, PartyRiskShareStatement, PartyStatement, Reconciliation } from './types.js';

/**
 * One party's statement for what is settled: its part of every pool (an outcome pool's
 * contributed, earned, redistributed and returned; a risk share's or pooled budget's shared; a
 * points scheme's or rate card's priced), its guaranteed payment (contract value less what it put
 * at risk), its total and, for a provider, the reconciliation against what was paid on account;
 * every figure a trace node.
 */
/** A party's parts of every pool, gathered in minor units, with the statements listed on it. */
interface PartyParts {
  readonly pools: PartyPoolStatement[];
  readonly riskShares: PartyRiskShareStatement[];
  readonly pricedOutcomes: PartyRiskShareStatement[];
  contributed: bigint;
  earned: bigint;
  redistributed: bigint;
  returned: bigint;
  shared: bigint;
  priced: bigint;
}

function gatherParts(partyId: string, settled: readonly SettledPool[]): PartyParts {
  const parts: PartyParts = {
    pools: [],
    riskShares: [],
    pricedOutcomes: [],
    contributed: 0n,
    earned: 0n,
    redistributed: 0n,
    returned: 0n,
    shared: 0n,
    priced: 0n,
  };
  for (const pool of settled) {
    const share = pool.parties.get(partyId);
    if (!share) continue;
    if (share.group === 'pools') {
      parts.pools.push(share.statement);
      parts.contributed += share.contributed;
      parts.earned += share.earned;
      parts.redistributed += share.redistributed;
      parts.returned += share.returned;
    } else if (share.group === 'riskShares') {
      parts.riskShares.push(share.statement);
      parts.shared += share.units;
    } else {
      parts.pricedOutcomes.push(share.statement);
      parts.priced += share.units;
    }
  }
  // listed by pool id, whatever the kind of pool
  parts.riskShares.sort((a, b) => compareIds(a.pool, b.pool));
  parts.pricedOutcomes.sort((a, b) => compareIds(a.pool, b.pool));
  return parts;
}

type NodeOf = (
  field: string,
  label: string,
  value: bigint,
  formula: string,
  inputs: { name: string; value: string; node?: string }[],
) => string;

/** The reconciliation of a provider's total against what was paid to it on account. */
function reconcile(
  partyId: string,
  total: { units: bigint; node: string },
  onAccount: ReturnType<typeof settlePaymentsOnAccount>,
  node: NodeOf,
  money: (units: bigint) => string,
): Reconciliation {
  const payments = onAccount.paid.get(partyId) ?? [];
  const paidUnits = payments.reduce((s, p) => s + p.units, 0n);
  const paidRef = node(
    'paidOnAccount',
    'paid on account',
    paidUnits,
    'sum over schedules of the instalments due in what is settled',
    payments.map((p) => ({ name: p.schedule, value: money(p.units), node: p.node })),
  );
  const balance = total.units - paidUnits;
  const balanceRef = node(
    'balance',
    balance < 0n ? 'balance due back from it' : 'balance due to it',
    balance,
    'total − paid on account (+ due to the party, − due back from it)',
    [
      { name: 'total', value: money(total.units), node: total.node },
      { name: 'paid on account', value: money(paidUnits), node: paidRef },
    ],
  );
  return {
    entitlement: money(total.units),
    paidOnAccount: money(paidUnits),
    balance: money(balance),
    direction: balance > 0n ? 'due-to-party' : balance < 0n ? 'due-from-party' : 'settled',
    trace: { paidOnAccount: paidRef, balance: balanceRef },
  };
}

export function partyStatement(
  party: Party,
  settled: readonly SettledPool[],
  onAccount: ReturnType<typeof settlePaymentsOnAccount>,
  trace: TraceBuilder,
  scale: number,
  adjusted: ReadonlySet<string>,
): PartyStatement {
  const money = (units: bigint) => unitsText(units, scale);
  const parts = gatherParts(party.id, settled);
  const { pools, contributed, earned, redistributed, returned, shared, priced } = parts;
  const node: NodeOf = (field, label, value, formula, inputs) =>
    trace.add({
      id: `party:${party.id}:${field}`,
      label: `${party.name}: ${label}`,
      value: money(value),
      formula,
      inputs,
      path: `parties[${party.id}]`,
    });
  const perPool = (field: 'contributed' | 'earned' | 'redistributed' | 'returned') =>
    pools.map((p) => ({ name: p.pool, value: p[field], node: p.trace[field] }));
  const refs = {
    contributed: node('contributed', 'contributed to pools', contributed, 'sum over pools', perPool('contributed')),
    earned: node('earned', 'outcome payments earned', earned, 'sum over pools', perPool('earned')),
    redistributed: node(
      'redistributed',
      'unearned or forfeited money redistributed to it',
      redistributed,
      'sum over pools',
      perPool('redistributed'),
    ),
    returned: node('returned', 'money returned to it or kept by it', returned, 'sum over pools', perPool('returned')),
    shared: node(
      'shared',
      party.role === 'commissioner' ? 'its side of gains and losses shared' : 'gain and loss shares',
      shared,
      'sum over risk-share pools (+ received, − borne)',
      parts.riskShares.map((r) => ({ name: r.pool, value: r.shared, node: r.trace.shared })),
    ),
    priced: node(
      'priced',
      party.role === 'commissioner' ? 'paid for outcomes' : 'paid for outcomes achieved',
      priced,
      'sum over points schemes and rate cards (+ received, − paid)',
      parts.pricedOutcomes.map((r) => ({ name: r.pool, value: r.shared, node: r.trace.shared })),
    ),
  };
  // A contract value has at most the currency's decimals (validation), so it is exact in minor units.
  const declaredValue = party.contractValue;
  const contractValue = Decimal.parse(declaredValue)?.toUnits(scale);
  const guaranteed =
    contractValue === undefined || declaredValue === undefined
      ? undefined
      : {
          units: contractValue - contributed,
          node: node(
            'guaranteed',
            'guaranteed payment',
            contractValue - contributed,
            'contract value − contributed to pools',
            [
              {
                name: 'contract value',
                value: declaredValue,
                // cut or pro-rated for what is settled: the node that says how
                ...(adjusted.has(`resolve:parties[${party.id}].contractValue`)
                  ? { node: `resolve:parties[${party.id}].contractValue` }
                  : {}),
              },
              { name: 'contributed', value: money(contributed), node: refs.contributed },
            ],
          ),
        };
  const sumTotal = (guaranteed?.units ?? 0n) + earned + redistributed + returned + shared + priced;
  const totalRef = node(
    'total',
    'total for the period',
    sumTotal,
    `${guaranteed === undefined ? '' : 'guaranteed + '}earned + redistributed + returned + shared + priced`,
    [
      ...(guaranteed ? [{ name: 'guaranteed', value: money(guaranteed.units), node: guaranteed.node }] : []),
      { name: 'earned', value: money(earned), node: refs.earned },
      { name: 'redistributed', value: money(redistributed), node: refs.redistributed },
      { name: 'returned', value: money(returned), node: refs.returned },
      { name: 'shared', value: money(shared), node: refs.shared },
      { name: 'priced', value: money(priced), node: refs.priced },
    ],
  );
  const reconciliation =
    party.role === 'provider' ? reconcile(party.id, { units: sumTotal, node: totalRef }, onAccount, node, money) : null;
  return {
    id: party.id,
    name: party.name,
    role: party.role,
    contractValue: contractValue === undefined ? null : money(contractValue),
    contributed: money(contributed),
    guaranteed: guaranteed === undefined ? null : money(guaranteed.units),
    earned: money(earned),
    redistributed: money(redistributed),
    returned: money(returned),
    shared: money(shared),
    priced: money(priced),
    total: money(sumTotal),
    pools,
    riskShares: parts.riskShares,
    pricedOutcomes: parts.pricedOutcomes,
    reconciliation,
    trace: { ...refs, total: totalRef, ...(guaranteed ? { guaranteed: guaranteed.node } : {}) },
  };
}

import { listed, said } from '../../base/errors.js';
import { Decimal } from '../../money/decimal.js';
import type { CheckTools } from '../check-tools.js';
import { list, record, string, type Raw } from '../../base/raw.js';

/**
 * The checks of a rate card that its schema cannot make: providers and payers exist in their
 * roles, outcome and cap ids are unique, the cap order names each declared cap once, a priority
 * names known outcomes, and the payers' shares add up to 100 %.
 */

export function checkRateCard(pool: Raw, at: (...rest: PropertyKey[]) => PropertyKey[], tools: CheckTools): void {
  const { add, checkMinorUnits, checkUnique, mustBeParty } = tools;
  const poolId = string(pool.id) ?? '?';
  list(pool.providers).forEach((party, i) => mustBeParty(party, at('providers', i), 'provider'));
  const outcomes = list(pool.outcomes);
  checkUnique(outcomes, at('outcomes'), 'outcome');
  const outcomeIds = new Set(outcomes.map((o) => string(record(o).id)).filter((o) => o !== undefined));
  outcomes.forEach((item, i) => {
    const outcome = record(item);
    checkMinorUnits(outcome.price, at('outcomes', i, 'price'));
    for (const [cohort, price] of Object.entries(record(outcome.cohortPrices)))
      checkMinorUnits(price, at('outcomes', i, 'cohortPrices', cohort));
    for (const [period, price] of Object.entries(record(outcome.periodPrices))) {
      checkMinorUnits(price, at('outcomes', i, 'periodPrices', period));
      if (!tools.periods.has(period))
        add(
          at('outcomes', i, 'periodPrices', period),
          'unknown_period',
          `'${period}' is not a period of this contract`,
        );
    }
  });
  const caps = list(pool.caps);
  checkUnique(caps, at('caps'), 'cap');
  caps.forEach((item, i) => checkMinorUnits(record(item).amount, at('caps', i, 'amount')));
  const capIds = new Map(
    caps.map((c, i) => [string(record(c).id), i] as const).filter(([capId]) => capId !== undefined),
  );
  const ordered = new Set<string>();
  list(pool.capOrder).forEach((item, k) => {
    const capId = string(item);
    if (capId === undefined) return;
    if (!capIds.has(capId))
      add(
        at('capOrder', k),
        'unknown_cap',
        `the cap order names '${said(capId)}', which rate card '${poolId}' does not declare (caps: ${listed([...capIds.keys()].filter((id): id is string => id !== undefined))})`,
      );
    else if (ordered.has(capId)) add(at('capOrder', k), 'duplicate_cap', `cap '${capId}' is already in the cap order`);
    ordered.add(capId);
  });
  for (const [capId, i] of capIds)
    if (!ordered.has(capId!))
      add(at('caps', i), 'cap_not_in_order', `cap '${capId}' is declared but "capOrder" does not apply it`);
  list(pool.priority).forEach((item, k) => {
    if (typeof item === 'string' && !outcomeIds.has(item))
      add(at('priority', k), 'unknown_outcome', `'${item}' is not an outcome of rate card '${poolId}'`);
  });
  if (pool.cut === 'priority' && pool.priority === undefined)
    add(
      at('priority'),
      'missing_priority',
      'cut "priority" needs "priority": the outcomes from the most to the least protected',
    );
  let total: Decimal | undefined = Decimal.ZERO;
  list(pool.payers).forEach((item, i) => {
    const payer = record(item);
    mustBeParty(payer.party, at('payers', i, 'party'), 'commissioner');
    checkMinorUnits(payer.budget, at('payers', i, 'budget'));
    const share = Decimal.parse(payer.percent);
    total = share && total ? total.plus(share) : undefined;
  });
  checkUnique(
    list(pool.payers).map((p) => ({ id: record(p).party })),
    at('payers'),
    'payer',
  );
  if (total && !total.eq(Decimal.HUNDRED))
    add(
      at('payers'),
      'shares_not_100',
      `the payers' shares of rate card '${poolId}' add up to ${total.toPlainString()} %, not 100 %`,
    );
}

import { said, show } from '../../base/errors.js';
import { Decimal } from '../../money/decimal.js';
import type { CheckTools } from '../check-tools.js';
import { checkFixedShares } from '../risk-share/checks.js';
import { list, record, string, type Raw } from '../../base/raw.js';

/**
 * The checks of a pooled budget that its schema cannot make: partners exist and contribute once,
 * the contributions equal the lines' budgets plus the reserve, a maximum is not below the
 * contribution, fixed shares cover the partners and add up to 100 %, and the waterfall names
 * each source once and ends with the partners.
 */

export function checkPooledBudget(pool: Raw, at: (...rest: PropertyKey[]) => PropertyKey[], tools: CheckTools): void {
  const { add, checkMinorUnits, checkUnique, mustBeParty } = tools;
  const poolId = string(pool.id) ?? '?';
  const partners: string[] = [];
  let contributed: Decimal | undefined = Decimal.ZERO;
  list(pool.contributions).forEach((item, i) => {
    const c = record(item);
    const path = at('contributions', i);
    checkMinorUnits(c.amount, [...path, 'amount']);
    checkMinorUnits(c.maximum, [...path, 'maximum']);
    const amount = Decimal.parse(c.amount);
    contributed = amount && contributed ? contributed.plus(amount) : undefined;
    const maximum = Decimal.parse(c.maximum);
    if (amount && maximum && maximum.lt(amount))
      add(
        [...path, 'maximum'],
        'maximum_below_contribution',
        `the maximum contribution (${said(c.maximum)}) is below the contribution itself (${said(c.amount)})`,
      );
    if (!mustBeParty(c.party, [...path, 'party'])) return;
    const party = c.party as string;
    if (partners.includes(party))
      add([...path, 'party'], 'duplicate_contribution', `party '${party}' already contributes to pool '${poolId}'`);
    else partners.push(party);
  });
  const lines = list(pool.lines);
  checkUnique(lines, at('lines'), 'budget line');
  let budgets: Decimal | undefined = Decimal.ZERO;
  lines.forEach((item, i) => {
    const line = record(item);
    checkMinorUnits(line.budget, at('lines', i, 'budget'));
    const budget = Decimal.parse(line.budget);
    budgets = budget && budgets ? budgets.plus(budget) : undefined;
  });
  checkMinorUnits(pool.reserve, at('reserve'));
  const reserve = pool.reserve === undefined ? Decimal.ZERO : Decimal.parse(pool.reserve);
  if (contributed && budgets && reserve && !contributed.eq(budgets.plus(reserve)))
    add(
      at('contributions'),
      'pool_not_balanced',
      `the contributions to pooled budget '${poolId}' add up to ${contributed.toPlainString()}, but its lines' budgets and reserve add up to ${budgets.plus(reserve).toPlainString()}`,
    );
  const split = record(pool.split);
  if (split.basis === 'fixed') {
    if (split.shares === undefined) {
      add(at('split', 'shares'), 'missing_shares', 'a "fixed" split needs "shares": partner id → percentage');
    } else checkFixedShares(add, at('split', 'shares'), record(split.shares), partners, poolId, 'partner');
  } else if (split.shares !== undefined) {
    add(
      at('split', 'shares'),
      'unexpected_shares',
      `shares are only read with basis "fixed", not ${show(split.basis)}`,
    );
  }
  if (pool.waterfall !== undefined) {
    const waterfall = list(pool.waterfall);
    const seen = new Set<unknown>();
    waterfall.forEach((source, k) => {
      if (seen.has(source)) add(at('waterfall', k), 'duplicate_step', `${show(source)} is already in the waterfall`);
      seen.add(source);
    });
    if (waterfall[waterfall.length - 1] !== 'partners')
      add(at('waterfall'), 'waterfall_end', 'the waterfall must end with "partners", who meet whatever is left');
  }
}

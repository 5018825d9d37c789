import { listed, said, show } from '../../base/errors.js';
import { Decimal } from '../../money/decimal.js';
import type { CheckTools } from '../check-tools.js';
import { checkFixedShares } from '../risk-share/checks.js';
import { list, record, string, type Raw } from '../../base/raw.js';

/** The waterfall's own sources; a fund's id is a source too. */
const SOURCES = ['underspends', 'reserve', 'partners'] as const;

/**
 * The checks of a pooled budget that its schema cannot make: partners exist and contribute once,
 * the contributions equal the lines' budgets plus the reserve and funds, a maximum is not below the
 * contribution, fixed shares cover the partners and add up to 100 %, and the waterfall names
 * each source once (and only the pool's own) and ends with the partners.
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
  const funds = list(pool.funds);
  checkUnique(funds, at('funds'), 'fund');
  let held: Decimal | undefined = reserve;
  funds.forEach((item, i) => {
    const fund = record(item);
    checkMinorUnits(fund.amount, at('funds', i, 'amount'));
    const value = Decimal.parse(fund.amount);
    held = value && held ? held.plus(value) : undefined;
    if (typeof fund.id === 'string' && (SOURCES as readonly string[]).includes(fund.id))
      add(
        at('funds', i, 'id'),
        'fund_id_reserved',
        `a fund cannot be called "${fund.id}", which the waterfall uses for ${fund.id === 'partners' ? 'the partners' : fund.id === 'reserve' ? 'the risk reserve' : 'underspends on other lines'}: give it another id`,
      );
  });
  if (contributed && budgets && held && !contributed.eq(budgets.plus(held)))
    add(
      at('contributions'),
      'pool_not_balanced',
      `the contributions to pooled budget '${poolId}' add up to ${contributed.toPlainString()}, but its lines' budgets${funds.length > 0 ? ', reserve and funds' : ' and reserve'} add up to ${budgets.plus(held).toPlainString()}`,
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
    const fundIds = funds.map((f) => string(record(f).id)).filter((f): f is string => f !== undefined);
    const known = [...SOURCES.slice(0, 2), ...fundIds, 'partners'];
    waterfall.forEach((source, k) => {
      if (seen.has(source)) add(at('waterfall', k), 'duplicate_step', `${show(source)} is already in the waterfall`);
      else if (typeof source === 'string' && !known.includes(source))
        add(
          at('waterfall', k),
          'unknown_waterfall_source',
          `the waterfall names ${show(source)}, which is not a source of pooled budget '${poolId}' (its sources: ${listed(known, (k) => `"${k}"`)})`,
        );
      seen.add(source);
    });
    if (waterfall[waterfall.length - 1] !== 'partners')
      add(at('waterfall'), 'waterfall_end', 'the waterfall must end with "partners", who meet whatever is left');
  }
}

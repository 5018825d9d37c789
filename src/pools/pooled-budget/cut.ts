import type { PooledBudgetPool } from './schema.js';
import { allocateUnits } from '../../money/allocate.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import type { Cutter } from '../context.js';

const RESERVE = '\u0000reserve';
const FUND = '\u0000fund:';

/**
 * A pooled budget for a part of the year: cut as a whole, so that the contributions still
 * balance the lines and the reserve exactly. The contributions' total is cut to what is settled,
 * then split over the contributions, and again over the lines, the reserve and the funds, in proportion to
 * their declared amounts (largest remainder). For a whole year it is as declared.
 */
export function cutPooledBudget(pool: PooledBudgetPool, cutter: Cutter): PooledBudgetPool {
  if (!cutter.partOfYear) return pool;
  const at = `pools[${pool.id}]`;
  const scale = cutter.minorUnits;
  const parse = (text: string): Decimal => Decimal.parse(text) ?? Decimal.ZERO; // validated decimals
  const total = pool.contributions.reduce((s, c) => s + parse(c.amount).toUnits(scale, cutter.mode), 0n);
  const cut = cutter.cutWhole(total);
  const split = (items: { id: string; amount: string }[]) =>
    new Map(
      allocateUnits(
        cut,
        items.map((i) => ({ id: i.id, weight: parse(i.amount) })),
        scale,
      ).map((s) => [s.id, s.units] as const),
    );
  const contributions = split(pool.contributions.map((c) => ({ id: c.party, amount: c.amount })));
  const lines = split([
    ...pool.lines.map((l) => ({ id: l.id, amount: l.budget })),
    ...(pool.reserve === undefined ? [] : [{ id: RESERVE, amount: pool.reserve }]),
    ...(pool.funds ?? []).map((f) => ({ id: `${FUND}${f.id}`, amount: f.amount })),
  ]);
  const formula = `the pool's ${unitsText(total, scale)} of contributions cut to ${cutter.settled} → ${unitsText(cut, scale)}, split over the pool's figures in proportion to their declared amounts (largest remainder), so that it still balances`;
  const part = (path: string, declared: string, units: bigint | undefined): string => {
    const value = unitsText(units ?? 0n, scale);
    cutter.adjust(path, declared, value, formula);
    return value;
  };
  const reserve = pool.reserve === undefined ? undefined : part(`${at}.reserve`, pool.reserve, lines.get(RESERVE));
  return {
    ...pool,
    contributions: pool.contributions.map((c) => {
      const cutAmount = part(`${at}.contributions[party=${c.party}].amount`, c.amount, contributions.get(c.party));
      if (c.maximum === undefined) return { ...c, amount: cutAmount };
      const maximum = cutter.amount(`${at}.contributions[party=${c.party}].maximum`, c.maximum);
      return { ...c, amount: cutAmount, maximum: parse(maximum).lt(parse(cutAmount)) ? cutAmount : maximum };
    }),
    lines: pool.lines.map((l) => ({ ...l, budget: part(`${at}.lines[${l.id}].budget`, l.budget, lines.get(l.id)) })),
    ...(reserve === undefined ? {} : { reserve }),
    ...(pool.funds === undefined
      ? {}
      : {
          funds: pool.funds.map((f) => ({
            ...f,
            amount: part(`${at}.funds[${f.id}].amount`, f.amount, lines.get(`${FUND}${f.id}`)),
          })),
        }),
  };
}

import type { IssueCode } from '../base/codes.js';
import { entry } from '../base/lookup.js';
import { ContractError, show, type Issue } from '../base/errors.js';
import type { Contract, Period } from '../contract/schema.js';
import { versionInForce } from '../contract/compiled.js';
import { minorUnits } from '../money/currency.js';
import { Decimal, unitsText } from '../money/decimal.js';
import { compareIds } from '../money/order.js';
import { amountForSpan, nextDay, proRata, type Span } from '../period/index.js';
import { settlementIssues } from './check-settlement.js';
import { calendarOf, partsOfYear, yearOf, type AdjustedAmount } from './resolve.js';
import type { BroughtForwardRecord, Settlement } from './types.js';
import { carriesForward } from '../pools/index.js';

/** Per pool, money brought forward from the previous contract year, in minor units, with where it came from. */
export type BroughtForwardPools = ReadonlyMap<
  string,
  { readonly units: bigint; readonly from: string; readonly settlementHash: string }
>;

/** What a settlement brings forward from the previous contract year: the year's amounts. */
export interface BroughtForward {
  readonly pools: BroughtForwardPools;
  /** What the settlement's options record of it (`options.broughtForward`): the previous settlement's period and hash. */
  readonly option: Settlement['options']['broughtForward'];
  /** What the settlement records of it (`resolution.broughtForward`). */
  readonly record: BroughtForwardRecord | null;
}

/** Nothing given, and nothing needed. */
export const NOTHING_BROUGHT: BroughtForward = { pools: new Map(), option: null, record: null };

/** Told there is nothing to bring (`broughtForward: "none"`): recorded, and part of the inputs hash. */
const NONE_BROUGHT: BroughtForward = {
  pools: new Map(),
  option: 'none',
  record: { from: null, pools: [] },
};

function broughtFrom(
  from: { period: string; inputsHash: string; settlementHash: string },
  amounts: ReadonlyMap<string, bigint>,
  scale: number,
): BroughtForward {
  const { period, settlementHash } = from;
  const ids = [...amounts.keys()].sort(compareIds);
  return {
    pools: new Map(ids.map((id) => [id, { units: entry(amounts, id), from: period, settlementHash }])),
    option: { period, settlementHash },
    record: {
      from: { period, inputsHash: from.inputsHash, settlementHash },
      pools: ids.map((id) => ({ pool: id, amount: unitsText(entry(amounts, id), scale) })),
    },
  };
}

/** The contract year just before `year`, when the contract declares one. */
function previousYear(valid: Contract, year: Period): Period | undefined {
  return valid.periods.find((p) => (p.kind ?? 'year') === 'year' && nextDay(p.end) === year.start);
}

/**
 * The pools that carry money out of `year` into the next one under any version of the contract in
 * force during it: outcome pools sending unearned or forfeited money to "next-year", risk-share
 * pools with `deficit: "carry-forward"`.
 */
function poolsCarryingOutOf(valid: Contract, year: Period): string[] {
  const dates = [
    year.start,
    ...(valid.variations ?? []).map((v) => v.effectiveFrom).filter((d) => d > year.start && d <= year.end),
  ];
  const ids = new Set<string>();
  for (const date of dates) {
    for (const pool of versionInForce(valid, date).pools) {
      if (carriesForward(pool)) ids.add(pool.id);
    }
  }
  return [...ids].sort(compareIds);
}

/**
 * The `broughtForward` option checked: the settlement of this contract's previous contract year,
 * whole, or "none". A period of a year after the first, when a pool carries money between years,
 * must say which (`carry_forward_missing`), so that carried money is never dropped by leaving the
 * option out. Returns the year's amounts each pool brings in.
 */
export function checkBroughtForward(previous: unknown, valid: Contract, period: Period): BroughtForward {
  const fail = (code: IssueCode, message: string): never => {
    throw new ContractError([{ path: 'options.broughtForward', code, message }]);
  };
  const year = yearOf(valid, period);
  if (previous === undefined) {
    const before = previousYear(valid, year);
    const carrying = before === undefined ? [] : poolsCarryingOutOf(valid, before);
    if (before !== undefined && carrying.length > 0)
      fail(
        'carry_forward_missing',
        `${carrying.length === 1 ? 'pool' : 'pools'} ${carrying.map((id) => `'${id}'`).join(', ')} ${carrying.length === 1 ? 'carries' : 'carry'} money from one contract year into the next, so settling '${period.id}' needs the settlement of '${before.id}' as broughtForward (or broughtForward: "none" when there is nothing to bring)`,
      );
    return NOTHING_BROUGHT;
  }
  if (previous === 'none') return NONE_BROUGHT;
  const shape = settlementIssues(previous, 'options.broughtForward');
  if (shape.length > 0)
    throw new ContractError(
      shape.map((issue) => ({
        ...issue,
        message: `${issue.message} (the settlement of the previous contract year, or "none" when there is nothing to bring)`,
      })),
    );
  const prior = previous as Settlement;
  if (prior.contract.id !== valid.id)
    fail('different_contract', `broughtForward is a settlement of contract '${prior.contract.id}', not '${valid.id}'`);
  const priorCoverage = prior.resolution.coverage;
  if (priorCoverage.start !== prior.resolution.year.start || priorCoverage.end !== prior.resolution.year.end)
    fail(
      'carry_forward_needs_year',
      `broughtForward settles ${priorCoverage.start} to ${priorCoverage.end}, not a whole contract year: only a year's settlement carries money forward`,
    );
  if (nextDay(prior.resolution.year.end) !== year.start)
    fail(
      'not_previous_year',
      `broughtForward settles the year ${prior.resolution.year.start} to ${prior.resolution.year.end}, which is not the year before ${year.start}`,
    );
  if (prior.currency !== valid.currency)
    fail('currency_mismatch', `broughtForward is in ${prior.currency}, the contract in ${valid.currency}`);
  const scale = minorUnits(valid.currency);
  const amounts = new Map<string, bigint>();
  const parts = prior.segments.length > 0 ? prior.segments.map((s) => s.settlement) : [prior];
  for (const pool of parts.flatMap((s) => [...s.pools, ...s.riskShares])) {
    const units = Decimal.parse(pool.carriedForward)?.toUnits(scale) ?? 0n;
    if (units !== 0n) amounts.set(pool.id, (amounts.get(pool.id) ?? 0n) + units);
  }
  return broughtFrom(
    { period: prior.period.id, inputsHash: prior.inputsHash, settlementHash: prior.settlementHash },
    amounts,
    scale,
  );
}

/**
 * What a settlement recorded it brought forward, to bring the same again (a restatement). `path`
 * names where the record was found, for the error when it is malformed.
 */
export function broughtForwardAgain(record: unknown, currency: Settlement['currency'], path: string): BroughtForward {
  if (record === null || record === undefined) return NOTHING_BROUGHT;
  const r = record as Partial<BroughtForwardRecord>;
  const issues: Issue[] = [];
  const scale = minorUnits(currency);
  const amounts = new Map<string, bigint>();
  const from = r.from as Partial<NonNullable<BroughtForwardRecord['from']>> | null | undefined;
  if (
    from !== null &&
    (typeof from?.period !== 'string' || typeof from.inputsHash !== 'string' || typeof from.settlementHash !== 'string')
  )
    issues.push({
      path: `${path}.from`,
      code: 'invalid_settlement',
      message: `the period, inputs hash and settlement hash of the settlement brought forward must be recorded, got ${show(from)}`,
    });
  if (!Array.isArray(r.pools)) {
    issues.push({ path: `${path}.pools`, code: 'invalid_settlement', message: `must be a list, got ${show(r.pools)}` });
  } else {
    r.pools.forEach((entry: unknown, i) => {
      const e = entry as { pool?: unknown; amount?: unknown } | null;
      const units = typeof e?.amount === 'string' ? Decimal.parse(e.amount)?.toUnits(scale) : undefined;
      if (typeof e?.pool !== 'string' || units === undefined)
        issues.push({
          path: `${path}.pools[${i}]`,
          code: 'invalid_settlement',
          message: `must be a pool id and an amount in ${currency}, got ${show(entry)}`,
        });
      else amounts.set(e.pool, units);
    });
  }
  if (issues.length > 0) throw new ContractError(issues);
  if (from === null) return NONE_BROUGHT;
  return broughtFrom(from as NonNullable<BroughtForwardRecord['from']>, amounts, scale);
}

/**
 * The money brought forward for what one settlement covers: a part of a year (a quarter, a year
 * to date, the days one version of the contract was in force) gets its part of the year's amount,
 * split over the year's parts like every other year amount, so that the parts add up to the year
 * exactly. Each amount cut is listed as adjusted (`pools[<id>].broughtForward`).
 */
export function broughtIntoCoverage(
  brought: BroughtForward,
  contract: Contract,
  period: Period,
  coverage: Span,
): { pools: BroughtForwardPools; adjusted: AdjustedAmount[] } {
  if (brought.pools.size === 0) return { pools: brought.pools, adjusted: [] };
  const calendar = calendarOf(contract);
  const parts = partsOfYear(contract, period, coverage, calendar);
  if (parts === null) return { pools: brought.pools, adjusted: [] };
  const scale = minorUnits(contract.currency);
  const part = proRata(coverage, parts.year, calendar);
  const adjusted: AdjustedAmount[] = [];
  const pools = new Map(
    [...brought.pools].map(([id, b]) => {
      const units = amountForSpan(b.units, parts, coverage, scale);
      const declared = unitsText(b.units, scale);
      adjusted.push({
        path: `pools[${id}].broughtForward`,
        declared,
        value: unitsText(units, scale),
        formula: `the year's ${declared} brought forward from ${b.from} (settlement ${b.settlementHash.slice(0, 12)}) split over its parts by ${calendar.dayCount} (largest remainder): ${coverage.start} to ${coverage.end} is ${part.text} → ${unitsText(units, scale)}`,
      });
      return [id, { ...b, units }] as const;
    }),
  );
  return { pools, adjusted };
}

/** What a restatement brings forward again: what the previous settlement recorded, for its contract year. */
export interface BroughtAgain {
  readonly year: Span;
  readonly brought: BroughtForward;
}

/** The money a restatement brings forward again, refused for a period of another contract year. */
export function bringAgain(again: BroughtAgain, valid: Contract, period: Period): BroughtForward {
  const year = yearOf(valid, period);
  if (again.brought.record !== null && (year.start !== again.year.start || year.end !== again.year.end))
    throw new ContractError([
      {
        path: 'options.period',
        code: 'different_year',
        message: `the previous settlement brought money forward into the contract year ${again.year.start} to ${again.year.end}, and period '${period.id}' is in the year ${year.start} to ${year.end}: settle it with its own broughtForward`,
      },
    ]);
  return again.brought;
}

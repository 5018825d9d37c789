import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  defineContract,
  proRata,
  settle,
  splitIntoInstalments,
  type ContractInput,
  type MeasurementInput,
  type Settlement,
} from '../../src/index.js';
import type { DayCount } from '../../src/period/day-count.js';
import * as periodIndex from '../../src/period/index.js';
import { amountForSpan, instalments, yearParts, type Frequency } from '../../src/period/index.js';
import * as periodPublic from '../../src/period/public.js';
import { text, trim, unitsOf } from './contract-arbitrary.js';

/*
 * Property tests of time, against references written here with plain UTC day numbers (Date.UTC),
 * never the library's own date code:
 * - instalments add up exactly to any amount, fall due inside the period and the part in force,
 *   and differ by at most one minor unit when their parts are equal;
 * - pro rata fractions lie in [0, 1] and those of a partition add up to exactly 1;
 * - the amounts a year's parts get (amountForSpan) add up exactly to the year's;
 * - joiners and leavers keep every pool conserved, and a party in force throughout changes nothing;
 * - a year of period-additive rules is the sum of its quarters (and a year to date of its quarters so far);
 * - settling is byte-identical twice, whatever the order of the input and whatever was settled of
 *   the same year before;
 * - dates, pro rata and instalments agree with UTC day arithmetic, also with the process switched
 *   to other time zones (fresh module instances, so no cached answer hides a zone's effect).
 * Money is compared in bigint minor units, never JS numbers. Two regressions found by this file
 * are pinned: payments on account reused across contract years, and Pacific/Apia's skipped day.
 */

// ---------------------------------------------------------------------------------------------
// A reference calendar: UTC day numbers and bigint fractions, independent of the code under test

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const plusDays = (iso: string, days: number) => isoOf(dayOf(iso) + days);
const refDays = (start: string, end: string) => dayOf(end) - dayOf(start) + 1;
const monthLength = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

type MonthEnd = 'clamp' | 'end-of-month';
interface Span {
  start: string;
  end: string;
}

/** `anchor` + `months` calendar months: the anchor's day, or the month's last day (always, for a month-end anchor under end-of-month). */
function refAddMonths(anchor: string, months: number, monthEnd: MonthEnd): string {
  const y = +anchor.slice(0, 4);
  const m0 = +anchor.slice(5, 7) - 1;
  const d = +anchor.slice(8, 10);
  const first = new Date(Date.UTC(y, m0 + months, 1));
  const last = monthLength(first.getUTCFullYear(), first.getUTCMonth());
  const day = monthEnd === 'end-of-month' && d === monthLength(y, m0) ? last : Math.min(d, last);
  return isoOf(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), day) / DAY_MS);
}

/** Twelve months from `start` (by `monthEnd`), less a day. */
const yearFrom = (start: string, monthEnd: MonthEnd = 'clamp'): Span => ({
  start,
  end: plusDays(refAddMonths(start, 12, monthEnd), -1),
});

const STEP: Record<Frequency, number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };

/** Consecutive parts of `step` months counted from the period's start; `cut`: the last one ends with the period. */
function refGrid(period: Span, step: number, monthEnd: MonthEnd, cut: boolean): Span[] {
  const parts: Span[] = [];
  for (let k = 0; ; k += step) {
    const start = refAddMonths(period.start, k, monthEnd);
    if (start > period.end) return parts;
    const end = plusDays(refAddMonths(period.start, k + step, monthEnd), -1);
    parts.push({ start, end: cut ? earlier(end, period.end) : end });
  }
}

type Q = readonly [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};
const q = (n: bigint, d: bigint): Q => {
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
};
const qAdd = (a: Q, b: Q) => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const qText = (f: Q) => (f[1] === 1n ? `${f[0]}` : `${f[0]}/${f[1]}`);
const qParse = (t: string): Q => {
  const [n, d = '1'] = t.split('/');
  return [BigInt(n!), BigInt(d)];
};

/** Months of `part` on `period`'s month grid: whole months 1, a part month its days over the month's days. */
function refMonths(part: Span, period: Span, monthEnd: MonthEnd): Q {
  let total: Q = [0n, 1n];
  for (const month of refGrid(period, 1, monthEnd, false)) {
    const start = later(month.start, part.start);
    const end = earlier(month.end, part.end);
    if (start <= end) total = qAdd(total, q(BigInt(refDays(start, end)), BigInt(refDays(month.start, month.end))));
  }
  return total;
}

/** The fraction of `period` that `part` covers, and its words, as the day count defines it. */
function refProRata(part: Span, period: Span, dayCount: DayCount, monthEnd: MonthEnd): { fraction: Q; text: string } {
  const start = later(part.start, period.start);
  const end = earlier(part.end, period.end);
  const empty = start > end;
  if (dayCount === 'twelfths') {
    const months = refMonths({ start, end }, period, monthEnd);
    const all = refMonths(period, period, monthEnd);
    return {
      fraction: empty ? [0n, 1n] : q(months[0] * all[1], months[1] * all[0]),
      text: `${empty ? '0' : qText(months)} of ${qText(all)} months (twelfths)`,
    };
  }
  const days = empty ? 0 : refDays(start, end);
  const all = refDays(period.start, period.end);
  return { fraction: q(BigInt(days), BigInt(all)), text: `${days} of ${all} days (actual/actual)` };
}

/**
 * Reference instalments: the period's parts cut to the part in force, weighted by their fraction
 * of the period, and the amount split by largest remainder (ties: larger weight, then earlier part).
 */
function refInstalments(
  units: bigint,
  period: Span,
  frequency: Frequency,
  dayCount: DayCount,
  monthEnd: MonthEnd,
  due: 'start' | 'end',
  active: Span,
) {
  const parts = refGrid(period, STEP[frequency], monthEnd, true).flatMap((p) => {
    const start = later(p.start, active.start);
    const end = earlier(p.end, active.end);
    return start > end ? [] : [{ start, end, share: refProRata({ start, end }, period, dayCount, monthEnd).fraction }];
  });
  const common = parts.reduce((l, p) => (l / gcd(l, p.share[1])) * p.share[1], 1n);
  const weights = parts.map((p) => (p.share[0] * common) / p.share[1]);
  const total = weights.reduce((a, b) => a + b, 0n);
  const magnitude = units < 0n ? -units : units;
  const rows = parts.map((p, i) => ({
    ...p,
    weight: weights[i]!,
    floor: (magnitude * weights[i]!) / total,
    remainder: (magnitude * weights[i]!) % total,
    added: 0n,
  }));
  let left = magnitude - rows.reduce((a, r) => a + r.floor, 0n);
  const byClaim = [...rows].sort(
    (a, b) =>
      (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
      (a.weight === b.weight ? 0 : a.weight > b.weight ? -1 : 1) ||
      (a.start < b.start ? -1 : 1),
  );
  for (const r of byClaim) if (left-- > 0n) r.added = 1n;
  const sign = units < 0n ? -1n : 1n;
  return rows.map((r) => ({
    start: r.start,
    end: r.end,
    due: due === 'start' ? r.start : r.end,
    weight: r.weight.toString(),
    units: sign * (r.floor + r.added),
  }));
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const pence = (amount: string) => unitsOf(amount, 2);
const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);
const abs = (v: bigint) => (v < 0n ? -v : v);

const anyDate = fc.integer({ min: dayOf('1999-01-01'), max: dayOf('2060-12-31') }).map(isoOf);
/** Leap days, month ends, 31 January, and days when clocks change at midnight somewhere (Santiago, São Paulo, Tehran, Auckland). */
const awkwardDate = fc.constantFrom(
  '2024-02-29',
  '2028-02-29',
  '2025-01-31',
  '2025-02-28',
  '2023-02-28',
  '2025-04-30',
  '2025-08-31',
  '2025-11-30',
  '2025-12-31',
  '2026-03-31',
  '2025-04-01',
  '2022-09-11',
  '2025-09-07',
  '2025-04-06',
  '2025-09-28',
  '2018-11-04',
  '2022-03-22',
);
const dateArb = fc.oneof({ weight: 3, arbitrary: anyDate }, { weight: 2, arbitrary: awkwardDate });
const dayCountArb = fc.constantFrom<DayCount>('actual/actual', 'twelfths');
const monthEndArb = fc.constantFrom<MonthEnd>('clamp', 'end-of-month');
const frequencyArb = fc.constantFrom<Frequency>('month', 'quarter', 'half-year', 'year');
const dueArb = fc.constantFrom<'start' | 'end'>('start', 'end');
const unitsArb = fc.oneof(
  fc.constantFrom(0n, 1n, -1n, 11n, -13n, 99n),
  fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
  fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
);

/** A period from a start: twelve months (by the month-end rule) or any length up to 800 days. */
const periodArb = fc
  .record({
    start: dateArb,
    length: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 800 })),
    monthEnd: monthEndArb,
  })
  .map(({ start, length, monthEnd }) => ({
    monthEnd,
    period: length === null ? yearFrom(start, monthEnd) : { start, end: plusDays(start, length - 1) },
  }));

/** A span inside `period` from two raw offsets (the whole period when none). */
const spanIn = (period: Span, offsets: readonly [number, number] | null): Span => {
  if (offsets === null) return period;
  const length = refDays(period.start, period.end);
  const [a, b] = [offsets[0] % length, offsets[1] % length].sort((x, y) => x - y);
  return { start: plusDays(period.start, a!), end: plusDays(period.start, b!) };
};

/** A partition of `period` into consecutive parts cut at raw offsets. */
const partition = (period: Span, cuts: readonly number[]): Span[] => {
  const length = refDays(period.start, period.end);
  const starts = [...new Set([0, ...cuts.map((c) => c % length)])].sort((a, b) => a - b);
  return starts.map((offset, i) => ({
    start: plusDays(period.start, offset),
    end: plusDays(period.start, (i + 1 < starts.length ? starts[i + 1]! : length) - 1),
  }));
};

// ---------------------------------------------------------------------------------------------
// 1. Instalments

describe('instalments', () => {
  it('add up exactly to any amount, cover the part in force without gap or overlap, and fall due inside it', () => {
    fc.assert(
      fc.property(
        unitsArb,
        periodArb,
        dayCountArb,
        frequencyArb,
        dueArb,
        fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null }),
        (units, { period, monthEnd }, dayCount, frequency, due, offsets) => {
          const active = spanIn(period, offsets);
          const parts = instalments(units, period, frequency, { dayCount, monthEnd }, due, 2, active);
          expect(parts.length).toBeGreaterThan(0);
          expect(sum(parts.map((p) => p.units))).toBe(units);
          expect(parts[0]!.start).toBe(active.start);
          expect(parts.at(-1)!.end).toBe(active.end);
          const weights = parts.map((p) => BigInt(p.weight));
          const totalWeight = sum(weights);
          parts.forEach((p, i) => {
            if (i > 0) expect(p.start).toBe(plusDays(parts[i - 1]!.end, 1));
            expect(p.start <= p.end).toBe(true);
            expect(p.due).toBe(due === 'start' ? p.start : p.end);
            expect(p.due >= period.start && p.due <= period.end).toBe(true);
            expect(p.due >= active.start && p.due <= active.end).toBe(true);
            expect(p.unitsAdded === 0 || p.unitsAdded === 1).toBe(true);
            // within one minor unit of the exact share: |units × W − amount × w| < W
            expect(abs(p.units * totalWeight - units * weights[i]!) < totalWeight).toBe(true);
            // actual/actual weighs a part by its days
            if (dayCount === 'actual/actual')
              expect(weights[i]! * BigInt(refDays(parts[0]!.start, parts[0]!.end))).toBe(
                weights[0]! * BigInt(refDays(p.start, p.end)),
              );
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('add up exactly to any amount written as text (negative, zero, trimmed), in any currency, through the public function', () => {
    fc.assert(
      fc.property(
        unitsArb,
        fc.constantFrom(['GBP', 2] as const, ['JPY', 0] as const, ['KWD', 3] as const),
        fc.boolean(),
        periodArb,
        fc.record({ dayCount: dayCountArb, frequency: frequencyArb, due: fc.option(dueArb, { nil: undefined }) }),
        fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null }),
        (units, [currency, scale], short, { period, monthEnd }, options, offsets) => {
          const amount = short ? trim(text(units, scale)) : text(units, scale);
          const active = spanIn(period, offsets);
          const parts = splitIntoInstalments({ amount, currency }, period, {
            dayCount: options.dayCount,
            frequency: options.frequency,
            ...(options.due === undefined ? {} : { due: options.due }),
            monthEnd,
            ...(offsets === null ? {} : { active }),
          });
          expect(sum(parts.map((p) => unitsOf(p.amount, scale)))).toBe(units);
          for (const p of parts) {
            // every amount written with exactly the currency's decimals
            expect(p.amount.split('.')[1]?.length ?? 0).toBe(scale);
            expect(p.due).toBe((options.due ?? 'start') === 'start' ? p.start : p.end);
            expect(p.due >= period.start && p.due <= period.end).toBe(true);
            expect(p.due >= active.start && p.due <= active.end).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('differ by at most one minor unit when their parts are equal (twelfths, whole months), the spare units to the earliest', () => {
    fc.assert(
      fc.property(
        unitsArb,
        dateArb,
        monthEndArb,
        frequencyArb,
        dueArb,
        fc.integer({ min: 1, max: 3 }),
        (units, start, monthEnd, frequency, due, years) => {
          // whole years of the month grid: twelve months each, by the same month-end rule
          const period = { start, end: plusDays(refAddMonths(start, 12 * years, monthEnd), -1) };
          const parts = splitIntoInstalments({ amount: text(units, 2), currency: 'GBP' }, period, {
            frequency,
            dayCount: 'twelfths',
            monthEnd,
            due,
          });
          expect(parts).toHaveLength((12 * years) / STEP[frequency]);
          const amounts = parts.map((p) => pence(p.amount));
          expect(sum(amounts)).toBe(units);
          const magnitudes = amounts.map(abs);
          const max = magnitudes.reduce((a, b) => (a > b ? a : b));
          const min = magnitudes.reduce((a, b) => (a < b ? a : b));
          expect(max - min <= 1n).toBe(true);
          // never a larger magnitude after a smaller one: the spare units go to the earliest parts
          magnitudes.forEach((m, i) => expect(i === 0 || m <= magnitudes[i - 1]!).toBe(true));
          // and every part starts where the reference month grid says
          expect(parts.map((p) => p.start)).toEqual(
            refGrid(period, STEP[frequency], monthEnd, true).map((p) => p.start),
          );
        },
      ),
      { numRuns: 120 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 2. and 3. Pro rata and the parts of a year

describe('pro rata', () => {
  it('lies in [0, 1]: 0 exactly for a part outside the period, 1 exactly for a part covering it', () => {
    fc.assert(
      fc.property(
        periodArb,
        dateArb,
        fc.integer({ min: 1, max: 900 }),
        dayCountArb,
        ({ period, monthEnd }, start, length, dayCount) => {
          const part = { start, end: plusDays(start, length - 1) };
          const [n, d] = qParse(proRata(part, period, { dayCount, monthEnd }).fraction);
          expect(n >= 0n && d > 0n && n <= d).toBe(true);
          const disjoint = part.end < period.start || part.start > period.end;
          const covers = part.start <= period.start && part.end >= period.end;
          expect(n === 0n).toBe(disjoint);
          expect(n === d).toBe(covers);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the parts of any partition of a period fractions adding up to exactly 1, under either day count', () => {
    fc.assert(
      fc.property(
        periodArb,
        dayCountArb,
        fc.uniqueArray(fc.nat({ max: 10_000 }), { maxLength: 12 }),
        ({ period, monthEnd }, dayCount, cuts) => {
          let total: Q = [0n, 1n];
          for (const part of partition(period, cuts)) {
            const [n, d] = qParse(proRata(part, period, { dayCount, monthEnd }).fraction);
            expect(n > 0n && n <= d).toBe(true);
            total = qAdd(total, [n, d]);
          }
          expect(qText(total)).toBe('1');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parts of a year (amountForSpan)', () => {
  it('give the spans of any partition of a year amounts adding up exactly to the year’s, each within a unit per part and per month of its exact share', () => {
    fc.assert(
      fc.property(
        unitsArb,
        dateArb,
        dayCountArb,
        monthEndArb,
        fc.uniqueArray(fc.nat({ max: 10_000 }), { maxLength: 8 }),
        fc.boolean(),
        (units, start, dayCount, monthEnd, cuts, withMonths) => {
          const calendar = { dayCount, monthEnd };
          const year = yearFrom(start, monthEnd);
          const spans = partition(year, cuts);
          const parts = yearParts(year, [...(withMonths ? refGrid(year, 1, monthEnd, true) : []), ...spans], calendar);
          const amounts = spans.map((span) => amountForSpan(units, parts, span, 2));
          expect(sum(amounts)).toBe(units);
          expect(amountForSpan(units, parts, year, 2)).toBe(units);
          spans.forEach((span, i) => {
            // additive: two neighbouring spans together get what they get apart
            if (i > 0)
              expect(amountForSpan(units, parts, { start: spans[i - 1]!.start, end: span.end }, 2)).toBe(
                amounts[i - 1]! + amounts[i]!,
              );
            const own = parts.parts.filter((p) => p.span.start >= span.start && p.span.end <= span.end);
            expect(own.length > 0).toBe(true);
            // split over months (each within a unit), then a month over its parts (within a unit of
            // the month's amount): a unit per part and one more per month touched
            const bound = BigInt(own.length + new Set(own.map((p) => p.month)).size);
            const [n, d] = refProRata(span, year, dayCount, monthEnd).fraction;
            expect(abs(amounts[i]! * d - units * n) < bound * d).toBe(true);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 4. and 6. An outcome-pool alliance whose parties join and leave part-way

const YEAR_STARTS = ['2025-04-01', '2024-03-01', '2027-01-31', '2023-02-28', '2026-09-07'] as const;

const allianceArb = fc.record({
  start: fc.constantFrom(...YEAR_STARTS),
  dayCount: dayCountArb,
  monthEnd: monthEndArb,
  mode: fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const, 'ceiling' as const),
  point: fc.constantFrom('pool' as const, 'metric' as const),
  icb: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  icbDates: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null, freq: 4 }),
  providers: fc.array(
    fc.record({
      value: fc.bigInt({ min: 1n, max: 10n ** 10n }),
      // hundredths of a per cent of contract value at risk, or no contribution
      percent: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null, freq: 5 }),
      joins: fc.option(fc.nat(), { nil: null, freq: 2 }),
      leaves: fc.option(fc.nat(), { nil: null, freq: 2 }),
      share: fc.integer({ min: 1, max: 10 }),
      gate: fc.constantFrom(0, 1, 1, 1),
    }),
    { minLength: 2, maxLength: 4 },
  ),
  basis: fc.constantFrom('contract-value' as const, 'equal' as const, 'fixed' as const),
  // hundredths of a percentage point, for metrics scored linearly from 50 to 90
  measured: fc.array(fc.tuple(fc.integer({ min: 3000, max: 11_000 }), fc.integer({ min: 3000, max: 11_000 })), {
    minLength: 1,
    maxLength: 2,
  }),
  gateway: fc.boolean(),
  unearned: fc.constantFrom('contributors' as const, 'commissioner' as const, 'earning-providers' as const),
  forfeited: fc.option(fc.constantFrom('contributors' as const, 'commissioner' as const), { nil: undefined }),
  expected: fc.integer({ min: 0, max: 100 }),
  frequency: frequencyArb,
  due: dueArb,
  period: fc.constantFrom('y1', 'y2'),
  asOf: fc.option(fc.nat(), { nil: null, freq: 2 }),
});
type Alliance = typeof allianceArb extends fc.Arbitrary<infer A> ? A : never;

const yearsOf = (a: Alliance) => {
  const y1 = yearFrom(a.start);
  const y2 = yearFrom(plusDays(y1.end, 1));
  return { y1, y2, term: { start: y1.start, end: y2.end } };
};

/** The dates of a party inside the term, from two raw offsets (either may be left out). */
const datesOf = (term: Span, joins: number | null, leaves: number | null) => {
  const length = refDays(term.start, term.end);
  const j = joins === null ? null : joins % length;
  const l = leaves === null ? null : leaves % length;
  const [lo, hi] = j !== null && l !== null ? [Math.min(j, l), Math.max(j, l)] : [j, l];
  return {
    ...(lo === null ? {} : { joins: plusDays(term.start, lo) }),
    ...(hi === null ? {} : { leaves: plusDays(term.start, hi) }),
  };
};

/** Integers adding up to 100 in proportion to `raw` (all at least 1 here), the rest to the first. */
const hundredBy = (raw: readonly number[]) => {
  const total = raw.reduce((s, r) => s + r, 0);
  const out = raw.map((r) => Math.floor((r * 100) / total));
  out[0]! += 100 - out.reduce((s, r) => s + r, 0);
  return out;
};

function allianceContract(a: Alliance): ContractInput {
  const { y1, y2, term } = yearsOf(a);
  const shares = hundredBy(a.providers.map((p) => p.share));
  const providers = a.providers.map((p, i) => ({
    id: `p${i}`,
    name: `Provider ${i}`,
    role: 'provider' as const,
    contractValue: text(p.value, 2),
    ...datesOf(term, p.joins, p.leaves),
  }));
  const destination = (to: 'contributors' | 'commissioner' | 'earning-providers') =>
    to === 'commissioner' ? { to, party: 'icb' } : { to };
  return {
    id: 'alliance',
    name: 'Alliance',
    version: '1',
    currency: 'GBP',
    calendar: { dayCount: a.dayCount, monthEnd: a.monthEnd },
    rounding: { mode: a.mode, point: a.point },
    term,
    periods: [
      { id: 'y1', ...y1 },
      { id: 'y2', ...y2 },
    ],
    parties: [
      {
        id: 'icb',
        name: 'ICB',
        role: 'commissioner',
        ...(a.icbDates === null ? {} : datesOf(term, a.icbDates[0], a.icbDates[1])),
      },
      ...providers,
    ],
    pools: [
      {
        id: 'pool',
        kind: 'outcome',
        name: 'Outcome pool',
        contributions: [
          { party: 'icb', amount: text(a.icb, 2) },
          ...a.providers.flatMap((p, i) =>
            p.percent === null ? [] : [{ party: `p${i}`, percentOfContractValue: text(BigInt(p.percent), 2) }],
          ),
        ],
        distribution:
          a.basis === 'fixed'
            ? { basis: 'fixed', shares: Object.fromEntries(providers.map((p, i) => [p.id, String(shares[i])])) }
            : { basis: a.basis },
        metrics: a.measured.map((_, k) => ({
          id: `m${k}`,
          name: `Metric ${k}`,
          unit: '%',
          direction: 'higher-is-better' as const,
          scoring: { type: 'linear' as const, min: '50', max: '90' },
        })),
        ...(a.gateway
          ? {
              gateways: [
                {
                  id: 'g',
                  name: 'Gateway',
                  scope: 'provider' as const,
                  measure: 'g',
                  direction: 'higher-is-better' as const,
                  threshold: '1',
                  missing: 'fail' as const,
                },
              ],
            }
          : {}),
        unearned: destination(a.unearned),
        ...(a.forfeited === undefined ? {} : { forfeited: destination(a.forfeited) }),
      },
    ],
    paymentsOnAccount: [
      { id: 'guaranteed', pays: 'guaranteed', frequency: a.frequency, due: a.due },
      { id: 'incentive', pays: 'outcome', pool: 'pool', expected: String(a.expected), frequency: 'month' },
    ],
  };
}

const allianceMeasurements = (a: Alliance): MeasurementInput[] =>
  (['y1', 'y2'] as const).flatMap((period, y) => [
    ...a.measured.map((values, k): MeasurementInput => ({
      metric: `m${k}`,
      period,
      value: text(BigInt(values[y]!), 2),
      status: 'final',
    })),
    ...(a.gateway
      ? a.providers.map((p, i): MeasurementInput => ({
          metric: 'g',
          period,
          party: `p${i}`,
          value: String(p.gate),
          status: 'final',
        }))
      : []),
  ]);

/** What is settled: the period, or the period up to `asOf`. */
const coverageOf = (a: Alliance): Span => {
  const { y1, y2 } = yearsOf(a);
  const period = a.period === 'y1' ? y1 : y2;
  return a.asOf === null
    ? period
    : { start: period.start, end: plusDays(period.start, a.asOf % refDays(period.start, period.end)) };
};
const optionsOf = (a: Alliance) => ({
  period: a.period,
  ...(a.asOf === null ? {} : { asOf: coverageOf(a).end }),
});

describe('joiners and leavers', () => {
  it('keep every pool conserved, every party’s total adding up, and what is paid on account within each party’s time in force', () => {
    fc.assert(
      fc.property(allianceArb, (a) => {
        const contract = allianceContract(a);
        const s = settle(contract, allianceMeasurements(a), optionsOf(a));
        const coverage = coverageOf(a);
        const year = a.period === 'y1' ? yearsOf(a).y1 : yearsOf(a).y2;
        expect(s.resolution.coverage).toEqual(coverage);

        // the pool: conserved, by its own account and by the parties' statements
        for (const pool of s.pools) {
          expect(pool.conservation).toEqual({ in: pool.funding, out: pool.funding, difference: '0.00' });
          const statements = s.parties.flatMap((p) => p.pools.filter((st) => st.pool === pool.id));
          expect(sum(statements.map((st) => pence(st.earned) + pence(st.redistributed) + pence(st.returned)))).toBe(
            pence(pool.funding),
          );
          expect(sum(statements.map((st) => pence(st.contributed)))).toBe(pence(pool.funding));
          expect(sum(pool.contributions.map((c) => pence(c.amount)))).toBe(pence(pool.funding));
          expect(pence(pool.earned) + pence(pool.forfeited) + pence(pool.unearned)).toBe(pence(pool.funding));
        }
        expect(sum(s.parties.map((p) => pence(p.earned) + pence(p.redistributed) + pence(p.returned)))).toBe(
          sum(s.pools.map((p) => pence(p.funding))),
        );

        // who is in force part-way, and for what fraction (the reference's)
        const expected = contract.parties.flatMap((party) => {
          const from = party.joins !== undefined && party.joins > coverage.start ? party.joins : coverage.start;
          const to = party.leaves !== undefined && party.leaves < coverage.end ? party.leaves : coverage.end;
          if (from === coverage.start && to === coverage.end) return [];
          return [
            {
              party: party.id,
              from: from <= to ? from : null,
              to: from <= to ? to : null,
              fraction: qText(refProRata({ start: from, end: to }, coverage, a.dayCount, a.monthEnd).fraction),
            },
          ];
        });
        expect(s.resolution.inForce.map(({ party, from, to, fraction }) => ({ party, from, to, fraction }))).toEqual(
          expected.sort((x, y) => (x.party < y.party ? -1 : 1)),
        );

        for (const party of s.parties) {
          const guaranteed = party.guaranteed === null ? 0n : pence(party.guaranteed);
          if (party.contractValue !== null)
            expect(guaranteed).toBe(pence(party.contractValue) - pence(party.contributed));
          expect(pence(party.total)).toBe(
            guaranteed + pence(party.earned) + pence(party.redistributed) + pence(party.returned),
          );
          // a party not in force at all in what is settled puts nothing in and gets nothing
          const out = expected.find((e) => e.party === party.id && e.from === null);
          if (out && party.role === 'provider') {
            for (const field of [
              'contractValue',
              'contributed',
              'earned',
              'redistributed',
              'returned',
              'total',
            ] as const)
              expect(party[field], `${party.id}.${field}`).toBe('0.00');
          }
        }

        // a provider's contribution is its percentage at risk of its contract value (percentages in
        // hundredths of a per cent, so compared in ten-thousandths of a penny): for a whole year, of
        // its pro-rated value rounded once (half a penny, or a penny rounding down or up). For a part
        // of a year it is the year's contribution cut like the rest of the value (so that the parts
        // of a year add up to the year's): each cut is within a penny a month touched, and a penny a
        // part of the last month (cut where a party joins or leaves, and where what is settled ends),
        // of its exact share, so the two cuts together are within that many pennies more
        const rounding = a.mode === 'half-up' || a.mode === 'half-even' ? 5_000n : 10_000n;
        const touched = refGrid(year, 1, a.monthEnd, true).filter((m) => m.start <= coverage.end);
        const cutsInLast = new Set(
          contract.parties
            .flatMap((p) => [p.joins, p.leaves === undefined ? undefined : plusDays(p.leaves, 1)])
            .filter((d) => d !== undefined && d > touched.at(-1)!.start && d <= coverage.end),
        );
        const cuts = coverage.end === year.end ? 0 : touched.length + 1 + cutsInLast.size;
        const bound = rounding + 10_000n * BigInt(cuts);
        a.providers.forEach(({ percent }, i) => {
          if (percent === null) return;
          const party = s.parties.find((p) => p.id === `p${i}`)!;
          const off = pence(party.contributed) * 10_000n - pence(party.contractValue!) * BigInt(percent);
          expect(
            abs(off) <= bound,
            `p${i}: ${party.contributed} of ${party.contractValue} at ${percent} hundredths %`,
          ).toBe(true);
        });

        // payments on account: each party's instalments add up to its year amount and fall in its time in force
        const partyOf = new Map(contract.parties.map((p) => [p.id, p]));
        const paidTo = new Map<string, bigint>();
        for (const schedule of s.paymentsOnAccount) {
          for (const row of schedule.parties) {
            const p = partyOf.get(row.party)!;
            const from = later(p.joins ?? year.start, year.start);
            const to = earlier(p.leaves ?? year.end, year.end);
            expect(sum(row.instalments.map((i) => pence(i.amount)))).toBe(
              row.instalments.length ? pence(row.year) : 0n,
            );
            for (const i of row.instalments)
              expect(i.due >= from && i.due <= to, `${row.party} due ${i.due}`).toBe(true);
            const dueNow = row.instalments.filter((i) => i.due >= coverage.start && i.due <= coverage.end);
            expect(pence(row.paid)).toBe(sum(dueNow.map((i) => pence(i.amount))));
            paidTo.set(row.party, (paidTo.get(row.party) ?? 0n) + pence(row.paid));
          }
          expect(pence(schedule.paid)).toBe(sum(schedule.parties.map((r) => pence(r.paid))));
        }
        for (const party of s.parties.filter((p) => p.role === 'provider')) {
          const r = party.reconciliation!;
          expect(pence(r.paidOnAccount)).toBe(paidTo.get(party.id) ?? 0n);
          expect(pence(r.balance)).toBe(pence(party.total) - pence(r.paidOnAccount));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('change nothing for parties in force throughout the year, when nobody joins or leaves inside it', () => {
    fc.assert(
      fc.property(
        allianceArb,
        fc.array(fc.tuple(fc.option(fc.nat()), fc.option(fc.nat())), { minLength: 5, maxLength: 5 }),
        (a, raw) => {
          const { term } = yearsOf(a);
          const year = a.period === 'y1' ? yearsOf(a).y1 : yearsOf(a).y2;
          const plain = allianceContract({
            ...a,
            icbDates: null,
            providers: a.providers.map((p) => ({ ...p, joins: null, leaves: null })),
          });
          // joins on or before the year's first day, leaves on or after its last: in force throughout
          const before = refDays(term.start, year.start);
          const after = refDays(year.end, term.end);
          const dated: ContractInput = {
            ...plain,
            parties: plain.parties.map((p, i) => {
              const [j, l] = raw[i]!;
              return {
                ...p,
                ...(j === null ? {} : { joins: plusDays(term.start, j % before) }),
                ...(l === null ? {} : { leaves: plusDays(year.end, l % after) }),
              };
            }),
          };
          const options = optionsOf(a);
          const x = settle(plain, allianceMeasurements(a), options);
          const y = settle(dated, allianceMeasurements(a), options);
          expect(y.resolution.inForce).toEqual([]);
          for (const field of ['parties', 'pools', 'metrics', 'gateways', 'paymentsOnAccount'] as const)
            expect(JSON.stringify(y[field]), field).toBe(JSON.stringify(x[field]));
          expect(JSON.stringify(y.resolution.adjusted)).toBe(JSON.stringify(x.resolution.adjusted));
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Period additivity

const additiveArb = fc.record({
  start: dateArb,
  cuts: fc.uniqueArray(fc.integer({ min: 1, max: 364 }), { minLength: 3, maxLength: 3 }),
  dayCount: dayCountArb,
  monthEnd: monthEndArb,
  mode: fc.constantFrom('half-up' as const, 'down' as const, 'ceiling' as const),
  providers: fc.array(
    fc.record({
      value: fc.bigInt({ min: 0n, max: 10n ** 10n }),
      fixed: fc.option(fc.bigInt({ min: 0n, max: 10n ** 8n }), { nil: null }),
      // a percentage of the contract value at risk, in tenths of a per cent (instead of a fixed amount)
      percent: fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
      // days into the year it joins and leaves (either may be missing)
      joins: fc.option(fc.integer({ min: 0, max: 364 }), { nil: null }),
      leaves: fc.option(fc.integer({ min: 0, max: 364 }), { nil: null }),
      // counts per quarter and outcome
      counts: fc.array(fc.array(fc.nat({ max: 50 }), { minLength: 2, maxLength: 2 }), { minLength: 4, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  prices: fc.array(fc.bigInt({ min: 1n, max: 10n ** 7n }), { minLength: 1, maxLength: 2 }),
  localShare: fc.integer({ min: 0, max: 100 }),
  pool: fc.option(
    fc.record({
      icb: fc.bigInt({ min: 0n, max: 10n ** 9n }),
      scores: fc.array(fc.integer({ min: 40, max: 100 }), { minLength: 5, maxLength: 5 }),
    }),
    { nil: null },
  ),
  frequency: frequencyArb,
  due: dueArb,
  months: fc.boolean(),
});
type Additive = typeof additiveArb extends fc.Arbitrary<infer A> ? A : never;

function additive(a: Additive) {
  const year = yearFrom(a.start);
  const quarters = partition(year, a.cuts);
  const ids = ['q1', 'q2', 'q3', 'q4'];
  const periods = ['y', ...ids];
  const contract: ContractInput = {
    id: 'additive',
    name: 'Additive',
    version: '1',
    currency: 'GBP',
    calendar: { dayCount: a.dayCount, monthEnd: a.monthEnd },
    rounding: { mode: a.mode },
    term: year,
    periods: [
      { id: 'y', ...year },
      ...quarters.map((q, k) => ({ id: ids[k]!, kind: 'quarter' as const, ...q })),
      // monthly periods too, when drawn: more cuts of the year, the same for every settlement
      ...(a.months
        ? refGrid(year, 1, a.monthEnd, true).map((m, k) => ({ id: `m${k + 1}`, kind: 'month' as const, ...m }))
        : []),
    ],
    parties: [
      { id: 'icb', name: 'ICB', role: 'commissioner' },
      { id: 'nhse', name: 'NHSE', role: 'commissioner' },
      ...a.providers.map((p, i) => {
        const [joins, leaves] =
          p.joins !== null && p.leaves !== null && p.joins > p.leaves ? [p.leaves, p.joins] : [p.joins, p.leaves];
        return {
          id: `p${i}`,
          name: `Provider ${i}`,
          role: 'provider' as const,
          contractValue: text(p.value, 2),
          ...(joins === null ? {} : { joins: plusDays(year.start, joins) }),
          ...(leaves === null ? {} : { leaves: plusDays(year.start, leaves) }),
        };
      }),
    ],
    pools: [
      {
        id: 'card',
        kind: 'rate-card',
        name: 'Card',
        outcomes: a.prices.map((price, o) => ({ id: `o${o}`, name: `O${o}`, price: text(price, 2), measure: `c${o}` })),
        payers: [
          { party: 'icb', percent: String(a.localShare) },
          { party: 'nhse', percent: String(100 - a.localShare) },
        ],
      },
      ...(a.pool === null
        ? []
        : [
            {
              id: 'pool',
              kind: 'outcome' as const,
              name: 'Pool',
              contributions: [
                { party: 'icb', amount: text(a.pool.icb, 2) },
                ...a.providers.flatMap((p, i): { party: string; amount?: string; percentOfContractValue?: string }[] =>
                  p.percent !== null
                    ? [{ party: `p${i}`, percentOfContractValue: text(BigInt(p.percent), 1) }]
                    : p.fixed === null
                      ? []
                      : [{ party: `p${i}`, amount: text(p.fixed, 2) }],
                ),
              ],
              metrics: [
                {
                  id: 'm',
                  name: 'M',
                  unit: '%',
                  direction: 'higher-is-better' as const,
                  scoring: { type: 'linear' as const, min: '50', max: '90' },
                },
              ],
              distribution: { basis: 'equal' as const },
              unearned: { to: 'contributors' as const },
            },
          ]),
    ],
    paymentsOnAccount: [{ id: 'guaranteed', pays: 'guaranteed', payer: 'icb', frequency: a.frequency, due: a.due }],
  };
  const measurements: MeasurementInput[] = [
    ...a.providers.flatMap((p, i) =>
      a.prices.flatMap((_, o) =>
        periods.map((period, k): MeasurementInput => ({
          metric: `c${o}`,
          period,
          party: `p${i}`,
          // the year's count is the sum of the quarters'
          value: String(k === 0 ? p.counts.reduce((s, c) => s + c[o]!, 0) : p.counts[k - 1]![o]!),
          status: 'final',
        })),
      ),
    ),
    ...(a.pool === null
      ? []
      : periods.map((period, k): MeasurementInput => ({
          metric: 'm',
          period,
          value: String(a.pool!.scores[k]),
          status: 'final',
        }))),
  ];
  return { contract, measurements, quarters, ids };
}

describe('a year of period-additive rules', () => {
  it('is the sum of its four quarters party by party (total, guaranteed, priced, contributed, paid on account), joiners, leavers and percentages at risk included, and a year to date the sum of its quarters so far', () => {
    fc.assert(
      fc.property(additiveArb, fc.integer({ min: 0, max: 2 }), (a, k) => {
        const { contract, measurements, quarters, ids } = additive(a);
        const valid = defineContract(contract);
        const year = settle(valid, measurements, { period: 'y' });
        const parts = ids.map((q) => settle(valid, measurements, { period: q }));
        const toDate = settle(valid, measurements, { period: 'y', asOf: quarters[k]!.end });
        const field = (
          s: Settlement,
          party: string,
          f: (p: Settlement['parties'][number]) => string | null | undefined,
        ) => pence(f(s.parties.find((p) => p.id === party)!) ?? '0');
        const getters = {
          guaranteed: (p: Settlement['parties'][number]) => p.guaranteed,
          contributed: (p: Settlement['parties'][number]) => p.contributed,
          priced: (p: Settlement['parties'][number]) => p.priced,
          paidOnAccount: (p: Settlement['parties'][number]) => p.reconciliation?.paidOnAccount,
          total: (p: Settlement['parties'][number]) => p.total,
        };
        for (const party of year.parties) {
          for (const [name, get] of Object.entries(getters)) {
            // with an outcome pool, earnings follow each period's score: only the rest is additive
            if (name === 'total' && a.pool !== null) continue;
            const quarterly = sum(parts.map((s) => field(s, party.id, get)));
            const yearly = field(year, party.id, get);
            if (party.role === 'commissioner' && (name === 'priced' || name === 'total')) {
              // the payers' split of each provider's payment is rounded per period (largest remainder,
              // within a unit of the exact share): over four quarters and the year, under 5 units a provider
              const bound = 5n * BigInt(a.providers.length);
              expect(abs(quarterly - yearly) < bound, `${party.id} ${name}: ${quarterly} vs ${yearly}`).toBe(true);
              continue;
            }
            expect(quarterly, `${party.id} ${name}`).toBe(yearly);
            if (name === 'guaranteed' || name === 'contributed' || name === 'paidOnAccount')
              expect(
                sum(parts.slice(0, k + 1).map((s) => field(s, party.id, get))),
                `${party.id} ${name} to date`,
              ).toBe(field(toDate, party.id, get));
          }
        }
        // what the payers pay is what the providers receive, in every settlement
        for (const s of [year, ...parts, toDate]) expect(sum(s.parties.map((p) => pence(p.priced)))).toBe(0n);
        for (const pool of year.pools)
          expect(sum(parts.map((s) => pence(s.pools.find((p) => p.id === pool.id)!.funding)))).toBe(
            pence(pool.funding),
          );
        const received = (s: Settlement) => sum(s.rateCards[0]!.providers.map((p) => pence(p.received)));
        expect(sum(parts.map(received))).toBe(received(year));
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Determinism

/** A small seeded generator (mulberry32), so a shuffle is reproducible from fast-check's seed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const shuffle = <T>(items: readonly T[], next: () => number): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};
const shuffleKeys = <T extends object>(o: T, next: () => number): T =>
  Object.fromEntries(shuffle(Object.entries(o), next)) as T;

/** '' when equal, else the text around the first difference (a whole settlement is too long to print). */
const firstDifference = (a: string, b: string) => {
  if (a === b) return '';
  let i = 0;
  while (a[i] === b[i]) i++;
  return `${a.slice(Math.max(0, i - 150), i + 150)}\n  ≠ ${b.slice(Math.max(0, i - 150), i + 150)}`;
};

describe('determinism', () => {
  it('settles byte-identically twice, with asOf and joiners, whatever was settled of the same year before', () => {
    fc.assert(
      fc.property(allianceArb, fc.array(fc.option(fc.nat(), { nil: null }), { maxLength: 3 }), (a, before) => {
        const contract = allianceContract(a);
        const measurements = allianceMeasurements(a);
        const first = JSON.stringify(settle(contract, measurements, optionsOf(a)));
        expect(firstDifference(JSON.stringify(settle(contract, measurements, optionsOf(a))), first)).toBe('');
        // one validated contract settled first up to other dates of the same year: its caches change nothing
        // (the other year settled first is the year-2 regression test below)
        const valid = defineContract(contract);
        for (const asOf of before) settle(valid, measurements, optionsOf({ ...a, asOf }));
        expect(firstDifference(JSON.stringify(settle(valid, measurements, optionsOf(a))), first)).toBe('');
        expect(firstDifference(JSON.stringify(settle(valid, measurements, optionsOf(a))), first)).toBe('');
      }),
      { numRuns: 40 },
    );
  });

  // Regression: each schedule's year amount and instalments are kept per resolved contract; a
  // contract nobody joins or leaves resolves to itself for every year, so the key must name the
  // year, or year 2 reuses year 1's instalments (none due in year 2: paid on account 0.00).
  it('settles year 2 of a validated contract byte-identically after its year 1 was settled', () => {
    const contract: ContractInput = {
      id: 'two-years',
      name: 'Two years',
      version: '1',
      currency: 'GBP',
      term: { start: '2025-04-01', end: '2027-03-31' },
      periods: [
        { id: 'y1', start: '2025-04-01', end: '2026-03-31' },
        { id: 'y2', start: '2026-04-01', end: '2027-03-31' },
      ],
      parties: [
        { id: 'icb', name: 'ICB', role: 'commissioner' },
        { id: 'p', name: 'Provider', role: 'provider', contractValue: '1200.00' },
      ],
      pools: [
        {
          id: 'card',
          kind: 'rate-card',
          name: 'Card',
          outcomes: [{ id: 'o', name: 'O', price: '1.00', measure: 'o' }],
          payers: [{ party: 'icb', percent: '100' }],
        },
      ],
      paymentsOnAccount: [{ id: 'monthly', pays: 'guaranteed', frequency: 'month' }],
    };
    const measurements: MeasurementInput[] = ['y1', 'y2'].map((period) => ({
      metric: 'o',
      period,
      party: 'p',
      value: '0',
      status: 'final',
    }));
    const fresh = settle(contract, measurements, { period: 'y2' });
    expect(fresh.parties.find((p) => p.id === 'p')!.reconciliation!.paidOnAccount).toBe('1200.00');
    const valid = defineContract(contract);
    settle(valid, measurements, { period: 'y1' });
    const after = settle(valid, measurements, { period: 'y2' });
    // year 2's own instalments: year 1's (due 2025-04-01 … 2026-03-01) would pay '0.00' on account here
    expect(after.parties.find((p) => p.id === 'p')!.reconciliation!.paidOnAccount).toBe('1200.00');
    expect(firstDifference(JSON.stringify(after), JSON.stringify(fresh))).toBe('');
  });

  it('settles byte-identically whatever the order of parties, periods, contributions, schedules, shares, measurements and a measurement’s revisions', () => {
    fc.assert(
      fc.property(allianceArb, fc.integer(), (a, seed) => {
        const next = random(seed);
        const contract = allianceContract(a);
        const measurements = allianceMeasurements(a);
        const shuffled: ContractInput = shuffleKeys(
          {
            ...contract,
            parties: shuffle(contract.parties, next).map((p) => shuffleKeys(p, next)),
            periods: shuffle(contract.periods, next),
            pools: contract.pools.map((pool) =>
              pool.kind !== 'outcome'
                ? pool
                : {
                    ...pool,
                    contributions: shuffle(pool.contributions, next),
                    metrics: shuffle(pool.metrics, next),
                    ...(pool.distribution?.shares
                      ? { distribution: { ...pool.distribution, shares: shuffleKeys(pool.distribution.shares, next) } }
                      : {}),
                  },
            ),
            paymentsOnAccount: shuffle(contract.paymentsOnAccount!, next),
          },
          next,
        );
        const reordered = shuffle(measurements, next).map((m) => shuffleKeys(m, next));
        expect(
          firstDifference(
            JSON.stringify(settle(shuffled, reordered, optionsOf(a))),
            JSON.stringify(settle(contract, measurements, optionsOf(a))),
          ),
        ).toBe('');
        // some figures (one at least) given as a provisional revision 1, with another value, restated
        // by a final revision 2: the settlement uses revision 2 whichever order the revisions come in
        const first = Math.floor(next() * measurements.length);
        const revised = measurements.flatMap((m, i): MeasurementInput[] =>
          i === first || next() < 0.5
            ? [
                { ...m, value: m.value === '1' ? '2' : '1', status: 'provisional', revision: 1 },
                { ...m, revision: 2 },
              ]
            : [m],
        );
        const inOrder = settle(contract, revised, optionsOf(a));
        expect(
          firstDifference(
            JSON.stringify(
              settle(
                shuffled,
                shuffle(revised, next).map((m) => shuffleKeys(m, next)),
                optionsOf(a),
              ),
            ),
            JSON.stringify(inOrder),
          ),
        ).toBe('');
        // and what revision 2 restates is what was given unrevised: the same money
        const plain = settle(contract, measurements, optionsOf(a));
        for (const field of ['parties', 'pools', 'paymentsOnAccount'] as const)
          expect(firstDifference(JSON.stringify(inOrder[field]), JSON.stringify(plain[field])), field).toBe('');
      }),
      { numRuns: 40 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Agreement with plain UTC day arithmetic, here and in other time zones

type PeriodModule = typeof import('../../src/period/index.js');
type PublicModule = typeof import('../../src/period/public.js');

/** The period functions (the internal ones and the public two) checked against the reference on one random case. */
function agreesWithReference(period: PeriodModule, pub: PublicModule) {
  return fc.property(
    dateArb,
    fc.integer({ min: 0, max: 800 }),
    fc.integer({ min: -5, max: 40 }),
    monthEndArb,
    dayCountArb,
    frequencyArb,
    fc.tuple(fc.nat(), fc.nat()),
    fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
    (start, length, months, monthEnd, dayCount, frequency, offsets, units) => {
      const end = plusDays(start, length);
      expect(period.daysIn(start, end)).toBe(length + 1);
      expect(period.nextDay(start)).toBe(plusDays(start, 1));
      expect(period.previousDay(start)).toBe(plusDays(start, -1));
      expect(period.addMonthsTo(start, months, monthEnd)).toBe(refAddMonths(start, months, monthEnd));
      const whole = { start, end };
      expect(period.splitPeriod(whole, frequency, monthEnd)).toEqual(refGrid(whole, STEP[frequency], monthEnd, true));
      const part = spanIn(whole, offsets);
      const expected = refProRata(part, whole, dayCount, monthEnd);
      expect(pub.proRata(part, whole, { dayCount, monthEnd })).toEqual({
        fraction: qText(expected.fraction),
        text: expected.text,
      });
      const got = period.instalments(units, whole, frequency, { dayCount, monthEnd }, 'end', 2, part);
      expect(got.map((i) => ({ start: i.start, end: i.end, due: i.due, weight: i.weight, units: i.units }))).toEqual(
        refInstalments(units, whole, frequency, dayCount, monthEnd, 'end', part),
      );
    },
  );
}

/** Runs `body` with the process switched to time zone `zone`, on fresh instances of the library's modules. */
async function inZone<T>(
  zone: string,
  body: (modules: { period: PeriodModule; pub: PublicModule; index: typeof import('../../src/index.js') }) => T,
): Promise<T> {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    vi.resetModules();
    const period = await import('../../src/period/index.js');
    const pub = await import('../../src/period/public.js');
    const index = await import('../../src/index.js');
    return body({ period, pub, index });
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
    vi.resetModules();
  }
}

/** Zones whose clocks jump at or around midnight, by half hours, or far from UTC. */
const ZONES = [
  'America/Santiago',
  'America/Sao_Paulo',
  'Asia/Tehran',
  'America/Havana',
  'America/Asuncion',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Etc/GMT+12',
  'America/St_Johns',
  'Africa/Casablanca',
];

describe('time-zone independence', () => {
  it('agrees with UTC day arithmetic: days, months, pro rata, parts and instalments', () => {
    fc.assert(agreesWithReference(periodIndex, periodPublic), { numRuns: 200 });
  });

  it.each(ZONES)(
    'agrees with UTC day arithmetic with the process in %s, and settles byte-identically there',
    async (zone) => {
      const a = fc.sample(allianceArb, { numRuns: 3, seed: 42 });
      const here = a.map((x) => JSON.stringify(settle(allianceContract(x), allianceMeasurements(x), optionsOf(x))));
      await inZone(zone, ({ period, pub, index }) => {
        expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
        fc.assert(agreesWithReference(period, pub), { numRuns: 25 });
        a.forEach((x, i) =>
          expect(
            firstDifference(
              JSON.stringify(index.settle(allianceContract(x), allianceMeasurements(x), optionsOf(x))),
              here[i]!,
            ),
          ).toBe(''),
        );
      });
    },
  );

  // Regression: in a zone that skipped a calendar day, local-midnight date arithmetic skips it too.
  // Samoa (Pacific/Apia) went from 29 to 31 December 2011; dates now count on the UTC calendar.
  it('agrees with UTC day arithmetic in Pacific/Apia too, across the day Samoa skipped (30 December 2011)', async () => {
    await inZone('Pacific/Apia', ({ period, pub }) => {
      expect(period.nextDay('2011-12-29')).toBe('2011-12-30');
      expect(period.previousDay('2011-12-31')).toBe('2011-12-30');
      expect(
        pub.proRata({ start: '2011-12-30', end: '2011-12-31' }, { start: '2011-12-01', end: '2011-12-31' }).fraction,
      ).toBe('2/31');
      expect(
        pub
          .splitIntoInstalments(
            { amount: '12.00', currency: 'GBP' },
            { start: '2011-11-30', end: '2012-01-29' },
            { frequency: 'month' },
          )
          .map((i) => [i.start, i.end, i.amount]),
      ).toEqual([
        ['2011-11-30', '2011-12-29', '5.90'],
        ['2011-12-30', '2012-01-29', '6.10'],
      ]);
    });
  });
});

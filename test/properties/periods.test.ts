import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, splitIntoInstalments, proRata, type ContractInput, type MeasurementInput } from '../../src/index.js';
import { addMonthsTo, daysIn } from '../../src/period/dates.js';
import { instalments } from '../../src/period/instalments.js';
import { amountForSpan, yearParts } from '../../src/period/parts.js';
import { splitPeriod } from '../../src/period/split.js';
import { text, unitsOf } from './contract-arbitrary.js';

/*
 * Property tests of time: instalments and parts of a year add up exactly; pro rata fractions of
 * a partition add up to one; joiners and leavers leave every pool conserved; a year of
 * period-additive rules is the sum of its quarters; settling is deterministic whatever the order
 * of the input; and dates agree with plain UTC day arithmetic, whatever the time zone.
 */

const pence = (amount: string) => unitsOf(amount, 2);
const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

// Plain UTC day numbers, the reference the date-fns code must agree with in any time zone.
const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const dateArb = fc.integer({ min: dayNumber('1999-01-01'), max: dayNumber('2060-12-31') }).map(isoOf);
const awkwardStart = fc.constantFrom(
  '2024-02-29',
  '2025-01-31',
  '2025-04-30',
  '2025-08-31',
  '2027-12-31',
  '2028-02-29',
);
const startArb = fc.oneof(dateArb, awkwardStart);
const calendarArb = fc.record({
  dayCount: fc.constantFrom('actual/actual' as const, 'twelfths' as const),
  monthEnd: fc.constantFrom('clamp' as const, 'end-of-month' as const),
});
const frequencyArb = fc.constantFrom('month' as const, 'quarter' as const, 'half-year' as const, 'year' as const);
/** A year-long span from a start date (the day before the same date a year later). */
const yearFrom = (start: string) => ({ start, end: isoOf(dayNumber(addMonthsTo(start, 12, 'clamp')) - 1) });

describe('instalments', () => {
  it('always add up to the amount exactly, each due inside the period and inside the part in force', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        startArb,
        frequencyArb,
        calendarArb,
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 364 }),
        fc.constantFrom('start' as const, 'end' as const),
        (units, start, frequency, calendar, a, b, due) => {
          const year = yearFrom(start);
          const length = daysIn(year.start, year.end);
          const [from, to] = [Math.min(a, b) % length, Math.max(a, b) % length].sort((x, y) => x - y);
          const active = { start: isoOf(dayNumber(year.start) + from!), end: isoOf(dayNumber(year.start) + to!) };
          const parts = instalments(units, year, frequency, calendar, due, 2, active);
          expect(sum(parts.map((p) => p.units))).toBe(units);
          for (const p of parts) {
            expect(p.due >= active.start && p.due <= active.end).toBe(true);
            expect(p.start >= active.start && p.end <= active.end).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('differ by at most one minor unit when the parts are equal (twelfths, whole months)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), startArb, (units, start) => {
        const parts = splitIntoInstalments({ amount: text(units, 2), currency: 'GBP' }, yearFrom(start), {
          frequency: 'month',
          dayCount: 'twelfths',
        });
        expect(parts).toHaveLength(12);
        const amounts = parts.map((p) => pence(p.amount));
        const max = amounts.reduce((a, b) => (a > b ? a : b));
        const min = amounts.reduce((a, b) => (a < b ? a : b));
        expect(max - min <= 1n).toBe(true);
        // the spare pennies go to the earliest months
        expect([...amounts].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0))).toEqual(amounts);
        expect(sum(amounts)).toBe(units);
      }),
      { numRuns: 150 },
    );
  });
});

describe('pro rata and parts of a year', () => {
  it('gives fractions in [0, 1] that add up to exactly 1 over a partition of the year', () => {
    fc.assert(
      fc.property(
        startArb,
        calendarArb,
        fc.uniqueArray(fc.integer({ min: 1, max: 364 }), { maxLength: 8 }),
        (start, calendar, cuts) => {
          const year = yearFrom(start);
          const length = daysIn(year.start, year.end);
          const starts = [0, ...cuts.filter((c) => c < length).sort((a, b) => a - b)];
          let numerator = 0n;
          let denominator = 1n;
          starts.forEach((offset, i) => {
            const end = i + 1 < starts.length ? starts[i + 1]! - 1 : length - 1;
            const part = { start: isoOf(dayNumber(year.start) + offset), end: isoOf(dayNumber(year.start) + end) };
            const [n, d = '1'] = proRata(part, year, calendar).fraction.split('/');
            expect(BigInt(n!) <= BigInt(d)).toBe(true);
            numerator = numerator * BigInt(d) + BigInt(n!) * denominator;
            denominator *= BigInt(d);
          });
          expect(numerator).toBe(denominator);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('cuts any amount into parts that add up to it exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        startArb,
        calendarArb,
        fc.uniqueArray(fc.integer({ min: 1, max: 364 }), { maxLength: 6 }),
        (units, start, calendar, cuts) => {
          const year = yearFrom(start);
          const length = daysIn(year.start, year.end);
          const starts = [0, ...cuts.filter((c) => c < length).sort((a, b) => a - b)];
          const spans = starts.map((offset, i) => ({
            start: isoOf(dayNumber(year.start) + offset),
            end: isoOf(dayNumber(year.start) + (i + 1 < starts.length ? starts[i + 1]! - 1 : length - 1)),
          }));
          const parts = yearParts(year, [...splitPeriod(year, 'month', calendar.monthEnd), ...spans], calendar);
          expect(sum(spans.map((span) => amountForSpan(units, parts, span, 2)))).toBe(units);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees with plain UTC day arithmetic, so no answer depends on the time zone', () => {
    fc.assert(
      fc.property(dateArb, dateArb, fc.integer({ min: 0, max: 40 }), (a, b, months) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(daysIn(start, end)).toBe(dayNumber(end) - dayNumber(start) + 1);
        // clamp: the anchor's day of month, or the month's last day when it is shorter
        const y = +start.slice(0, 4);
        const m = +start.slice(5, 7) - 1 + months;
        const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
        const expected = new Date(Date.UTC(y, m, Math.min(+start.slice(8, 10), lastDay))).toISOString().slice(0, 10);
        expect(addMonthsTo(start, months, 'clamp')).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

/** An outcome pool of 2–4 providers who may join or leave part-way. */
const alliance = fc.record({
  values: fc.array(fc.bigInt({ min: 0n, max: 10n ** 10n }), { minLength: 2, maxLength: 4 }),
  icb: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  basis: fc.constantFrom('contract-value' as const, 'equal' as const, 'fixed' as const),
  dates: fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 364 })), fc.option(fc.integer({ min: 0, max: 364 }))), {
    minLength: 4,
    maxLength: 4,
  }),
  measured: fc.integer({ min: 50, max: 90 }),
  dayCount: fc.constantFrom('actual/actual' as const, 'twelfths' as const),
  asOf: fc.option(fc.integer({ min: 0, max: 364 }), { nil: undefined }),
});
type Alliance = typeof alliance extends fc.Arbitrary<infer A> ? A : never;
const YEAR = { start: '2025-04-01', end: '2026-03-31' };
const day = (offset: number) => isoOf(dayNumber(YEAR.start) + offset);

function allianceContract(a: Alliance, withDates = true): ContractInput {
  const providers = a.values.map((value, i) => {
    const [joins, leaves] = a.dates[i]!;
    const lo = joins !== null && leaves !== null ? Math.min(joins, leaves) : joins;
    const hi = joins !== null && leaves !== null ? Math.max(joins, leaves) : leaves;
    return {
      id: `p${i}`,
      name: `P${i}`,
      role: 'provider' as const,
      contractValue: text(value + 1n, 2),
      ...(withDates && lo !== null ? { joins: day(lo) } : {}),
      ...(withDates && hi !== null ? { leaves: day(hi) } : {}),
    };
  });
  const share = Math.floor(100 / providers.length);
  return {
    id: 'c',
    name: 'C',
    version: '1',
    currency: 'GBP',
    calendar: { dayCount: a.dayCount },
    term: YEAR,
    periods: [{ id: 'y', ...YEAR }],
    parties: [{ id: 'icb', name: 'ICB', role: 'commissioner' }, ...providers],
    pools: [
      {
        id: 'pool',
        kind: 'outcome',
        name: 'Pool',
        contributions: [
          { party: 'icb', amount: text(a.icb, 2) },
          ...providers.map((p) => ({ party: p.id, percentOfContractValue: '1.5' })),
        ],
        distribution:
          a.basis === 'fixed'
            ? {
                basis: 'fixed',
                shares: Object.fromEntries(
                  providers.map((p, i) => [p.id, String(i === 0 ? 100 - share * (providers.length - 1) : share)]),
                ),
              }
            : { basis: a.basis },
        metrics: [
          {
            id: 'm',
            name: 'M',
            unit: '%',
            direction: 'higher-is-better',
            scoring: { type: 'linear', min: '50', max: '90' },
          },
        ],
        unearned: { to: 'contributors' },
      },
    ],
    paymentsOnAccount: [
      { id: 'monthly', pays: 'guaranteed', frequency: 'month' },
      { id: 'incentive', pays: 'outcome', pool: 'pool', expected: '100', frequency: 'month' },
    ],
  };
}
const allianceMeasurements = (a: Alliance): MeasurementInput[] => [
  { metric: 'm', period: 'y', value: String(a.measured), status: 'final' },
];

describe('joiners and leavers', () => {
  it('leave every pool conserved and every party paid what its pool statement says', () => {
    fc.assert(
      fc.property(alliance, (a) => {
        const s = settle(allianceContract(a), allianceMeasurements(a), {
          period: 'y',
          ...(a.asOf === undefined ? {} : { asOf: day(a.asOf) }),
        });
        const pool = s.pools[0]!;
        expect(pool.conservation.difference).toBe('0.00');
        const out = sum(s.parties.map((p) => pence(p.earned) + pence(p.redistributed) + pence(p.returned)));
        expect(out).toBe(pence(pool.funding));
        // a party's contribution is 1.5 % of its contract value: for the whole year, of its pro-rated
        // value rounded once (half a penny). For a year to date it is the year's contribution cut like
        // the value itself (so that the parts of a year add up to the year's): a cut of k of the year's
        // parts (months) is within k pennies of its exact share, so within a penny a month of 1.5 %
        const monthsSettled = a.asOf === undefined ? 0n : BigInt(Math.floor(a.asOf / 28) + 2);
        const bound = 500n + monthsSettled * 1016n;
        for (const p of s.parties.filter((p) => p.role === 'provider')) {
          const exact = pence(p.contractValue!) * 15n;
          const off = pence(p.contributed) * 1000n - exact;
          expect(off <= bound && -off <= bound).toBe(true);
        }
        // what the ICB paid on account is what the providers received
        const paid = sum(s.paymentsOnAccount.map((x) => pence(x.paid)));
        expect(paid).toBe(sum(s.parties.map((p) => pence(p.reconciliation?.paidOnAccount ?? '0'))));
      }),
      { numRuns: 60 },
    );
  });

  it('change nothing when no party joins or leaves inside the year', () => {
    fc.assert(
      fc.property(alliance, (a) => {
        const plain = settle(allianceContract(a, false), allianceMeasurements(a), { period: 'y' });
        const dated = settle(
          allianceContract({ ...a, dates: a.dates.map(() => [0, 364] as [number, number]) }),
          allianceMeasurements(a),
          { period: 'y' },
        );
        expect(dated.parties.map((p) => p.total)).toEqual(plain.parties.map((p) => p.total));
        expect(dated.resolution.inForce).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});

describe('a year of period-additive rules', () => {
  it('is the sum of its quarters, party by party', () => {
    const QUARTERS = [
      ['q1', '2025-04-01', '2025-06-30'],
      ['q2', '2025-07-01', '2025-09-30'],
      ['q3', '2025-10-01', '2025-12-31'],
      ['q4', '2026-01-01', '2026-03-31'],
    ] as const;
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 10n }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(fc.nat({ max: 50 }), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
        fc.bigInt({ min: 1n, max: 10n ** 7n }),
        calendarArb,
        (values, counts, price, calendar) => {
          const contract: ContractInput = {
            id: 'additive',
            name: 'Additive',
            version: '1',
            currency: 'GBP',
            calendar,
            term: YEAR,
            periods: [
              { id: 'y', ...YEAR },
              ...QUARTERS.map(([id, start, end]) => ({ id, kind: 'quarter' as const, start, end })),
            ],
            parties: [
              { id: 'icb', name: 'ICB', role: 'commissioner' },
              ...values.map((v, i) => ({
                id: `p${i}`,
                name: `P${i}`,
                role: 'provider' as const,
                contractValue: text(v, 2),
              })),
            ],
            pools: [
              {
                id: 'card',
                kind: 'rate-card',
                name: 'Card',
                outcomes: [{ id: 'o', name: 'O', price: text(price, 2), measure: 'count' }],
                payers: [{ party: 'icb', percent: '100' }],
              },
            ],
          };
          const measurements: MeasurementInput[] = values.flatMap((_, i) =>
            QUARTERS.map(([q], k): MeasurementInput => ({
              metric: 'count',
              period: q,
              party: `p${i}`,
              value: String(counts[i]![k]),
              status: 'final',
            })).concat([
              {
                metric: 'count',
                period: 'y',
                party: `p${i}`,
                value: String(counts[i]!.reduce((a, b) => a + b, 0)),
                status: 'final' as const,
              },
            ]),
          );
          const year = settle(contract, measurements, { period: 'y' });
          const quarters = QUARTERS.map(([q]) => settle(contract, measurements, { period: q }));
          for (const party of year.parties) {
            const inQuarters = quarters.map((s) => s.parties.find((p) => p.id === party.id)!);
            expect(sum(inQuarters.map((p) => pence(p.total)))).toBe(pence(party.total));
            if (party.guaranteed !== null)
              expect(sum(inQuarters.map((p) => pence(p.guaranteed!)))).toBe(pence(party.guaranteed));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** '' when equal, else the text around the first difference (a whole settlement is too long to print). */
const firstDifference = (a: string, b: string) => {
  if (a === b) return '';
  let i = 0;
  while (a[i] === b[i]) i++;
  return `${a.slice(Math.max(0, i - 120), i + 120)}\n  ≠ ${b.slice(Math.max(0, i - 120), i + 120)}`;
};

describe('determinism', () => {
  it('gives byte-identical settlements twice, and whatever the order of parties, periods and measurements', () => {
    fc.assert(
      fc.property(alliance, fc.integer({ min: 0, max: 1000 }), (a, seed) => {
        const options = { period: 'y', ...(a.asOf === undefined ? {} : { asOf: day(a.asOf) }) };
        const contract = allianceContract(a);
        const first = JSON.stringify(settle(contract, allianceMeasurements(a), options));
        expect(firstDifference(JSON.stringify(settle(contract, allianceMeasurements(a), options)), first)).toBe('');
        const rotate = <T>(items: readonly T[]) => {
          const k = seed % Math.max(items.length, 1);
          return [...items.slice(k), ...items.slice(0, k)].reverse();
        };
        const shuffled: ContractInput = {
          ...contract,
          parties: rotate(contract.parties),
          pools: contract.pools.map((p) =>
            p.kind === 'outcome' ? { ...p, contributions: rotate(p.contributions) } : p,
          ),
          paymentsOnAccount: rotate(contract.paymentsOnAccount!),
        };
        const measurements = rotate([
          ...allianceMeasurements(a),
          { metric: 'm', period: 'y', value: '1', status: 'provisional' as const, revision: 1 },
          { metric: 'm', period: 'y', value: String(a.measured), status: 'final' as const, revision: 2 },
        ]);
        const withRevisions = [
          { metric: 'm', period: 'y', value: '1', status: 'provisional' as const, revision: 1 },
          { metric: 'm', period: 'y', value: String(a.measured), status: 'final' as const, revision: 2 },
        ];
        const ordered = settle(contract, withRevisions, options);
        const reordered = settle(
          shuffled,
          measurements.filter((m) => m.revision !== undefined),
          options,
        );
        expect(firstDifference(JSON.stringify(reordered), JSON.stringify(ordered))).toBe('');
      }),
      { numRuns: 40 },
    );
  });
});

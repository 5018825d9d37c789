import { describe, expect, it } from 'vitest';
import { ContractError, proRata, splitIntoInstalments, type InstalmentOptions } from '../../src/index.js';

// The arguments of proRata and splitIntoInstalments are schemas (issue 11): an option a helper does
// not know is refused rather than ignored, and every problem is listed at once, each at its path.
const YEAR = { start: '2026-04-01', end: '2027-03-31' };
const POUNDS = { amount: '1200.00', currency: 'GBP' };

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as ContractError).issues.map((i) => [i.path, i.code, i.message]);
  }
  return expect.unreachable('the arguments were accepted');
};
const instalmentIssues = (options: unknown) =>
  issuesOf(() => splitIntoInstalments(POUNDS, YEAR, options as InstalmentOptions));

describe('splitIntoInstalments refuses an option it does not know', () => {
  it('names a misspelt option and the options it has, besides the frequency it then lacks', () => {
    expect(instalmentIssues({ frequncy: 'month' })).toEqual([
      [
        'options.frequency',
        'invalid_option',
        'frequency must be "month", "quarter", "half-year" or "year", got nothing',
      ],
      [
        'options.frequncy',
        'unknown_option',
        "'frequncy' is not an option of splitIntoInstalments: did you mean 'frequency'? (its options: active, frequency, due, dayCount, monthEnd)",
      ],
    ]);
  });

  it('refuses an unknown option even when every known one is right, instead of splitting without it', () => {
    expect(instalmentIssues({ frequency: 'month', daycount: 'twelfths', start: '2026-07-01' })).toEqual([
      [
        'options.daycount',
        'unknown_option',
        expect.stringContaining("'daycount' is not an option of splitIntoInstalments"),
      ],
      ['options.start', 'unknown_option', expect.stringContaining("'start' is not an option of splitIntoInstalments")],
    ]);
  });
});

describe('proRata refuses an option it does not know', () => {
  it('names it and lists the two it has', () => {
    expect(issuesOf(() => proRata(YEAR, YEAR, { daycount: 'twelfths' } as never))).toEqual([
      [
        'options.daycount',
        'unknown_option',
        "'daycount' is not an option of proRata: did you mean 'dayCount'? (its options: dayCount, monthEnd)",
      ],
    ]);
  });

  it('refuses the options of splitIntoInstalments that it has no use for', () => {
    const options = { dayCount: 'twelfths', frequency: 'month' } as const;
    expect(issuesOf(() => proRata(YEAR, YEAR, options as never)).map(([path, code]) => [path, code])).toEqual([
      ['options.frequency', 'unknown_option'],
    ]);
  });
});

describe('the part in force given to splitIntoInstalments', () => {
  it('must have real dates, each named at its path', () => {
    expect(instalmentIssues({ frequency: 'month', active: { start: '2026-13-01' } })).toEqual([
      [
        'options.active.start',
        'invalid_date',
        'start must be a real date written YYYY-MM-DD (years 1900 to 2999), got "2026-13-01"',
      ],
      [
        'options.active.end',
        'invalid_date',
        'end must be a real date written YYYY-MM-DD (years 1900 to 2999), got nothing',
      ],
    ]);
  });

  it('must not end before it starts, and is then not also held against the period', () => {
    expect(instalmentIssues({ frequency: 'month', active: { start: '2026-10-01', end: '2026-09-30' } })).toEqual([
      ['options.active.end', 'end_before_start', '2026-09-30 is before 2026-10-01'],
    ]);
  });

  it('is held against the period even when other options are wrong, after their own problems', () => {
    const outside = { start: '2025-01-01', end: '2025-03-31' };
    expect(
      instalmentIssues({ frequency: 'week', due: 'middle', active: outside }).map(([path, code]) => [path, code]),
    ).toEqual([
      ['options.frequency', 'invalid_option'],
      ['options.due', 'invalid_option'],
      ['options.active', 'active_outside_period'],
    ]);
  });

  it('is not held against a period that is itself wrong', () => {
    const issues = issuesOf(() =>
      splitIntoInstalments(
        POUNDS,
        { start: '2026-04-01', end: '2027-02-30' },
        {
          frequency: 'month',
          active: { start: '2025-01-01', end: '2025-03-31' },
        },
      ),
    );
    expect(issues.map(([path, code]) => [path, code])).toEqual([['period.end', 'invalid_date']]);
  });
});

describe('options left out', () => {
  it('take their defaults when given as null, as they did before the options were a schema', () => {
    const nulls = { frequency: 'quarter', due: null, dayCount: null, monthEnd: null } as const;
    expect(splitIntoInstalments(POUNDS, YEAR, nulls)).toEqual(
      splitIntoInstalments(POUNDS, YEAR, { frequency: 'quarter' }),
    );
    const half = { start: '2026-10-01', end: YEAR.end };
    expect(proRata(half, YEAR, { dayCount: null, monthEnd: null })).toEqual(proRata(half, YEAR));
  });

  it('read a total or a span that is no object as one with none of its fields', () => {
    expect(issuesOf(() => splitIntoInstalments(null as never, 42 as never, { frequency: 'month' }))).toEqual([
      ['total.currency', 'unknown_currency', expect.stringContaining('currency nothing is not one of GBP')],
      ['total.amount', 'invalid_amount', 'amount must be a decimal string such as "1000000.00", got nothing'],
      ['period.start', 'invalid_date', expect.stringContaining('got nothing')],
      ['period.end', 'invalid_date', expect.stringContaining('got nothing')],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { ContractError, defineContract, settle, splitIntoInstalments } from '../../src/index.js';
import { mistake } from './fixtures.js';
import { contractIssues, issue, thrownBy } from './expect-issues.js';

describe('a period longer than its kind', () => {
  it('refuses a contract year of 27 months, which would be paid one year’s amounts', () => {
    const issues = contractIssues(
      mistake((c) => {
        c.term = { start: '2026-04-01', end: '2029-06-30' };
        c.periods = [{ id: 'long', start: '2026-04-01', end: '2028-06-30' }];
      }),
    );
    expect(issues).toEqual([
      issue(
        'periods[0].end',
        'period_too_long',
        'a contract year is at most 12 months, but 2026-04-01 to 2028-06-30 is longer',
        'it would end by 2027-03-31',
      ),
    ]);
  });

  it('accepts a quarter or a month of any length inside its year: it is cut from the year by days', () => {
    const contract = mistake((c) => {
      c.periods.push(
        { id: 'q', kind: 'quarter', start: '2026-07-01', end: '2026-10-31' },
        { id: 'm', kind: 'month', start: '2026-04-01', end: '2026-06-30' },
      );
    });
    expect(() => defineContract(contract)).not.toThrow();
  });

  it('accepts a short first year, a quarter off the calendar grid and a month from the 31st', () => {
    const contract = mistake((c) => {
      c.term = { start: '2026-10-01', end: '2028-03-31' };
      c.periods = [
        { id: 'stub', start: '2026-10-01', end: '2027-03-31' },
        { id: '2027-28', start: '2027-04-01', end: '2028-03-31' },
        { id: 'q', kind: 'quarter', start: '2027-04-15', end: '2027-07-14' },
        // 31 January to 27 February: a month from the 31st ends on the day before 28 February
        { id: 'm', kind: 'month', start: '2028-01-31', end: '2028-02-27' },
      ];
    });
    expect(() => defineContract(contract)).not.toThrow();
  });
});

describe('declared instalments', () => {
  it('refuses a month that is in no contract year of the contract', () => {
    const issues = contractIssues(
      mistake((c) => {
        c.term = { start: '2026-04-01', end: '2026-09-30' };
        c.periods = [{ id: 'half', start: '2026-04-01', end: '2026-09-30' }];
        c.paymentsOnAccount = [
          {
            id: 'g',
            pays: 'guaranteed',
            instalments: [
              { month: 1, percent: '50' },
              { month: 12, percent: '50' },
            ],
          },
        ];
      }),
    );
    expect(issues).toEqual([
      issue(
        'paymentsOnAccount[0].instalments[1].month',
        'instalment_outside_year',
        'month 12 is in no contract year',
        'the longest has 6 months',
      ),
    ]);
  });
});

describe('variations', () => {
  it('refuses a version label used twice, or the contract’s own', () => {
    const change = { path: 'parties/acute/contractValue', value: '1100000.00' };
    const issues = contractIssues(
      mistake((c) => {
        c.variations = [
          { id: 'v1', effectiveFrom: '2026-10-01', version: '1', clause: 'DoV 1', changes: [change] },
          { id: 'v2', effectiveFrom: '2027-01-01', version: '2', clause: 'DoV 2', changes: [change] },
          { id: 'v3', effectiveFrom: '2027-04-01', version: '2', clause: 'DoV 3', changes: [change] },
        ];
      }),
    );
    expect(issues).toEqual([
      issue('variations[0].version', 'duplicate_version', "version '1' is already the contract's own version"),
      issue('variations[2].version', 'duplicate_version', "version '2' is already the version of variations[1]"),
    ]);
  });
});

describe('dates the library cannot step past', () => {
  it('refuses dates outside the years 1900 to 2999 in a contract, the options and the helpers', () => {
    const issues = contractIssues(
      mistake((c) => {
        c.term = { start: '2026-04-01', end: '9999-12-31' };
      }),
    );
    expect(issues).toContainEqual(issue('term.end', 'invalid_date', 'years 1900 to 2999', '"9999-12-31"'));
    const contract = defineContract(mistake(() => {}));
    const error = thrownBy(() => settle(contract, [], { period: '2026-27', asOf: '1899-12-31' }));
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).issues).toContainEqual(
      issue('options.asOf', 'invalid_date', 'years 1900 to 2999', '"1899-12-31"'),
    );
    const helper = thrownBy(() =>
      splitIntoInstalments(
        { amount: '1200.00', currency: 'GBP' },
        { start: '9999-01-01', end: '9999-12-31' },
        {
          frequency: 'month',
        },
      ),
    );
    expect(helper).toBeInstanceOf(ContractError);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContractError, defineContract, settle, type MeasurementInput } from '../../src/index.js';

// settle's options are a schema (issue 11): an option it does not know is refused, not ignored,
// and every problem with the options is reported at once.
const read = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/one-hackney-alliance/${file}`, import.meta.url), 'utf8'));
const contract = defineContract(read('contract.json'));
const measurements = read('measurements.json') as MeasurementInput[];

const issuesOf = (options: unknown) => {
  try {
    settle(contract, measurements, options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as ContractError).issues.map((i) => [i.path, i.code, i.message]);
  }
  return [];
};

describe('the options of settle', () => {
  it('refuses a misspelt option instead of settling the whole year without it', () => {
    expect(issuesOf({ period: '2026-27', asof: '2026-09-30' })).toEqual([
      [
        'options.asof',
        'unknown_option',
        "'asof' is not an option of settle: did you mean 'asOf'? (its options: period, asOf, broughtForward, knownAt)",
      ],
    ]);
  });

  it("suggests the option meant, as for the issue's asAt, and none for a name near no option", () => {
    expect(issuesOf({ period: '2026-27', asAt: '2026-09-30' })[0]![2]).toBe(
      "'asAt' is not an option of settle: did you mean 'asOf'? (its options: period, asOf, broughtForward, knownAt)",
    );
    expect(issuesOf({ period: '2026-27', colour: 'red' })[0]![2]).toBe(
      "'colour' is not an option of settle (its options: period, asOf, broughtForward, knownAt)",
    );
  });

  it('reports every problem at once, in the order asOf, knownAt, then unknown options', () => {
    expect(
      issuesOf({ period: '2026-27', extra: 1, knownAt: '2026-02-30', asOf: '2027-09-30' }).map(([p, c]) => [p, c]),
    ).toEqual([
      ['options.asOf', 'as_of_outside_period'],
      ['options.knownAt', 'invalid_date'],
      ['options.extra', 'unknown_option'],
    ]);
    expect(issuesOf({ period: '2026-27', asOf: 20260930 })).toEqual([
      [
        'options.asOf',
        'invalid_date',
        'asOf must be a real date written YYYY-MM-DD (years 1900 to 2999), got 20260930',
      ],
    ]);
  });

  it('accepts the options it knows, and settles as before', () => {
    expect(issuesOf({ period: '2026-27', asOf: '2026-09-30', knownAt: '2026-10-31' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  AllianceInputError,
  ContractError,
  defineContract,
  MeasurementError,
  settle,
  validateContract,
  type MeasurementInput,
} from '../../src/index.js';
import { baseMeasurements, metricOf, mistake, PERIOD, poolOf } from './fixtures.js';
import { contractIssues, issue, set, thrownBy } from './expect-issues.js';

/** A contract with six unrelated mistakes, in different parts of it. */
const manyMistakes = () =>
  mistake((c) => {
    set(c, 'currency', 'GPB');
    c.periods[1]!.end = '2028-02-30';
    c.parties[1]!.contractValue = '-5.00';
    poolOf(c).contributions[1]!.party = 'comunity';
    metricOf(c, 0).scoring = { type: 'linear', min: '80', max: '60' };
    metricOf(c, 1).weight = '50';
  });

describe('one error with every problem', () => {
  it('reports several problems in one contract in one ContractError, each at its own path', () => {
    const issues = contractIssues(manyMistakes());
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['currency', 'invalid_value'],
      ['periods[1].end', 'invalid_date'],
      ['parties[1].contractValue', 'negative_value'],
      ['pools[0].contributions[1].party', 'unknown_party'],
      ['pools[0].metrics[0].scoring.min', 'thresholds_out_of_order'],
      ['pools[0].metrics', 'weights_not_100'],
    ]);
  });

  it('gives the same problems in the same order every time', () => {
    expect(contractIssues(manyMistakes())).toEqual(contractIssues(manyMistakes()));
  });

  it('lists each issue on its own line of the message, with its path, what is wrong and its code', () => {
    const error = thrownBy(() => defineContract(manyMistakes())) as ContractError;
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('The contract has 6 problems:');
    expect(lines.slice(1)).toEqual(error.issues.map((i) => `  - ${i.path}: ${i.message} [${i.code}]`));
    expect(lines[1]).toContain('currency');
    expect(lines[6]).toContain("pool 'outcomes' add up to 110 %, not 100 %");
  });

  it('says "1 problem" for one, and writes an empty path as (root)', () => {
    const error = thrownBy(() => defineContract(null)) as ContractError;
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toBe('');
    expect(error.message.split('\n')).toEqual([
      'The contract has 1 problem:',
      expect.stringMatching(/^ {2}- \(root\): /),
    ]);
  });

  it('lists each measurement issue on its own line too', () => {
    const measurements = baseMeasurements();
    measurements[0]!.metric = 'ae-12h';
    set(measurements[1]!, 'numerator', 52);
    const error = thrownBy(() =>
      settle(
        mistake(() => {}),
        measurements,
        { period: PERIOD },
      ),
    ) as MeasurementError;
    expect(error).toBeInstanceOf(MeasurementError);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/2 problems:$/);
    expect(lines[1]).toMatch(/^ {2}- measurements\[0\]\.metric: 'ae-12h' .* \[unknown_metric\]$/);
    expect(lines[2]).toMatch(/^ {2}- measurements\[1\]\.numerator: numerator must be a string.* \[invalid_type\]$/);
  });
});

describe('the error types', () => {
  it('are one family: ContractError and MeasurementError are AllianceInputErrors and Errors, with their own names', () => {
    const contractError = thrownBy(() => defineContract({}));
    const measurementError = thrownBy(() =>
      settle(
        mistake(() => {}),
        [{ metric: 'x' } as MeasurementInput],
        { period: PERIOD },
      ),
    );
    for (const [error, type, name] of [
      [contractError, ContractError, 'ContractError'],
      [measurementError, MeasurementError, 'MeasurementError'],
    ] as const) {
      expect(error).toBeInstanceOf(type);
      expect(error).toBeInstanceOf(AllianceInputError);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe(name);
    }
    expect(contractError).not.toBeInstanceOf(MeasurementError);
    expect(measurementError).not.toBeInstanceOf(ContractError);
  });

  it('have frozen issues, so a caller cannot alter what was reported', () => {
    const error = thrownBy(() => defineContract(manyMistakes())) as ContractError;
    expect(Object.isFrozen(error.issues)).toBe(true);
    expect(error.issues.every((i) => Object.isFrozen(i))).toBe(true);
  });
});

describe('validateContract', () => {
  it('returns { success: false, issues } for a bad contract without throwing', () => {
    let result: ReturnType<typeof validateContract> | undefined;
    expect(() => (result = validateContract(manyMistakes()))).not.toThrow();
    expect(result).toEqual({ success: false, issues: expect.any(Array), warnings: [] });
    expect(result!.contract).toBeUndefined();
    expect(result!.issues).toHaveLength(6);
    expect(result!.issues[0]).toEqual(issue('currency', 'invalid_value', 'ISO 4217', '"GPB"'));
  });

  it.each([null, undefined, 42, 'contract.json', [], {}])(
    'returns { success: false } for %j without throwing',
    (input) => {
      const result = validateContract(input);
      expect(result.success).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
    },
  );

  it('returns { success: true, contract, issues: [] } for a good one', () => {
    const result = validateContract(mistake(() => {}));
    expect(result.success).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.contract?.id).toBe('east-alliance');
  });
});

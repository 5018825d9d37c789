import { describe, expect, it } from 'vitest';
import { AllianceInputError, allocate, settle, validateContract } from '../../src/index.js';
import { baseContract, baseMeasurements, mistake, PERIOD } from './fixtures.js';

/** Inputs that once made the library throw a plain TypeError or report problems that were not there. */
const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('values JSON cannot write still give a library error naming the path', () => {
  it('reports a bigint contract value as a problem at its path, not a serialisation TypeError', () => {
    const result = validateContract(mistake((c) => Object.assign(c.parties[1]!, { contractValue: 10n })));
    expect(result.success).toBe(false);
    expect(result.issues.map((i) => i.path)).toContain('parties[1].contractValue');
    expect(result.issues.find((i) => i.path === 'parties[1].contractValue')!.message).toContain('10n');
  });

  it('reports a circular object where a role is expected', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const result = validateContract(mistake((c) => Object.assign(c.parties[0]!, { role: circular })));
    expect(result.issues.some((i) => i.path === 'parties[0].role')).toBe(true);
  });

  it('reports a prototype-less object as a role without throwing', () => {
    const result = validateContract(mistake((c) => Object.assign(c.parties[0]!, { role: Object.create(null) })));
    expect(result.issues.some((i) => i.path === 'parties[0].role')).toBe(true);
  });

  it('gives allocate(null) and a bigint period to settle as library errors', () => {
    expect(thrown(() => allocate(null as never, { a: '1' }))).toBeInstanceOf(AllianceInputError);
    expect(thrown(() => settle(baseContract(), baseMeasurements(), { period: 1n as never }))).toBeInstanceOf(
      AllianceInputError,
    );
  });

  it('says the period must be given when settle is called without one', () => {
    const error = thrown(() => settle(baseContract(), baseMeasurements(), {} as never)) as AllianceInputError;
    expect(error.issues[0]!.message).toContain('the period to settle must be given');
  });

  it('cuts a very long value short in the message', () => {
    const result = validateContract(mistake((c) => Object.assign(c, { id: 'x'.repeat(100_000) })));
    expect(result.issues[0]!.message.length).toBeLessThan(400);
  });
});

describe('one bad value gives one problem, not several misleading ones', () => {
  it('reports only the invalid date, not an overlap or a period outside the term', () => {
    const result = validateContract(mistake((c) => Object.assign(c.periods[0]!, { end: '31/03/2027' })));
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([['periods[0].end', 'invalid_date']]);
  });

  it('reports a badly written contract value once, not also as missing for the % at risk and the split', () => {
    const result = validateContract(mistake((c) => Object.assign(c.parties[1]!, { contractValue: '1,000,000.00' })));
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([['parties[1].contractValue', 'invalid_decimal']]);
  });

  it('reads "The measurements have" in a measurement error', () => {
    const error = thrown(() =>
      settle(baseContract(), [{ metric: 'nope', period: PERIOD, value: '1', status: 'final' }], { period: PERIOD }),
    ) as Error;
    expect(error.message).toMatch(/^The measurements have \d+ problem/);
  });
});

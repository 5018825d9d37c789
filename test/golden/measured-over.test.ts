import { describe, expect, it } from 'vitest';
import { contractJsonSchema, defineContract, settle, type ContractInput } from '../../src/index.js';
import { baseContract, baseMeasurements, PERIOD } from '../errors/fixtures.js';
import { contractIssues, issue } from '../errors/expect-issues.js';

// Outcome data lags: a year April to March is often settled on the calendar year's figures
// (Hospital Episode Statistics, ONS deaths). The contract says so per period, and every figure
// scored carries it, so an auditor sees what the measured value covers.
const lagged = (): ContractInput => {
  const c = baseContract();
  c.periods[0] = { ...c.periods[0]!, measuredOver: { start: '2026-01-01', end: '2026-12-31' } };
  return c;
};

describe('a period measured over another span', () => {
  it('shows the span on the settlement and beside each measured value', () => {
    const s = settle(defineContract(lagged()), baseMeasurements(), { period: PERIOD });
    expect(s.period).toEqual({
      id: '2026-27',
      start: '2026-04-01',
      end: '2027-03-31',
      measuredOver: { start: '2026-01-01', end: '2026-12-31' },
    });
    const metric = s.metrics.find((m) => m.id === 'ae-4h')!;
    const measured = s.trace[metric.trace.measured!]!;
    expect(measured.inputs).toContainEqual({ name: 'measured over', value: '2026-01-01 to 2026-12-31' });
  });

  it('changes no figure, but changes the inputs hash, since the contract says something else', () => {
    const plain = settle(defineContract(baseContract()), baseMeasurements(), { period: PERIOD });
    const s = settle(defineContract(lagged()), baseMeasurements(), { period: PERIOD });
    expect(s.parties).toEqual(plain.parties);
    expect(plain.period).not.toHaveProperty('measuredOver');
    expect(s.inputsHash).not.toBe(plain.inputsHash);
  });

  it('is declared in the JSON Schema', () => {
    const schema = JSON.stringify(contractJsonSchema());
    expect(schema).toContain('measuredOver');
  });

  it('refuses a span that ends before it starts, and one that is not a date', () => {
    const c = lagged();
    c.periods[0] = { ...c.periods[0]!, measuredOver: { start: '2026-12-31', end: '2026-01-01' } };
    c.periods[1] = { ...c.periods[1]!, measuredOver: { start: '2027-01-01', end: '2027-13-01' } };
    expect(contractIssues(c)).toEqual([
      issue('periods[1].measuredOver.end', 'invalid_date', 'measured-over end must be a real date', '"2027-13-01"'),
      issue(
        'periods[0].measuredOver.end',
        'end_before_start',
        'the data for period 2026-27 is measured over a span that ends (2026-01-01) before it starts (2026-12-31)',
      ),
    ]);
  });
});

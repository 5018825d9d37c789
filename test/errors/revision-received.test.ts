import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';
import { baseContract, baseMeasurements, PERIOD } from './fixtures.js';
import { issue, measurementIssues } from './expect-issues.js';

/** A measurement of 'ae-4h' in the settled period, with `fields` changed. */
const ae = (fields: Partial<MeasurementInput>): MeasurementInput => ({
  metric: 'ae-4h',
  period: PERIOD,
  value: '72.5',
  status: 'final',
  ...fields,
});
const readmissions = (): MeasurementInput => baseMeasurements()[1]!;

describe('when revisions were received', () => {
  it('refuses a revision received before the revision it revises, at its received date', () => {
    // with revision 2 received first, a settlement known at 15 May would use revision 2 and one
    // known at 1 June revision 2 as well: the file cannot say which figure was known when
    const issues = measurementIssues([
      readmissions(),
      ae({ revision: 1, status: 'provisional', value: '70', received: '2027-06-01' }),
      ae({ revision: 2, status: 'provisional', value: '74', received: '2027-05-01' }),
    ]);
    expect(issues).toEqual([
      issue(
        'measurements[2].received',
        'revision_backwards',
        'revision 2 was received on 2027-05-01, before revision 1 (measurements[1]) on 2027-06-01',
      ),
    ]);
  });

  it('reports every revision received too early, whatever the order of the file', () => {
    const issues = measurementIssues([
      ae({ revision: 3, value: '76', received: '2027-04-01' }),
      readmissions(),
      ae({ revision: 1, status: 'provisional', value: '70', received: '2027-06-01' }),
      ae({ revision: 2, status: 'provisional', value: '74', received: '2027-05-01' }),
    ]);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['measurements[3].received', 'revision_backwards'],
      ['measurements[0].received', 'revision_backwards'],
    ]);
  });

  it('accepts revisions received on the same day or later, and those without a date', () => {
    const s = settle(
      defineContract(baseContract()),
      [
        readmissions(),
        ae({ revision: 1, status: 'provisional', value: '70', received: '2027-05-01' }),
        ae({ revision: 2, status: 'provisional', value: '74', received: '2027-05-01' }),
        ae({ revision: 3, value: '75' }),
        ae({ revision: 4, value: '76', received: '2027-07-01' }),
      ],
      { period: PERIOD, knownAt: '2027-06-01' },
    );
    // known by 1 June: revisions 1, 2 and the undated 3; revision 4 came later
    expect(s.measurements.find((m) => m.metric === 'ae-4h')).toMatchObject({ revision: 3, value: '75' });
  });
});

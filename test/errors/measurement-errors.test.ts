import { describe, expect, it } from 'vitest';
import {
  ContractError,
  defineContract,
  MeasurementError,
  settle,
  type MeasurementInput,
  type OutcomePoolInput,
} from '../../src/index.js';
import { baseContract, baseMeasurements, mistake, PERIOD } from './fixtures.js';
import { issue, measurementIssues, set, thrownBy } from './expect-issues.js';

/**
 * Mistakes in the measurements passed to `settle`. Each test breaks one measurement of a copy of
 * the valid base measurements and checks the MeasurementError names it (`measurements[1].exclusions`).
 */

/** The base measurements with one mistake made by `edit` (on a fresh copy). */
function wrong(edit: (measurements: MeasurementInput[]) => void): MeasurementInput[] {
  const measurements = baseMeasurements();
  edit(measurements);
  return measurements;
}

describe('the base measurements', () => {
  it('settle the base contract', () => {
    expect(settle(baseContract(), baseMeasurements(), { period: PERIOD }).status).toBe('final');
  });
});

describe('settle refuses measurements', () => {
  it('of a metric the contract does not have', () => {
    const measurements = wrong((m) => {
      m[0]!.metric = 'ae-12h';
    });
    expect(measurementIssues(measurements)).toEqual([
      issue(
        'measurements[0].metric',
        'unknown_metric',
        "'ae-12h' is not a metric or other measure of contract 'east-alliance': did you mean 'ae-4h'? (its measures: ae-4h, readmissions)",
      ),
    ]);
  });

  it('for a period the contract does not have, listing the periods', () => {
    const measurements = wrong((m) => {
      m.push({ metric: 'ae-4h', period: '2025-26', value: '70', status: 'final' });
    });
    expect(measurementIssues(measurements)).toEqual([
      issue('measurements[2].period', 'unknown_period', "'2025-26' is not a period", 'periods: 2026-27, 2027-28'),
    ]);
  });

  it('for a party the contract does not have', () => {
    const measurements = wrong((m) => {
      m[0]!.party = 'gp-federation';
    });
    expect(measurementIssues(measurements)).toEqual([
      issue('measurements[0].party', 'unknown_party', "'gp-federation' is not a party"),
    ]);
  });

  it('that give the same metric twice in one period, naming the earlier one', () => {
    const measurements = wrong((m) => {
      m.push({ metric: 'ae-4h', period: PERIOD, value: '73', status: 'final' });
    });
    expect(measurementIssues(measurements)).toEqual([
      issue('measurements[2]', 'duplicate_measurement', "measurements[0] already gives 'ae-4h' in period '2026-27'"),
    ]);
  });

  it('with a value given as a JS number, asking for a string', () => {
    const measurements = wrong((m) => {
      set(m[0]!, 'value', 72.5);
    });
    expect(measurementIssues(measurements)).toEqual([
      issue('measurements[0].value', 'invalid_type', 'measured value must be a string', 'the number 72.5'),
    ]);
  });

  it.each(['72,5', '7.25e1', 'NaN', 'Infinity', '72.5%'])('with the value %j, asking for a plain decimal', (text) => {
    const measurements = wrong((m) => {
      m[0]!.value = text;
    });
    expect(measurementIssues(measurements)).toEqual([
      issue(
        'measurements[0].value',
        'invalid_decimal',
        'measured value must be a plain decimal string',
        JSON.stringify(text),
      ),
    ]);
  });

  it('with both a value and a numerator and denominator', () => {
    const measurements = wrong((m) => {
      m[1]!.value = '104';
    });
    expect(measurementIssues(measurements)).toEqual([
      issue('measurements[1]', 'value_or_ratio', 'either "value", or "numerator" and "denominator"', 'not both'),
    ]);
  });

  it('whose exclusions leave nothing of the denominator', () => {
    for (const exclusions of ['500', '600']) {
      const measurements = wrong((m) => {
        m[1]!.exclusions = exclusions;
      });
      expect(measurementIssues(measurements)).toEqual([
        issue(
          'measurements[1].exclusions',
          'exclusions_exceed_denominator',
          `exclusions (${exclusions}) leave nothing of the denominator (500)`,
        ),
      ]);
    }
  });

  it('whose numerator is more than the denominator less exclusions', () => {
    const measurements = wrong((m) => {
      m[1]!.exclusions = '10';
      m[1]!.numerator = '491';
    });
    expect(measurementIssues(measurements)).toEqual([
      issue(
        'measurements[1].numerator',
        'numerator_exceeds_denominator',
        'numerator (491) is more than the denominator less exclusions (490)',
      ),
    ]);
  });

  it('with a denominator of zero', () => {
    const measurements = wrong((m) => {
      m[1]!.denominator = '0';
    });
    expect(measurementIssues(measurements)).toEqual([
      issue('measurements[1].denominator', 'not_positive', 'denominator must be above zero', '"0"'),
    ]);
  });

  it('with a numerator and denominator for a metric that declares no "per"', () => {
    const measurements = wrong((m) => {
      m[0] = { metric: 'ae-4h', period: PERIOD, numerator: '725', denominator: '1000', status: 'final' };
    });
    expect(measurementIssues(measurements)).toEqual([
      issue('measurements[0]', 'missing_per', 'metric \'ae-4h\' declares no "per"', 'cannot be turned into its unit'),
    ]);
  });

  it('with a status other than "provisional" or "final"', () => {
    const measurements = wrong((m) => {
      set(m[0]!, 'status', 'draft');
    });
    expect(measurementIssues(measurements)).toEqual([
      issue('measurements[0].status', 'invalid_value', 'must be "provisional" or "final"', '"draft"'),
    ]);
  });

  it('with a misspelt field', () => {
    const measurements = wrong((m) => {
      set(m[0]!, 'vaule', '72.5');
    });
    expect(measurementIssues(measurements)).toEqual([issue('measurements[0]', 'unrecognized_keys', '"vaule"')]);
  });

  it('that are not an array', () => {
    expect(measurementIssues({ 'ae-4h': '72.5' })).toEqual([
      issue('measurements', 'invalid_type', 'measurements must be an array'),
    ]);
  });

  it('with problems in another period than the one settled, since all are checked', () => {
    const measurements = wrong((m) => {
      m.push({ metric: 'ae-12h', period: '2027-28', value: '70', status: 'final' });
    });
    expect(measurementIssues(measurements)).toEqual([issue('measurements[2].metric', 'unknown_metric', "'ae-12h'")]);
  });

  it('that leave out a metric whose missing-data policy is "error"', () => {
    const measurements = wrong((m) => {
      m.splice(0, 1);
    });
    expect(measurementIssues(measurements)).toEqual([
      issue(
        'measurements',
        'missing_measurement',
        "no measurement of metric 'ae-4h' in period '2026-27'",
        'its missing-data policy is "error"',
      ),
    ]);
  });

  it('that leave out a gateway measure whose missing-data policy is "error"', () => {
    const contract = mistake((c) => {
      (c.pools[0] as OutcomePoolInput).gateways = [
        {
          id: 'cqc',
          name: 'CQC rating at least "requires improvement"',
          scope: 'pool',
          measure: 'cqc-ok',
          direction: 'higher-is-better',
          threshold: '1',
        },
      ];
    });
    const error = thrownBy(() => settle(contract, baseMeasurements(), { period: PERIOD }));
    expect(error).toBeInstanceOf(MeasurementError);
    expect((error as MeasurementError).issues).toEqual([
      issue('measurements', 'missing_measurement', "no measurement of 'cqc-ok'", "needed by gateway 'cqc'"),
    ]);
  });

  it('all at once: every problem comes back in one MeasurementError', () => {
    const measurements = wrong((m) => {
      m[0]!.metric = 'ae-12h';
      m[1]!.exclusions = '500';
      m.push({ metric: 'readmissions', period: '2027-28', value: 100 as unknown as string, status: 'final' });
      m.push({ metric: 'readmissions', period: PERIOD, value: '104', status: 'final' });
    });
    expect(measurementIssues(measurements)).toEqual([
      issue('measurements[0].metric', 'unknown_metric', "'ae-12h'"),
      issue('measurements[1].exclusions', 'exclusions_exceed_denominator', 'leave nothing'),
      issue('measurements[2].value', 'invalid_type', 'must be a string', 'the number 100'),
      issue('measurements[3]', 'duplicate_measurement', "measurements[1] already gives 'readmissions'"),
    ]);
  });
});

describe('settle refuses options', () => {
  it('naming a period the contract does not have, as a ContractError at options.period', () => {
    const error = thrownBy(() => settle(defineContract(baseContract()), baseMeasurements(), { period: '2030-31' }));
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).issues).toEqual([
      issue('options.period', 'unknown_period', '"2030-31" is not a period', 'periods: 2026-27, 2027-28'),
    ]);
  });

  it('without a period', () => {
    const error = thrownBy(() => settle(baseContract(), baseMeasurements(), {} as { period: string }));
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).issues).toEqual([
      expect.objectContaining({ path: 'options.period', code: 'unknown_period' }),
    ]);
  });

  it('before the measurements, and after the contract: a bad contract is reported first, as a ContractError', () => {
    const contract = mistake((c) => {
      (c.pools[0] as OutcomePoolInput).metrics[1]!.weight = '30';
    });
    const error = thrownBy(() => settle(contract, [{} as MeasurementInput], { period: 'nope' }));
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).issues).toEqual([issue('pools[0].metrics', 'weights_not_100', 'not 100 %')]);
  });
});

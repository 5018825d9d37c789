import { describe, expect, it } from 'vitest';
import { defineContract, validateContract } from '../../src/index.js';
import { baseContract, metricOf, mistake, poolOf } from './fixtures.js';
import { contractIssues, issue, set } from './expect-issues.js';

/**
 * Mistakes a commissioner makes when declaring a contract. Each test makes one mistake in a copy
 * of the valid base contract and checks the ContractError names where it is (the path as written
 * in the file), a stable code, and what is expected.
 */

describe('the base contract', () => {
  it('is valid, so every error below comes from the one mistake made', () => {
    expect(validateContract(baseContract()).success).toBe(true);
    expect(() => defineContract(baseContract())).not.toThrow();
  });
});

describe('metric weights', () => {
  it('refuses weights that do not add up to 100 %, saying what they add up to', () => {
    const contract = mistake((c) => {
      metricOf(c, 1).weight = '30';
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].metrics', 'weights_not_100', "pool 'outcomes'", 'add up to 90 %', 'not 100 %'),
    ]);
  });

  it('refuses a weight left out on one metric when the others are weighted', () => {
    const contract = mistake((c) => {
      delete metricOf(c, 1).weight;
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].metrics[1].weight', 'missing_weight', 'every metric needs a weight', 'equal weights'),
    ]);
  });
});

describe('linear thresholds in the wrong order for the direction', () => {
  it('refuses min above max on a higher-is-better metric', () => {
    const contract = mistake((c) => {
      metricOf(c, 0).scoring = { type: 'linear', min: '80', max: '60' };
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].metrics[0].scoring.min',
        'thresholds_out_of_order',
        "metric 'ae-4h' is higher-is-better",
        'min threshold (score 0) must be below its max threshold (score 1)',
        'got min 80, max 60',
      ),
    ]);
  });

  it('refuses min below max on a lower-is-better metric (there the worse value is the higher one)', () => {
    const contract = mistake((c) => {
      metricOf(c, 1).scoring = { type: 'linear', min: '100', max: '120' };
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].metrics[1].scoring.min',
        'thresholds_out_of_order',
        "metric 'readmissions' is lower-is-better",
        'must be above its max threshold',
        'got min 100, max 120',
      ),
    ]);
  });

  it('refuses min equal to max, which leaves no line to score on', () => {
    const contract = mistake((c) => {
      metricOf(c, 0).scoring = { type: 'linear', min: '70', max: '70' };
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].metrics[0].scoring.min', 'thresholds_out_of_order', 'got min 70, max 70'),
    ]);
  });
});

describe('references to parties', () => {
  it('refuses a contribution from a party that is not in the contract, listing the parties there are', () => {
    const contract = mistake((c) => {
      poolOf(c).contributions[1]!.party = 'comunity';
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].contributions[1].party',
        'unknown_party',
        "'comunity' is not a party of this contract",
        'parties: icb, acute, community',
      ),
    ]);
  });

  it('refuses an unknown party among those accountable for a metric', () => {
    const contract = mistake((c) => {
      metricOf(c, 0).accountable = ['acute', 'gp-federation'];
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].metrics[0].accountable[1]', 'unknown_party', "'gp-federation' is not a party"),
    ]);
  });

  it('refuses unearned money kept by a party that is not in the contract', () => {
    const contract = mistake((c) => {
      poolOf(c).unearned = { to: 'commissioner', party: 'nhs-england' };
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].unearned.party', 'unknown_party', "'nhs-england' is not a party"),
    ]);
  });

  it('refuses an unknown party among those eligible for a pool', () => {
    const contract = mistake((c) => {
      poolOf(c).eligible = ['acute', 'hospice'];
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].eligible[1]', 'unknown_party', "'hospice' is not a party"),
    ]);
  });

  it('refuses unearned money kept by a "commissioner" that is a provider', () => {
    const contract = mistake((c) => {
      poolOf(c).unearned = { to: 'commissioner', party: 'acute' };
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].unearned.party', 'not_a_commissioner', "'acute' must be a commissioner here", 'it is a provider'),
    ]);
  });

  it('refuses "to": "commissioner" without saying which commissioner keeps the money', () => {
    const contract = mistake((c) => {
      poolOf(c).unearned = { to: 'commissioner' };
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].unearned.party', 'missing_party', 'needs the "party" that keeps the money'),
    ]);
  });

  it('refuses a commissioner listed as eligible to earn from a pool', () => {
    const contract = mistake((c) => {
      poolOf(c).eligible = ['acute', 'icb'];
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].eligible[1]', 'not_a_provider', "'icb' must be a provider here", 'it is a commissioner'),
    ]);
  });
});

describe('duplicate ids', () => {
  it('refuses two parties with the same id, pointing at the second and naming the first', () => {
    const contract = mistake((c) => {
      c.parties.push({ id: 'acute', name: 'East Acute Trust (again)', role: 'provider', contractValue: '1.00' });
    });
    expect(contractIssues(contract)).toEqual([
      issue('parties[3].id', 'duplicate_id', "party id 'acute' is already used by parties[1]"),
    ]);
  });

  it('refuses two metrics with the same id', () => {
    const contract = mistake((c) => {
      metricOf(c, 1).id = 'ae-4h';
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].metrics[1].id', 'duplicate_id', "metric id 'ae-4h' is already used by pools[0].metrics[0]"),
    ]);
  });

  it('refuses a metric id used again in another pool (measurements name metrics by id alone)', () => {
    const contract = mistake((c) => {
      const second = structuredClone(poolOf(c));
      second.id = 'second';
      c.pools.push(second);
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[1].metrics[0].id', 'duplicate_id', "metric id 'ae-4h' is already used by pools[0].metrics[0]"),
      issue(
        'pools[1].metrics[1].id',
        'duplicate_id',
        "metric id 'readmissions' is already used by pools[0].metrics[1]",
      ),
    ]);
  });

  it('refuses two pools with the same id', () => {
    const contract = mistake((c) => {
      const second = structuredClone(poolOf(c));
      second.metrics.forEach((metric) => (metric.id = `${metric.id}-2`));
      c.pools.push(second);
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[1].id', 'duplicate_id', "pool id 'outcomes' is already used by pools[0]"),
    ]);
  });

  it('refuses two periods with the same id', () => {
    const contract = mistake((c) => {
      c.periods[1]!.id = '2026-27';
    });
    expect(contractIssues(contract)).toEqual([
      issue('periods[1].id', 'duplicate_id', "period id '2026-27' is already used by periods[0]"),
    ]);
  });

  it('refuses two contributions from the same party to one pool', () => {
    const contract = mistake((c) => {
      poolOf(c).contributions[1]!.party = 'acute';
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].contributions[1].party', 'duplicate_contribution', "party 'acute' already contributes"),
    ]);
  });
});

describe('amounts', () => {
  it('refuses a negative contract value', () => {
    const contract = mistake((c) => {
      c.parties[1]!.contractValue = '-1000000.00';
    });
    expect(contractIssues(contract)).toEqual([
      issue('parties[1].contractValue', 'negative_value', 'contract value must not be negative', '"-1000000.00"'),
    ]);
  });

  it.each([
    { what: 'contribution amount', index: 1, key: 'amount', value: 10000 },
    { what: 'percentage of contract value', index: 0, key: 'percentOfContractValue', value: 2 },
  ])('refuses a $what given as a JS number, asking for a string', ({ what, index, key, value }) => {
    const contract = mistake((c) => {
      set(poolOf(c).contributions[index]!, key, value);
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        `pools[0].contributions[${index}].${key}`,
        'invalid_type',
        `${what} must be a string`,
        `the number ${value}`,
        'write it as a string',
        'numbers can lose pennies',
      ),
    ]);
  });

  it('refuses a contract value given as a JS number', () => {
    const contract = mistake((c) => {
      set(c.parties[2]!, 'contractValue', 500000);
    });
    // toContainEqual: the unreadable value is also reported as missing where it is used (splits by contract value).
    expect(contractIssues(contract)).toContainEqual(
      issue('parties[2].contractValue', 'invalid_type', 'contract value must be a string', 'the number 500000'),
    );
  });

  it.each(['1,250,000.00', '1e6', 'NaN', '£10000.00', '10000.', ' 10000.00', '+10000.00', ''])(
    'refuses the amount %j, asking for a plain decimal string',
    (text) => {
      const contract = mistake((c) => {
        poolOf(c).contributions[1]!.amount = text;
      });
      expect(contractIssues(contract)).toEqual([
        issue(
          'pools[0].contributions[1].amount',
          'invalid_decimal',
          'contribution amount must be a plain decimal string such as "1250000.00"',
          'no thousands separators, exponent or currency sign',
          JSON.stringify(text),
        ),
      ]);
    },
  );

  it('refuses more decimal places than the currency has (10.001 in GBP)', () => {
    const contract = mistake((c) => {
      poolOf(c).contributions[1]!.amount = '10.001';
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].contributions[1].amount', 'too_many_decimals', '10.001', 'more decimal places than GBP has (2)'),
    ]);
  });

  it('refuses pence in yen, which has no minor unit', () => {
    const contract = mistake((c) => {
      c.currency = 'JPY';
      c.parties[1]!.contractValue = '1000000';
      c.parties[2]!.contractValue = '500000';
      poolOf(c).contributions[1]!.amount = '10000.50';
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].contributions[1].amount', 'too_many_decimals', 'more decimal places than JPY has (0)'),
    ]);
  });

  it('refuses a currency the library does not know, listing those it does', () => {
    const contract = mistake((c) => {
      set(c, 'currency', 'XYZ');
    });
    expect(contractIssues(contract)).toEqual([
      issue('currency', 'invalid_value', 'currency must be an ISO 4217 code', 'GBP, EUR', '"XYZ"'),
    ]);
  });

  it('refuses a percentage of 140 %', () => {
    const contract = mistake((c) => {
      poolOf(c).contributions[0]!.percentOfContractValue = '140';
    });
    // toContainEqual: 140 % is also reported as more than 100 % of the party's contract value at risk.
    expect(contractIssues(contract)).toContainEqual(
      issue(
        'pools[0].contributions[0].percentOfContractValue',
        'percentage_out_of_range',
        'must be between 0 and 100',
        '"140"',
      ),
    );
  });

  it("refuses more than 100 % of one party's contract value at risk across pools", () => {
    const contract = mistake((c) => {
      const second = structuredClone(poolOf(c));
      second.id = 'second';
      second.metrics.forEach((metric) => (metric.id = `${metric.id}-2`));
      second.contributions[0]!.percentOfContractValue = '99';
      c.pools.push(second);
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[1].contributions[0].percentOfContractValue',
        'at_risk_over_100',
        "party 'acute' has 101 % of its contract value at risk across pools",
      ),
    ]);
  });
});

describe('contributions', () => {
  it('refuses a contribution with both an amount and a percentage of contract value', () => {
    const contract = mistake((c) => {
      poolOf(c).contributions[1]!.percentOfContractValue = '1';
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].contributions[1]', 'contribution_kind', 'exactly one of "amount" or "percentOfContractValue"'),
    ]);
  });

  it('refuses a contribution with neither', () => {
    const contract = mistake((c) => {
      delete poolOf(c).contributions[1]!.amount;
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].contributions[1]', 'contribution_kind', 'exactly one of "amount" or "percentOfContractValue"'),
    ]);
  });

  it('refuses a percentage of contract value from a party that has no contract value', () => {
    const contract = mistake((c) => {
      delete c.parties[1]!.contractValue;
      // split equally, so the only use of acute's contract value is its contribution
      poolOf(c).distribution = { basis: 'equal' };
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].contributions[0].percentOfContractValue',
        'missing_contract_value',
        "party 'acute' has no contract value to take 2 % of",
      ),
    ]);
  });
});

describe('distribution', () => {
  it('refuses fixed shares that do not add up to 100', () => {
    const contract = mistake((c) => {
      poolOf(c).distribution = { basis: 'fixed', shares: { acute: '60', community: '30' } };
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].distribution.shares', 'shares_not_100', "pool 'outcomes'", 'add up to 90 %', 'not 100 %'),
    ]);
  });

  it('refuses a fixed distribution that leaves out an eligible provider', () => {
    const contract = mistake((c) => {
      poolOf(c).distribution = { basis: 'fixed', shares: { acute: '100' } };
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].distribution.shares', 'missing_share', "eligible provider 'community' has no share"),
    ]);
  });

  it('refuses a fixed share for a commissioner, naming the share by party id', () => {
    const contract = mistake((c) => {
      poolOf(c).distribution = { basis: 'fixed', shares: { acute: '60', community: '30', icb: '10' } };
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].distribution.shares.icb', 'not_a_provider', "'icb' must be a provider here"),
    ]);
  });

  it('refuses shares given with a basis other than "fixed"', () => {
    const contract = mistake((c) => {
      poolOf(c).distribution = { basis: 'equal', shares: { acute: '50', community: '50' } };
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].distribution.shares', 'unexpected_shares', 'only used with basis "fixed", not "equal"'),
    ]);
  });
});

describe('scoring', () => {
  it('refuses an improvement rule on a metric without a baseline', () => {
    const contract = mistake((c) => {
      metricOf(c, 0).scoring = { type: 'improvement', min: '0', max: '10' };
    });
    const issues = contractIssues(contract);
    expect(issues).toHaveLength(1);
    // The path is inside the metric: today its `scoring`; its `baseline` would be more precise.
    expect(issues[0]!.path).toMatch(/^pools\[0\]\.metrics\[0\]\./);
    expect(issues[0]).toMatchObject({
      code: 'missing_baseline',
      message: expect.stringContaining("metric 'ae-4h' is scored on improvement, so it needs a baseline above zero"),
    });
  });

  it('refuses a baseline of zero for an improvement rule, since improvement is relative to it', () => {
    const contract = mistake((c) => {
      metricOf(c, 0).baseline = '0';
      metricOf(c, 0).scoring = { type: 'improvement', min: '0', max: '10' };
    });
    expect(contractIssues(contract)).toEqual([
      expect.objectContaining({ code: 'missing_baseline', message: expect.stringContaining('above zero, got 0') }),
    ]);
  });

  it('refuses bands where a better band scores less (higher-is-better)', () => {
    const contract = mistake((c) => {
      metricOf(c, 0).scoring = {
        type: 'bands',
        bands: [
          { threshold: '70', score: '0.5' },
          { threshold: '80', score: '0.25' },
        ],
      };
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].metrics[0].scoring.bands[1].score',
        'bands_not_monotone',
        "metric 'ae-4h' is higher-is-better",
        'the band at 80 must not score less than the band at 70',
      ),
    ]);
  });

  it('refuses bands where a better band scores less (lower-is-better: the lower threshold is better)', () => {
    const contract = mistake((c) => {
      metricOf(c, 1).scoring = {
        type: 'bands',
        bands: [
          { threshold: '100', score: '0.25' },
          { threshold: '120', score: '0.5' },
        ],
      };
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].metrics[1].scoring.bands[0].score',
        'bands_not_monotone',
        "metric 'readmissions' is lower-is-better",
        'the band at 100 must not score less than the band at 120',
      ),
    ]);
  });

  it('refuses a band score above 1', () => {
    const contract = mistake((c) => {
      metricOf(c, 0).scoring = { type: 'bands', bands: [{ threshold: '70', score: '2' }] };
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].metrics[0].scoring.bands[0].score', 'out_of_range', 'band score must be between 0 and 1'),
    ]);
  });

  it('refuses a scoring type the library does not have, listing those it has', () => {
    const contract = mistake((c) => {
      set(metricOf(c, 0), 'scoring', { type: 'sigmoid', min: '60', max: '80' });
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].metrics[0].scoring.type',
        'invalid_union',
        'scoring type must be one of "linear", "bands", "binary", "improvement", "gap-to-goal"',
        'got "sigmoid"',
      ),
    ]);
  });

  it('refuses a direction other than higher- or lower-is-better', () => {
    const contract = mistake((c) => {
      set(metricOf(c, 0), 'direction', 'up');
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].metrics[0].direction',
        'invalid_value',
        'direction must be "higher-is-better" or "lower-is-better"',
        'got "up"',
      ),
    ]);
  });
});

describe('shape', () => {
  it('refuses a misspelt field rather than ignoring it, naming the field', () => {
    const contract = mistake((c) => {
      const metric = metricOf(c, 0) as Record<string, unknown>;
      metric.wieght = metric.weight;
      delete metric.weight;
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].metrics[0]', 'unrecognized_keys', '"wieght"'),
      // and, since the weight is not where it should be, the pool's weights are incomplete
      issue('pools[0].metrics[0].weight', 'missing_weight', 'every metric needs a weight'),
    ]);
  });

  it('names the field meant for a near-miss key, and the fields there are (issue 12: contractVlaue)', () => {
    const contract = mistake((c) => {
      const party = c.parties[1] as Record<string, unknown>;
      party.contractVlaue = party.contractValue;
      delete party.contractValue;
      party.colour = 'red';
    });
    const shape = validateContract(contract).issues.find((i) => i.code === 'unrecognized_keys');
    expect(shape).toEqual({
      path: 'parties[1]',
      code: 'unrecognized_keys',
      message:
        '"contractVlaue" (did you mean "contractValue"?), "colour" are not fields here (fields: id, name, role, kind, contractValue, joins, leaves)',
    });
  });

  it('refuses "-0.00" where an amount may not be negative, since it would be echoed with its sign', () => {
    const contract = mistake((c) => {
      (c.parties[1] as Record<string, unknown>).contractValue = '-0.00';
    });
    expect(validateContract(contract).issues).toContainEqual({
      path: 'parties[1].contractValue',
      code: 'negative_value',
      message: 'contract value must be written without a minus sign when it is zero, got "-0.00"',
    });
  });

  it('echoes a megabyte-long party reference cut short, not in full', () => {
    const huge = 'x'.repeat(1_000_000);
    const contract = mistake((c) => {
      (poolOf(c) as { contributions: { party: string }[] }).contributions[0]!.party = huge;
    });
    const issues = validateContract(contract).issues;
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.message.length).toBeLessThan(1_000);
  });

  it('refuses an unknown pool kind', () => {
    const contract = mistake((c) => {
      set(poolOf(c), 'kind', 'risk-sharing');
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].kind',
        'invalid_union',
        'pool kind must be "outcome", "risk-share", "pooled-budget", "points" or "rate-card"',
        'got "risk-sharing"',
      ),
    ]);
  });

  it('refuses an id with spaces or symbols', () => {
    const contract = mistake((c) => {
      metricOf(c, 0).id = 'A&E 4h';
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'pools[0].metrics[0].id',
        'invalid_format',
        "metric id must be letters, digits, '.', '_' or '-'",
        '"A&E 4h"',
      ),
    ]);
  });

  it('refuses ratio decimal places outside 6 to 40', () => {
    const contract = mistake((c) => {
      c.rounding = { ratioDecimalPlaces: 4 };
    });
    expect(contractIssues(contract)).toEqual([
      issue('rounding.ratioDecimalPlaces', 'too_small', 'ratio decimal places must be at least 6'),
    ]);
  });

  it('refuses a pool with no metrics', () => {
    const contract = mistake((c) => {
      poolOf(c).metrics = [];
    });
    expect(contractIssues(contract)).toEqual([
      issue('pools[0].metrics', 'too_small', 'a pool needs at least one metric'),
    ]);
  });
});

describe('dates', () => {
  it('refuses a term that ends before it starts', () => {
    const contract = mistake((c) => {
      c.term = { start: '2026-04-01', end: '2026-03-31' };
      c.periods = [{ id: '2026-27', start: '2026-04-01', end: '2026-04-01' }];
    });
    const issues = contractIssues(contract);
    expect(issues[0]).toEqual(
      issue('term.end', 'end_before_start', 'the term ends (2026-03-31) before it starts (2026-04-01)'),
    );
  });

  it('refuses a period that is not inside the term', () => {
    const contract = mistake((c) => {
      // a year of its own length, so that running past the term is its one mistake
      c.periods[1]!.start = '2027-07-01';
      c.periods[1]!.end = '2028-06-30';
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'periods[1]',
        'period_outside_term',
        'period 2027-07-01 to 2028-06-30 is not inside the term 2026-04-01 to 2028-03-31',
      ),
    ]);
  });

  it('refuses a period that ends before it starts', () => {
    const contract = mistake((c) => {
      c.periods[0]!.end = '2026-03-01';
    });
    expect(contractIssues(contract)).toEqual([
      issue('periods[0].end', 'end_before_start', 'period ends (2026-03-01) before it starts (2026-04-01)'),
    ]);
  });

  it('refuses periods that overlap', () => {
    const contract = mistake((c) => {
      c.periods[1]!.start = '2027-03-01';
      c.periods[1]!.end = '2028-02-29';
    });
    expect(contractIssues(contract)).toEqual([
      issue('periods[1]', 'periods_overlap', 'period starting 2027-03-01 overlaps the period ending 2027-03-31'),
    ]);
  });

  it.each(['2027-02-30', '2027-02-29', '2027-03-31T00:00:00Z'])(
    'refuses the date %j, asking for a real date written YYYY-MM-DD',
    (date) => {
      const contract = mistake((c) => {
        c.periods[0]!.end = date;
      });
      expect(contractIssues(contract)).toEqual([
        issue(
          'periods[0].end',
          'invalid_date',
          'period end must be a real date written YYYY-MM-DD',
          JSON.stringify(date),
        ),
      ]);
    },
  );
});

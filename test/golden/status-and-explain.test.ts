import { describe, expect, it } from 'vitest';
import { ContractError, explain, settle, type ContractInput } from '../../src/index.js';
import {
  commissioner,
  contract,
  expectConserved,
  linearMetric,
  metricOf,
  partyOf,
  PERIOD,
  provider,
  value,
} from './helpers.js';

/*
 * Worked example: a settlement's status while any measurement used is provisional; `explain`
 * showing the figures and the clause; conservation in every pool of a contract with two pools.
 *
 * Source of the rules: src/settle/types.ts (status: "provisional" while any measurement used is
 * provisional); src/explain/explain.ts (each line a figure, its value, the formula and the
 * contract clause); design.md section 2 ("trace") and section 5 (conservation for every pool).
 *
 * The contract: two pools, both funded by the ICB and earned by one provider.
 *   pool "acute-flow": £100,000.00; metric "discharges" (linear 60 → 80, clause "Schedule 3 para
 *     2.1") measured 72.5 → (72.5 − 60) / 20 = 0.625 → earns £62,500.00; the ICB keeps £37,500.00
 *   pool "prevention": £40,000.00; metric "screening" (linear 60 → 80) measured 65 → 0.25 → earns
 *     £10,000.00; the unearned £30,000.00 goes back to the contributors (the ICB)
 *     gateway "audit" (pool scope, threshold 1) met
 *   provider total: £1,000,000.00 guaranteed + £62,500.00 + £10,000.00 = £1,072,500.00
 */

const twoPools = (): ContractInput =>
  contract({
    parties: [commissioner('icb'), provider('trust', '1000000.00')],
    pools: [
      {
        id: 'acute-flow',
        kind: 'outcome',
        name: 'Acute flow pool',
        clause: 'Schedule 3 para 2',
        contributions: [{ party: 'icb', amount: '100000.00', clause: 'Schedule 3 para 2.0' }],
        metrics: [
          linearMetric('discharges', '60', '80', { name: 'Discharges before noon', clause: 'Schedule 3 para 2.1' }),
        ],
        unearned: { to: 'commissioner', party: 'icb', clause: 'Schedule 3 para 2.5' },
      },
      {
        id: 'prevention',
        kind: 'outcome',
        name: 'Prevention pool',
        contributions: [{ party: 'icb', amount: '40000.00' }],
        metrics: [linearMetric('screening', '60', '80')],
        gateways: [
          {
            id: 'audit',
            name: 'Clinical audit',
            scope: 'pool',
            measure: 'audit',
            direction: 'higher-is-better',
            threshold: '1',
          },
        ],
        unearned: { to: 'contributors' },
      },
    ],
  });

const finalMeasurements = [value('discharges', '72.5'), value('screening', '65'), value('audit', '1')];

describe('settlement status', () => {
  it('is final when every measurement used is final', () => {
    expect(settle(twoPools(), finalMeasurements, { period: PERIOD }).status).toBe('final');
  });

  it('is provisional when a metric’s measurement is provisional', () => {
    const settlement = settle(
      twoPools(),
      [value('discharges', '72.5', { status: 'provisional' }), value('screening', '65'), value('audit', '1')],
      { period: PERIOD },
    );
    expect(settlement.status).toBe('provisional');
    expect(metricOf(settlement, 'discharges').status).toBe('provisional');
    expect(metricOf(settlement, 'screening').status).toBe('final');
  });

  it('is provisional when a gateway’s measurement is provisional', () => {
    const settlement = settle(
      twoPools(),
      [value('discharges', '72.5'), value('screening', '65'), value('audit', '1', { status: 'provisional' })],
      { period: PERIOD },
    );
    expect(settlement.status).toBe('provisional');
  });

  it('ignores a provisional measurement of another period', () => {
    const base = twoPools();
    const withNextYear: ContractInput = {
      ...base,
      term: { start: '2026-04-01', end: '2028-03-31' },
      periods: [...base.periods, { id: '2027-28', start: '2027-04-01', end: '2028-03-31' }],
    };
    const settlement = settle(
      withNextYear,
      [...finalMeasurements, value('discharges', '50', { period: '2027-28', status: 'provisional' })],
      { period: PERIOD },
    );
    expect(settlement.status).toBe('final');
    expect(metricOf(settlement, 'discharges').measured).toBe('72.5');
  });
});

describe('figures of a two-pool settlement, conserved in every pool', () => {
  const settlement = settle(twoPools(), finalMeasurements, { period: PERIOD });

  it('earns £62,500.00 and £10,000.00', () => {
    expect(settlement.pools.map((p) => [p.id, p.funding, p.score, p.earned, p.unearned])).toEqual([
      ['acute-flow', '100000.00', '0.625', '62500.00', '37500.00'],
      ['prevention', '40000.00', '0.25', '10000.00', '30000.00'],
    ]);
    expect(partyOf(settlement, 'trust')).toMatchObject({ earned: '72500.00', total: '1072500.00' });
    // the ICB put in £140,000.00 and keeps / gets back £37,500.00 + £30,000.00
    expect(partyOf(settlement, 'icb')).toMatchObject({ contributed: '140000.00', returned: '67500.00' });
  });

  it('has in = out in every pool', () => {
    expect(settlement.pools.map((p) => p.conservation)).toEqual([
      { in: '100000.00', out: '100000.00', difference: '0.00' },
      { in: '40000.00', out: '40000.00', difference: '0.00' },
    ]);
    expectConserved(settlement);
  });
});

describe('explain(settlement, nodeId)', () => {
  const settlement = settle(twoPools(), finalMeasurements, { period: PERIOD });

  it('explains a score with its value, formula, measured value and clause', () => {
    const text = explain(settlement, metricOf(settlement, 'discharges').trace.score);
    const lines = text.split('\n');
    expect(lines[0]).toBe('score of Discharges before noon = 0.625 [Schedule 3 para 2.1]');
    expect(lines[1]).toContain('linear');
    expect(lines[1]).toContain('72.5');
    expect(lines[1]).toContain('pools[acute-flow].metrics[discharges].scoring');
    expect(text).toContain('measured Discharges before noon = 72.5 [Schedule 3 para 2.1]');
    expect(text).toContain('min = 60');
    expect(text).toContain('max = 80');
  });

  it('explains a party’s total down to the figures it was made from', () => {
    const text = explain(settlement, partyOf(settlement, 'trust').trace.total);
    expect(text.split('\n')[0]).toBe('Provider trust: total for the period = 1072500.00');
    expect(text).toContain('guaranteed + earned + redistributed + returned');
    expect(text).toContain('= 1000000.00'); // guaranteed
    expect(text).toContain('= 72500.00'); // earned, over both pools
    expect(text).toContain('= 62500.00');
    expect(text).toContain('= 10000.00');
    expect(text).toContain('[Schedule 3 para 2]');
  });

  it('explains a pool’s conservation, with the clauses of its parts', () => {
    const text = explain(settlement, settlement.pools[0]!.trace.conservation);
    expect(text.split('\n')[0]).toBe('conservation of pool acute-flow = 0.00 [Schedule 3 para 2]');
    expect(text).toContain('funding of pool acute-flow = 100000.00');
    expect(text).toContain("icb's contribution to pool acute-flow = 100000.00 [Schedule 3 para 2.0]");
    expect(text).toContain('unearned in pool acute-flow = 37500.00 [Schedule 3 para 2.5]');
  });

  it('stops at the depth asked for', () => {
    const text = explain(settlement, settlement.pools[0]!.trace.earned, 0);
    expect(text.split('\n')).toHaveLength(2);
    expect(text.split('\n')[0]).toBe('earned in pool acute-flow after gateways = 62500.00 [Schedule 3 para 2]');
  });

  it('rejects a node that is not in the trace', () => {
    expect(() => explain(settlement, 'no-such-node')).toThrow(ContractError);
  });
});

describe('explain of something that is not a settlement as settle wrote it (fuzzing, issue 12)', () => {
  const settlement = settle(twoPools(), finalMeasurements, { period: PERIOD });
  const issuesOf = (value: unknown, node = 'x') => {
    try {
      explain(value as typeof settlement, node);
    } catch (error) {
      expect(error).toBeInstanceOf(ContractError);
      return (error as ContractError).issues.map((i) => i.code);
    }
    return expect.unreachable('explain accepted it');
  };

  it('an empty object and null are refused as settlements, not a TypeError', () => {
    expect(issuesOf({})).toContain('invalid_settlement');
    expect(issuesOf(null)).toContain('invalid_settlement');
  });

  it('a trace node whose inputs were removed is refused, not "node.inputs is not iterable"', () => {
    const edited = structuredClone(settlement);
    const id = settlement.parties[0]!.trace.total;
    delete (edited.trace[id] as { inputs?: unknown }).inputs;
    expect(issuesOf(edited, id)).toEqual(['invalid_settlement']);
  });
});

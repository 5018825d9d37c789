import { describe, expect, it } from 'vitest';
import { settle, validateContract, type RiskSharePoolInput } from '../../src/index.js';
import { savingsContract, US_YEAR } from './helpers.js';

/*
 * Which sides of the variance the members share is declared, never defaulted (issue 12). Before,
 * a step that did not cover a side passed the amount through, so a gains-only shared-savings
 * contract charged the providers 100 % of any overspend. Minimal case from the issue: budget
 * 100,000,000.00, a 2 % corridor and a 50 % rate on gains only, spend 103,000,000.00: the
 * contract shares no loss, so the alliance bears 0.00 and the commissioner −3,000,000.00 (the old
 * code settled −3,000,000.00 to the alliance and 0.00 to the commissioner).
 */

type Pool = Partial<RiskSharePoolInput> & Pick<RiskSharePoolInput, 'steps'>;
const contract = savingsContract;
const PERIOD = US_YEAR;

const settled = (pool: Pool, spend: string) =>
  settle(contract(pool), [{ metric: 'spend', period: PERIOD, value: spend, status: 'final' }], { period: PERIOD })
    .riskShares[0]!;

const gainsOnly: Pool['steps'] = [
  { id: 'msr', type: 'corridor', gain: '2', sharing: 'first-pound' },
  { id: 'rate', type: 'rate', gain: { percent: '50' } },
];

describe('a side the contract does not share is wholly the commissioner’s', () => {
  it('gains only: an overspend of 3,000,000.00 costs the alliance 0.00 and the commissioner all of it', () => {
    const pool = settled({ sides: 'gain', steps: gainsOnly }, '103000000.00');
    expect([pool.variance, pool.allianceShare, pool.commissionerShare]).toEqual(['-3000000.00', '0.00', '-3000000.00']);
    expect(pool.parts.map((p) => p.amount)).toEqual(['0.00']);
  });

  it('gains only: a saving of 3,000,000.00 (3 % ≥ 2 %) still pays 50 %: 1,500,000.00', () => {
    const pool = settled({ sides: 'gain', steps: gainsOnly }, '97000000.00');
    expect([pool.allianceShare, pool.commissionerShare]).toEqual(['1500000.00', '1500000.00']);
  });

  it('losses only: a saving of 4,000,000.00 is wholly the commissioner’s; a loss of 4,000,000.00 costs 25 %', () => {
    const steps: Pool['steps'] = [{ id: 'rate', type: 'rate', loss: { percent: '25' } }];
    const saving = settled({ sides: 'loss', steps }, '96000000.00');
    expect([saving.allianceShare, saving.commissionerShare]).toEqual(['0.00', '4000000.00']);
    // 4,000,000 × 25 % = 1,000,000 borne by the alliance; the commissioner bears 3,000,000
    const loss = settled({ sides: 'loss', steps }, '104000000.00');
    expect([loss.allianceShare, loss.commissionerShare]).toEqual(['-1000000.00', '-3000000.00']);
  });

  it('both sides shared by their steps need no "sides": 50 % of a 3,000,000.00 loss is −1,500,000.00', () => {
    const steps: Pool['steps'] = [{ id: 'rate', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } }];
    expect(settled({ steps }, '103000000.00').allianceShare).toBe('-1500000.00');
  });
});

describe('a pool whose sides are unclear is refused, with how to write each choice', () => {
  const issues = (pool: Pool) => {
    const result = validateContract(contract(pool));
    expect(result.success).toBe(false);
    return result.issues.map((issue) => [issue.path, issue.code, issue.message]);
  };

  it('steps that share gains only, with no "sides"', () => {
    expect(issues({ steps: gainsOnly })).toEqual([
      [
        'pools[0].sides',
        'unclear_sides',
        `the steps of pool 'share' share gains only, so it is unclear whether the members share losses: write "sides": "gain" if losses are wholly the commissioner's, or "sides": "both" with a step that shares them (e.g. a rate step with "loss": { "percent": "100" } for all of them)`,
      ],
    ]);
  });

  it('steps that share losses only, with no "sides"', () => {
    const [[, code, message]] = issues({ steps: [{ id: 'rate', type: 'rate', loss: { percent: '25' } }] }) as [
      [string, string, string],
    ];
    expect(code).toBe('unclear_sides');
    expect(message).toContain('share losses only, so it is unclear whether the members share gains');
    expect(message).toContain('"sides": "loss" if gains are wholly the commissioner\'s');
  });

  it('no step that shares anything', () => {
    expect(issues({ steps: [{ id: 'round', type: 'round', places: 0 }] })).toEqual([
      [
        'pools[0].sides',
        'unclear_sides',
        `no step of pool 'share' shares a gain or a loss (a rate or bands step does): add one, and say which sides the members share with "sides": "gain", "loss" or "both"`,
      ],
    ]);
  });

  it('"sides": "both" with no step that says at what share losses are borne', () => {
    expect(issues({ sides: 'both', steps: gainsOnly })).toEqual([
      [
        'pools[0].sides',
        'side_without_share',
        `pool 'share' shares losses ("sides": "both"), but no step says at what share: add a rate or bands step for the loss side (e.g. "loss": { "percent": "100" } for all of it)`,
      ],
    ]);
  });

  it('a step declared for a side the pool does not share', () => {
    const steps: Pool['steps'] = [
      ...gainsOnly,
      { id: 'limit', type: 'cap', applies: 'loss', limits: [{ percentOfBudget: '4' }] },
    ];
    expect(issues({ sides: 'gain', steps })).toEqual([
      [
        'pools[0].steps[2]',
        'step_for_unshared_side',
        `step 'limit' is declared for losses, but pool 'share' shares gains only ("sides": "gain"): remove its loss part, or write "sides": "both"`,
      ],
    ]);
  });

  it('an unknown "sides" is refused by the schema, naming the choices', () => {
    const [[path, , message]] = issues({ sides: 'gains' as 'gain', steps: gainsOnly }) as [[string, string, string]];
    expect(path).toBe('pools[0].sides');
    expect(message).toBe('shared sides must be one of "gain", "loss", "both", got "gains"');
  });
});

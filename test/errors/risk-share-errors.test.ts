import { describe, expect, it } from 'vitest';
import {
  ContractError,
  defineContract,
  validateContract,
  type ContractInput,
  type Issue,
  type RiskSharePoolInput,
} from '../../src/index.js';

/*
 * Mistakes a commissioner makes declaring a risk-share pool. Each test makes one mistake in a
 * fresh deep copy of the valid contract below and checks that the issue is reported at the path
 * of the mistake (as written in the file), with a stable code, and with a message that says what
 * is wrong and what is expected. The exact phrasing may evolve: only its key words are pinned.
 *
 * Step indices in the valid pool: 0 corridor, 1 bands, 2 rate, 3 cap.
 */

const VALID: ContractInput = {
  id: 'c',
  name: 'C',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: '2026-27', start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'icb', name: 'ICB', role: 'commissioner' },
    { id: 'acute', name: 'Acute', role: 'provider', contractValue: '100000000.00' },
    { id: 'community', name: 'Community', role: 'provider', contractValue: '40000000.00' },
  ],
  pools: [
    {
      id: 'system',
      kind: 'risk-share',
      name: 'System control total',
      budgetKind: 'control-total',
      budget: '140000000.00',
      outturn: { measure: 'spend' },
      commissioner: 'icb',
      steps: [
        { id: 'corridor', type: 'corridor', gain: '1', loss: '1', sharing: 'first-pound' },
        {
          id: 'bands',
          type: 'bands',
          loss: [
            { from: '0', to: '2', percent: '100' },
            { from: '2', to: '4', percent: '50' },
            { from: '4', percent: '20' },
          ],
        },
        { id: 'rate', type: 'rate', gain: { percent: '50' }, loss: { oneMinusGain: true, floor: '40', ceiling: '75' } },
        { id: 'cap', type: 'cap', applies: 'gain', limits: [{ percentOfBudget: '10' }, { percentOfRevenue: '8' }] },
      ],
      order: ['corridor', 'bands', 'rate', 'cap'],
      distribution: { basis: 'fixed', shares: { acute: '60', community: '40' } },
    },
  ],
};

type Raw = Record<string, unknown>;

/** A fresh deep copy of the valid contract, with one mistake made by `edit`. */
function mistake(edit: (pool: RiskSharePoolInput, contract: ContractInput) => void): ContractInput {
  const contract = structuredClone(VALID);
  edit(contract.pools[0] as RiskSharePoolInput, contract);
  return contract;
}

/** Step `index` of the pool, loosely typed so a test can write anything into it. */
const stepAt = (pool: RiskSharePoolInput, index: number): Raw => pool.steps[index] as unknown as Raw;
/** The pool, loosely typed. */
const raw = (pool: RiskSharePoolInput): Raw => pool as unknown as Raw;
/** A party, loosely typed. */
const partyAt = (contract: ContractInput, index: number): Raw => contract.parties[index] as unknown as Raw;

/** The issues `validateContract` reports (none when it succeeds). */
function issuesOf(contract: unknown): readonly Issue[] {
  const result = validateContract(contract);
  return result.success ? [] : result.issues;
}

/** An expected issue: exact path and code, and a message matching `words`. */
const has = (path: string, code: string, words: RegExp) =>
  expect.objectContaining({ path, code, message: expect.stringMatching(words) as unknown });

/** The codes of the issues reported, for checking that a mistake is NOT reported. */
const codesOf = (contract: unknown) => issuesOf(contract).map((i) => i.code);

const GATEWAY = {
  id: 'quality',
  type: 'gateway',
  name: 'Quality gateway',
  measure: 'quality-met',
  direction: 'higher-is-better',
  threshold: '1',
  onFail: { lossPercent: '75' },
} as const;

const OUTCOME_POOL = {
  id: 'outcomes',
  kind: 'outcome',
  name: 'Outcome pool',
  contributions: [{ party: 'acute', amount: '10000.00' }],
  metrics: [
    {
      id: 'ae-4h',
      name: 'A&E seen within 4 hours',
      unit: '%',
      direction: 'higher-is-better',
      scoring: { type: 'linear', min: '60', max: '80' },
    },
  ],
  unearned: { to: 'commissioner', party: 'icb' },
} as const;

describe('the valid risk-share contract', () => {
  it('is valid, so every issue below comes from the one mistake made', () => {
    expect(issuesOf(VALID)).toEqual([]);
    expect(validateContract(structuredClone(VALID)).success).toBe(true);
    expect(() => defineContract(structuredClone(VALID))).not.toThrow();
  });
});

describe('bands', () => {
  it('refuses a first band that does not start at 0', () => {
    const contract = mistake((pool) => {
      ((stepAt(pool, 1).loss as Raw[])[0] as Raw).from = '1';
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[1].loss[0].from', 'bands_not_from_zero', /start at 0\b[\s\S]*\b1\b/),
    );
  });

  it('refuses a band that starts above the end of the band before (a gap)', () => {
    const contract = mistake((pool) => {
      ((stepAt(pool, 1).loss as Raw[])[1] as Raw).from = '3';
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[1].loss[1].from', 'bands_gap', /\b3\b[\s\S]*\b2\b[\s\S]*gap/),
    );
  });

  it('refuses a band that starts below the end of the band before (an overlap)', () => {
    const contract = mistake((pool) => {
      ((stepAt(pool, 1).loss as Raw[])[1] as Raw).from = '1.5';
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[1].loss[1].from', 'bands_overlap', /1\.5[\s\S]*\b2\b[\s\S]*overlap/),
    );
  });

  it('reports a gap on the gain side with the gain path', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 1).gain = [
        { from: '0', to: '1', percent: '100' },
        { from: '1', to: '3', percent: '50' },
        { from: '5', percent: '20' },
      ];
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[1].gain[2].from', 'bands_gap', /gain[\s\S]*gap/));
  });

  it('refuses a band without "to" that is not the last one', () => {
    const contract = mistake((pool) => {
      delete ((stepAt(pool, 1).loss as Raw[])[1] as Raw).to;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[1].loss[1].to', 'band_open_not_last', /only the last[\s\S]*"to"/),
    );
  });

  it('refuses a band whose "to" is not above its "from"', () => {
    const contract = mistake((pool) => {
      ((stepAt(pool, 1).loss as Raw[])[2] as Raw).to = '4';
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[1].loss[2].to', 'band_empty', /\b4\b[\s\S]*(before|not above)/),
    );
  });

  it('refuses a band that ends before it starts', () => {
    const contract = mistake((pool) => {
      ((stepAt(pool, 1).loss as Raw[])[2] as Raw).to = '3';
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[1].loss[2].to', 'band_empty', /\b3\b[\s\S]*\b4\b/));
  });
});

describe('rates', () => {
  it('refuses a rate floor above its ceiling, naming both', () => {
    const contract = mistake((pool) => {
      (stepAt(pool, 2).loss as Raw).floor = '80';
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].loss.floor', 'floor_above_ceiling', /80[\s\S]*above[\s\S]*ceiling[\s\S]*75/),
    );
  });

  it('accepts a floor equal to the ceiling', () => {
    const contract = mistake((pool) => {
      (stepAt(pool, 2).loss as Raw).floor = '75';
    });
    expect(codesOf(contract)).not.toContain('floor_above_ceiling');
  });

  it('refuses a rate with neither "percent" nor "oneMinusGain"', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 2).gain = {};
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[2].gain', 'rate_missing', /"percent"/));
  });

  it('refuses a loss rate with neither "percent" nor "oneMinusGain", naming both options', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 2).loss = { floor: '40' };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].loss', 'rate_missing', /"percent"[\s\S]*"oneMinusGain"/),
    );
  });

  it('refuses a rate with both "percent" and "oneMinusGain"', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 2).loss = { percent: '50', oneMinusGain: true };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].loss', 'rate_conflict', /both[\s\S]*"percent"[\s\S]*"oneMinusGain"/),
    );
  });

  it('refuses a loss rate of 1 − the gain rate on a step with no gain rate', () => {
    const contract = mistake((pool) => {
      delete stepAt(pool, 2).gain;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].loss.oneMinusGain', 'one_minus_gain_without_gain', /no gain rate/),
    );
  });

  it('refuses a quality score with neither a measure nor a pool', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 2).gain = { percent: '50', quality: {} };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].gain.quality', 'quality_source', /exactly one[\s\S]*"measure"[\s\S]*"pool"/),
    );
  });

  it('refuses a quality score with both a measure and a pool', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 2).gain = { percent: '50', quality: { measure: 'quality-score', pool: 'outcomes' } };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].gain.quality', 'quality_source', /exactly one[\s\S]*"measure"[\s\S]*"pool"/),
    );
  });

  it('refuses a quality pool that the contract does not have', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 2).gain = { percent: '50', quality: { pool: 'outcomes' } };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].gain.quality.pool', 'unknown_pool', /'outcomes'[\s\S]*not an outcome pool/),
    );
  });

  it('refuses a quality pool that exists but is not an outcome pool (the risk-share pool itself)', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 2).gain = { percent: '50', quality: { pool: 'system' } };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].gain.quality.pool', 'unknown_pool', /'system'[\s\S]*not an outcome pool/),
    );
  });

  it('accepts a quality pool that is an outcome pool of the contract', () => {
    const contract = mistake((pool, c) => {
      stepAt(pool, 2).gain = { percent: '50', quality: { pool: 'outcomes' } };
      c.pools.push(structuredClone(OUTCOME_POOL) as unknown as ContractInput['pools'][number]);
    });
    expect(issuesOf(contract)).toEqual([]);
  });
});

describe('fixed distribution shares', () => {
  it('refuses shares that do not add up to 100 %, saying what they add up to', () => {
    const contract = mistake((pool) => {
      pool.distribution.shares = { acute: '60', community: '30' };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].distribution.shares', 'shares_not_100', /\b90\b[\s\S]*100/),
    );
  });

  it('refuses a member without a share, naming it', () => {
    const contract = mistake((pool) => {
      pool.distribution.shares = { acute: '100' };
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].distribution.shares', 'missing_share', /'community'/));
  });

  it('refuses a share for a party that is not a member (the commissioner)', () => {
    const contract = mistake((pool) => {
      pool.distribution.shares = { acute: '60', community: '30', icb: '10' };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].distribution.shares.icb', 'unexpected_share', /'icb'[\s\S]*not a member/),
    );
  });

  it('refuses a share for a provider left out of the declared members', () => {
    const contract = mistake((pool) => {
      pool.members = ['acute'];
      pool.distribution.shares = { acute: '100', community: '0' };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].distribution.shares.community', 'unexpected_share', /'community'[\s\S]*not a member/),
    );
  });
});

describe('the order of steps', () => {
  it('refuses an order naming a step the pool does not have, listing the steps', () => {
    const contract = mistake((pool) => {
      pool.order = ['corridor', 'bands', 'ratee', 'cap', 'rate'];
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].order[2]', 'unknown_step', /'ratee'[\s\S]*corridor, bands, rate, cap/),
    );
  });

  it('refuses a step named twice in the order', () => {
    const contract = mistake((pool) => {
      pool.order = ['corridor', 'bands', 'rate', 'cap', 'bands'];
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].order[4]', 'duplicate_step', /'bands'[\s\S]*already/));
  });

  it('refuses a declared step that the order leaves out', () => {
    const contract = mistake((pool) => {
      pool.order = ['corridor', 'bands', 'rate'];
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[3]', 'step_not_in_order', /'cap'[\s\S]*order/));
  });

  it('refuses two steps with one id', () => {
    const contract = mistake((pool) => {
      pool.steps.push({ id: 'cap', type: 'deduction', percent: '10' });
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[4].id', 'duplicate_id', /'cap'[\s\S]*already used[\s\S]*pools\[0\]\.steps\[3\]/),
    );
  });
});

describe('caps and limits', () => {
  it('refuses a limit in per cent of revenue when there is no revenue and a member has no contract value', () => {
    const contract = mistake((_pool, c) => {
      delete partyAt(c, 2).contractValue;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[3].limits[1].percentOfRevenue', 'revenue_unknown', /"revenue"[\s\S]*contract value/),
    );
  });

  it('accepts a limit in per cent of revenue when the pool states its revenue', () => {
    const contract = mistake((pool, c) => {
      delete partyAt(c, 2).contractValue;
      pool.revenue = '140000000.00';
    });
    expect(codesOf(contract)).not.toContain('revenue_unknown');
  });

  it('refuses a limit with no basis', () => {
    const contract = mistake((pool) => {
      (stepAt(pool, 3).limits as Raw[])[0] = {};
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[3].limits[0]', 'limit_basis', /exactly one[\s\S]*"amount"[\s\S]*"percentOfBudget"/),
    );
  });

  it('refuses a limit with more than one basis', () => {
    const contract = mistake((pool) => {
      (stepAt(pool, 3).limits as Raw[])[1] = { amount: '1000000.00', percentOfRevenue: '8' };
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[3].limits[1]', 'limit_basis', /exactly one/));
  });

  it('refuses a member cap with no basis', () => {
    const contract = mistake((pool) => {
      pool.distribution.caps = { acute: [{ applies: 'loss' }] };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].distribution.caps.acute[0]', 'member_cap_basis', /exactly one[\s\S]*"amount"/),
    );
  });

  it('refuses a member cap with both bases', () => {
    const contract = mistake((pool) => {
      pool.distribution.caps = {
        acute: [{ amount: '500000.00' }, { amount: '500000.00', percentOfContractValue: '2' }],
      };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].distribution.caps.acute[1]', 'member_cap_basis', /exactly one[\s\S]*"percentOfContractValue"/),
    );
  });

  it('refuses a member cap in per cent of the contract value of a member that has none', () => {
    const contract = mistake((pool, c) => {
      delete partyAt(c, 2).contractValue;
      pool.distribution.caps = { community: [{ percentOfContractValue: '2' }] };
    });
    expect(issuesOf(contract)).toContainEqual(
      has(
        'pools[0].distribution.caps.community[0].percentOfContractValue',
        'missing_contract_value',
        /'community'[\s\S]*no contract value/,
      ),
    );
  });
});

describe('adjustments', () => {
  const withAdjustment = (adjustment: Raw) =>
    mistake((pool) => {
      pool.steps.push({ id: 'adjust', type: 'adjustment', ...adjustment } as RiskSharePoolInput['steps'][number]);
      pool.order.push('adjust');
    });

  it('accepts an adjustment by a stated sum (so the tests below make one mistake each)', () => {
    expect(issuesOf(withAdjustment({ amount: '-2655.00' }))).toEqual([]);
  });

  it('refuses an adjustment with neither an amount nor an exceptional event', () => {
    expect(issuesOf(withAdjustment({}))).toContainEqual(
      has('pools[0].steps[4]', 'adjustment_kind', /'adjust'[\s\S]*exactly one[\s\S]*"amount"[\s\S]*"exceptional"/),
    );
  });

  it('refuses an adjustment with both an amount and an exceptional event', () => {
    const contract = withAdjustment({
      amount: '1000.00',
      exceptional: { affectedMonths: '4', months: '12', affectedPopulation: '50' },
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[4]', 'adjustment_kind', /exactly one/));
  });

  it('refuses more affected months than the period has', () => {
    const contract = withAdjustment({ exceptional: { affectedMonths: '13', months: '12', affectedPopulation: '50' } });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[4].exceptional.affectedMonths', 'affected_months', /\b13\b[\s\S]*more than[\s\S]*\b12\b/),
    );
  });
});

describe('budgets', () => {
  it('refuses a negative budget (schema)', () => {
    const contract = mistake((pool) => {
      pool.budget = '-1.00';
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].budget', 'negative_value', /budget[\s\S]*negative/));
  });

  it('refuses both a budget and per-member budgets', () => {
    const contract = mistake((pool) => {
      pool.budgets = { acute: '100000000.00', community: '40000000.00' };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].budget', 'budget_kind', /exactly one[\s\S]*"budget"[\s\S]*"budgets"/),
    );
  });

  it('refuses neither a budget nor per-member budgets', () => {
    const contract = mistake((pool) => {
      delete pool.budget;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].budget', 'budget_kind', /exactly one[\s\S]*"budget"[\s\S]*"budgets"/),
    );
  });

  it('accepts per-member budgets in place of the budget (so the tests below make one mistake each)', () => {
    const contract = mistake((pool) => {
      delete pool.budget;
      pool.budgets = { acute: '100000000.00', community: '40000000.00' };
    });
    expect(issuesOf(contract)).toEqual([]);
  });

  it('refuses a per-member budget for a party that is not a member', () => {
    const contract = mistake((pool) => {
      delete pool.budget;
      pool.budgets = { acute: '100000000.00', community: '40000000.00', icb: '1.00' };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].budgets.icb', 'unexpected_party', /'icb'[\s\S]*not a member/),
    );
  });

  it('refuses per-member budgets that leave a member out', () => {
    const contract = mistake((pool) => {
      delete pool.budget;
      pool.budgets = { acute: '100000000.00' };
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].budgets', 'missing_budget', /'community'[\s\S]*no budget/));
  });
});

describe('members and the commissioner', () => {
  it('refuses a member that is not a party, listing the parties', () => {
    const contract = mistake((pool) => {
      pool.members = ['acute', 'community', 'hospice'];
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].members[2]', 'unknown_party', /'hospice'[\s\S]*not a party[\s\S]*icb, acute, community/),
    );
  });

  it('refuses a commissioner that is not a party', () => {
    const contract = mistake((pool) => {
      pool.commissioner = 'nhs-england';
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].commissioner', 'unknown_party', /'nhs-england'[\s\S]*not a party/),
    );
  });

  it('refuses a commissioner that is a provider', () => {
    const contract = mistake((pool) => {
      pool.commissioner = 'acute';
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].commissioner', 'not_a_commissioner', /'acute'[\s\S]*commissioner[\s\S]*provider/),
    );
  });

  it('refuses a member that is a commissioner', () => {
    const contract = mistake((pool) => {
      pool.members = ['icb', 'acute', 'community'];
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].members[0]', 'not_a_provider', /'icb'[\s\S]*provider[\s\S]*commissioner/),
    );
  });
});

describe('steps that declare no side', () => {
  it('refuses a corridor with neither gain nor loss', () => {
    const contract = mistake((pool) => {
      delete stepAt(pool, 0).gain;
      delete stepAt(pool, 0).loss;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[0]', 'no_side', /'corridor'[\s\S]*neither[\s\S]*"gain"[\s\S]*"loss"/),
    );
  });

  it('refuses bands with neither gain nor loss', () => {
    const contract = mistake((pool) => {
      delete stepAt(pool, 1).loss;
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[1]', 'no_side', /'bands'[\s\S]*neither/));
  });

  it('refuses a rate with neither gain nor loss', () => {
    const contract = mistake((pool) => {
      delete stepAt(pool, 2).gain;
      delete stepAt(pool, 2).loss;
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[2]', 'no_side', /'rate'[\s\S]*neither/));
  });
});

describe('a gateway that sets the loss rate', () => {
  it('accepts it ordered before the rate step', () => {
    const contract = mistake((pool) => {
      pool.steps.push(structuredClone(GATEWAY) as unknown as RiskSharePoolInput['steps'][number]);
      pool.order = ['corridor', 'bands', 'quality', 'rate', 'cap'];
    });
    expect(issuesOf(contract)).toEqual([]);
  });

  it('refuses it ordered after the rate step it should change', () => {
    const contract = mistake((pool) => {
      pool.steps.push(structuredClone(GATEWAY) as unknown as RiskSharePoolInput['steps'][number]);
      pool.order = ['corridor', 'bands', 'rate', 'quality', 'cap'];
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].order[3]', 'gateway_after_rate', /'quality'[\s\S]*rate step[\s\S]*after/),
    );
  });

  it('refuses it when no rate step comes after it at all', () => {
    const contract = mistake((pool) => {
      pool.steps = [
        stepAt(pool, 0),
        stepAt(pool, 1),
        stepAt(pool, 3),
        structuredClone(GATEWAY),
      ] as unknown as RiskSharePoolInput['steps'];
      pool.order = ['quality', 'corridor', 'bands', 'cap'];
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].order[0]', 'gateway_after_rate', /'quality'[\s\S]*rate step/),
    );
  });
});

describe('amounts written wrongly', () => {
  it('refuses a budget with more decimal places than GBP has', () => {
    const contract = mistake((pool) => {
      pool.budget = '140000000.001';
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].budget', 'too_many_decimals', /140000000\.001[\s\S]*decimal places[\s\S]*GBP[\s\S]*\b2\b/),
    );
  });

  it('refuses a cap amount with more decimal places than GBP has', () => {
    const contract = mistake((pool) => {
      (stepAt(pool, 3).limits as Raw[])[0] = { amount: '1000.005' };
    });
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[3].limits[0].amount', 'too_many_decimals', /GBP/));
  });

  it('refuses a budget written with a thousands separator', () => {
    const contract = mistake((pool) => {
      pool.budget = '1,000.00';
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].budget', 'invalid_decimal', /plain decimal[\s\S]*thousands separators[\s\S]*"1,000\.00"/),
    );
  });

  it('refuses a limit amount written with a thousands separator', () => {
    const contract = mistake((pool) => {
      (stepAt(pool, 3).limits as Raw[])[0] = { amount: '1,000.00' };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[3].limits[0].amount', 'invalid_decimal', /thousands separators/),
    );
  });

  it('refuses a budget given as a JS number, naming the number and asking for a string', () => {
    const contract = mistake((pool) => {
      raw(pool).budget = 140000000;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].budget', 'invalid_type', /string[\s\S]*the number 140000000[\s\S]*"140000000"/),
    );
  });

  it('refuses a share given as a JS number', () => {
    const contract = mistake((pool) => {
      (pool.distribution.shares as Raw).acute = 60;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].distribution.shares.acute', 'invalid_type', /string[\s\S]*the number 60\b/),
    );
  });

  it('refuses a band boundary given as a JS number', () => {
    const contract = mistake((pool) => {
      ((stepAt(pool, 1).loss as Raw[])[1] as Raw).to = 4;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[1].loss[1].to', 'invalid_type', /string[\s\S]*the number 4\b/),
    );
  });

  it('refuses a corridor rate given as a JS number', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 0).gain = 1;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[0].gain', 'invalid_type', /string[\s\S]*the number 1\b/),
    );
  });
});

describe('an unknown step type', () => {
  it('refuses "corridoor", listing the step types there are', () => {
    const contract = mistake((pool) => {
      stepAt(pool, 0).type = 'corridoor';
    });
    const issues = issuesOf(contract);
    const issue = issues.find((i) => i.path.startsWith('pools[0].steps[0]'));
    expect(issue?.message).toMatch(
      /"corridor", "rate", "bands", "cap", "deduction", "adjustment", "round", "gateway"[\s\S]*"corridoor"/,
    );
    expect(issues).toContainEqual(has('pools[0].steps[0].type', 'invalid_union', /step type must be one of/));
  });
});

describe('several mistakes at once', () => {
  const manyMistakes = () =>
    mistake((pool) => {
      pool.budget = '-1.00';
      ((stepAt(pool, 1).loss as Raw[])[1] as Raw).from = '3';
      (stepAt(pool, 2).loss as Raw).floor = '80';
      (stepAt(pool, 3).limits as Raw[])[0] = {};
      pool.order = ['corridor', 'bands', 'ratee', 'cap', 'rate'];
      pool.distribution.shares = { acute: '60', community: '30' };
      pool.commissioner = 'acute';
    });
  const expected = [
    has('pools[0].budget', 'negative_value', /negative/),
    has('pools[0].steps[1].loss[1].from', 'bands_gap', /gap/),
    has('pools[0].steps[2].loss.floor', 'floor_above_ceiling', /ceiling/),
    has('pools[0].steps[3].limits[0]', 'limit_basis', /exactly one/),
    has('pools[0].order[2]', 'unknown_step', /'ratee'/),
    has('pools[0].distribution.shares', 'shares_not_100', /\b90\b/),
    has('pools[0].commissioner', 'not_a_commissioner', /'acute'/),
  ];

  it('reports every mistake together from validateContract', () => {
    const result = validateContract(manyMistakes());
    expect(result.success).toBe(false);
    expect(result.issues).toEqual(expect.arrayContaining(expected));
  });

  it('throws one ContractError from defineContract with the same issues', () => {
    const input = manyMistakes();
    let thrown: unknown;
    try {
      defineContract(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContractError);
    const issues = (thrown as ContractError).issues;
    expect(issues).toEqual(expect.arrayContaining(expected));
    expect(issues).toEqual(validateContract(input).issues);
  });
});

describe('party ids that are also names of object properties', () => {
  // "constructor" is a valid id, and `'constructor' in {}` is true: shares, budgets and caps must
  // be read by own key, or such a member passes without a share and settle crashes on its cap
  const withConstructor = (shares: Record<string, string>) =>
    mistake((pool, contract) => {
      contract.parties.push({ id: 'constructor', name: 'Builder', role: 'provider', contractValue: '1000000.00' });
      pool.distribution = { basis: 'fixed', shares };
    });

  it('notices a member called "constructor" without a share', () => {
    expect(issuesOf(withConstructor({ acute: '60', community: '40' }))).toContainEqual(
      expect.objectContaining({
        path: 'pools[0].distribution.shares',
        code: 'missing_share',
        message: expect.stringMatching(/'constructor'/),
      }),
    );
  });

  it('accepts a member called "constructor" with a share, and caps declared for another member', () => {
    const contract = withConstructor({ acute: '50', community: '30', constructor: '20' });
    (contract.pools[0] as RiskSharePoolInput).distribution.caps = { acute: [{ amount: '1.00' }] };
    expect(issuesOf(contract)).toEqual([]);
  });
});

describe('deeply nested and misplaced values are reported, never thrown (fuzzing, issue 12)', () => {
  const deep = (depth: number): unknown => {
    let value: unknown = 'rate';
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };

  // Beyond 64 levels the limits (README, "Limits") refuse the value before any check reads it, so
  // the answer is the same whatever the stack depth (the same in a worker thread).
  const TOO_DEEP = 'lists and objects nested more than 64 deep; a contract may nest at most 64 deep (README, "Limits")';

  it('a 10,000-deep list as a step type is one problem at its path', () => {
    const contract = mistake((pool) => Object.assign(stepAt(pool, 2), { type: deep(10_000) }));
    const result = validateContract(contract);
    expect(result.success).toBe(false);
    expect(result.issues).toEqual([
      { path: `pools[0].steps[2].type${'[0]'.repeat(59)}`, code: 'too_deep', message: TOO_DEEP },
    ]);
  });

  it('a 5,000-deep list as a distribution basis, with shares, is one problem at its path', () => {
    const contract = mistake((pool) => Object.assign(raw(pool).distribution as Raw, { basis: deep(5_000) }));
    expect(validateContract(contract).issues).toEqual([
      { path: `pools[0].distribution.basis${'[0]'.repeat(60)}`, code: 'too_deep', message: TOO_DEEP },
    ]);
  });

  it('a 50-deep list as a step type is still shown, cut, in the message about its type', () => {
    const contract = mistake((pool) => Object.assign(stepAt(pool, 2), { type: deep(50) }));
    const issue = validateContract(contract).issues.find((i) => i.path.startsWith('pools[0].steps[2]'));
    expect(issue?.message).toContain('step type must be one of "corridor", "rate", "bands"');
    expect(issue?.message).toContain(`got ${'['.repeat(50)}"rate"${']'.repeat(21)}...`);
  });

  it('shares with no basis at all say "nothing", not "undefined"', () => {
    const contract = mistake((pool) => delete (raw(pool).distribution as Raw).basis);
    const shares = validateContract(contract).issues.find((i) => i.code === 'unexpected_shares');
    expect(shares?.message).toBe('shares are only read with basis "fixed", not nothing');
  });
});

describe('an object keyed by id written as a list (issue 12, item 5)', () => {
  it('fixed shares as a list get the shape expected, not "expected record, received array"', () => {
    const contract = mistake((pool) =>
      Object.assign(raw(pool).distribution as Raw, { shares: [{ acute: '60' }, { community: '40' }] }),
    );
    const issues = validateContract(contract).issues.filter((i) => i.path === 'pools[0].distribution.shares');
    // one mistake, one problem: no "no share" for each member, no "add up to 0 %"
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe(
      'shares must be an object of member id → percentage, such as { "acute": "60", "community": "40" }, got a list ([{"acute":"60"},{"community":"40"}])',
    );
  });
});

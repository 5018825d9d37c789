import { describe, expect, it } from 'vitest';
import { validateContract, type ContractInput, type RiskSharePoolInput } from '../../src/index.js';

/*
 * Mistakes a commissioner makes declaring a risk-share pool. Each is reported with the path of
 * the mistake, a code, and a message saying what is wrong and what is expected; several at once
 * are all reported together.
 */

type Pool = RiskSharePoolInput;

const valid = (): ContractInput => ({
  id: 'ics',
  name: 'System control total',
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
});

/** The valid contract with one change to its risk-share pool. */
const mistake = (change: (pool: Pool, contract: ContractInput) => void): ContractInput => {
  const contract = structuredClone(valid());
  change(contract.pools[0] as Pool, contract);
  return contract;
};
const issuesOf = (contract: ContractInput) => {
  const result = validateContract(contract);
  return result.success ? [] : result.issues;
};
const has = (path: string, code: string, words: RegExp) =>
  expect.objectContaining({ path, code, message: expect.stringMatching(words) });
const step = (pool: Pool, id: string) => pool.steps.find((s) => s.id === id) as Record<string, unknown>;

describe('a risk-share pool', () => {
  it('is valid as declared', () => {
    expect(issuesOf(valid())).toEqual([]);
  });
});

describe('bands', () => {
  const bandsWith = (loss: unknown) => mistake((pool) => void (step(pool, 'bands').loss = loss));
  it('must start at 0', () => {
    expect(
      issuesOf(
        bandsWith([
          { from: '1', to: '2', percent: '100' },
          { from: '2', percent: '50' },
        ]),
      ),
    ).toContainEqual(has('pools[0].steps[1].loss[0].from', 'bands_not_from_zero', /start at 0 %/));
  });
  it('may not leave a gap or overlap', () => {
    const issues = issuesOf(
      bandsWith([
        { from: '0', to: '2', percent: '100' },
        { from: '3', to: '4', percent: '50' },
        { from: '3.5', percent: '20' },
      ]),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        has('pools[0].steps[1].loss[1].from', 'bands_gap', /gap/),
        has('pools[0].steps[1].loss[2].from', 'bands_overlap', /overlap/),
      ]),
    );
  });
  it('leave out "to" only on the last band, and end after they start', () => {
    const issues = issuesOf(
      bandsWith([
        { from: '0', percent: '100' },
        { from: '2', to: '2', percent: '50' },
      ]),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        has('pools[0].steps[1].loss[0].to', 'band_open_not_last', /only the last/),
        has('pools[0].steps[1].loss[1].to', 'band_empty', /at or before it starts/),
      ]),
    );
  });
});

describe('rates', () => {
  it('refuse a floor above the ceiling', () => {
    const contract = mistake((pool) => void ((step(pool, 'rate').loss as Record<string, unknown>).floor = '80'));
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].loss.floor', 'floor_above_ceiling', /80 %.*above.*75 %/),
    );
  });
  it('need a percentage, or 1 − the gain rate with a gain rate to take it from', () => {
    const contract = mistake((pool) => {
      step(pool, 'rate').gain = {};
      pool.steps.push({ id: 'second', type: 'rate', loss: { oneMinusGain: true } });
      pool.order.push('second');
    });
    expect(issuesOf(contract)).toEqual(
      expect.arrayContaining([
        has('pools[0].steps[2].gain', 'rate_missing', /needs "percent"/),
        has('pools[0].steps[4].loss.oneMinusGain', 'one_minus_gain_without_gain', /no gain rate/),
      ]),
    );
  });
  it('take a quality score from one source, an outcome pool that exists', () => {
    const contract = mistake((pool) => {
      step(pool, 'rate').gain = { percent: '50', quality: { pool: 'outcomes' } };
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[2].gain.quality.pool', 'unknown_pool', /not an outcome pool/),
    );
  });
});

describe('distribution', () => {
  it('needs fixed shares that add up to 100 % and cover exactly the members', () => {
    const contract = mistake(
      (pool) => void (pool.distribution = { basis: 'fixed', shares: { acute: '50', icb: '30' } }),
    );
    expect(issuesOf(contract)).toEqual(
      expect.arrayContaining([
        has('pools[0].distribution.shares', 'shares_not_100', /80 %, not 100 %/),
        has('pools[0].distribution.shares', 'missing_share', /'community'/),
        has('pools[0].distribution.shares.icb', 'unexpected_share', /not a member/),
      ]),
    );
  });
  it('needs a basis for each member cap', () => {
    const contract = mistake(
      (pool) =>
        void (pool.distribution = {
          basis: 'equal',
          caps: { acute: [{ amount: '1.00', percentOfContractValue: '5' }] },
        }),
    );
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].distribution.caps.acute[0]', 'member_cap_basis', /exactly one/),
    );
  });
});

describe('the order of steps', () => {
  it('must name steps the pool has, each once, and apply every step declared', () => {
    const contract = mistake((pool) => void (pool.order = ['corridor', 'bands', 'ratee', 'bands']));
    expect(issuesOf(contract)).toEqual(
      expect.arrayContaining([
        has('pools[0].order[2]', 'unknown_step', /'ratee'.*does not declare/),
        has('pools[0].order[3]', 'duplicate_step', /already in the order/),
        has('pools[0].steps[2]', 'step_not_in_order', /'rate'/),
        has('pools[0].steps[3]', 'step_not_in_order', /'cap'/),
      ]),
    );
  });
  it('puts a gateway that sets the loss rate before a rate step', () => {
    const contract = mistake((pool) => {
      pool.steps.push({
        id: 'quality',
        type: 'gateway',
        name: 'Quality',
        measure: 'quality',
        direction: 'higher-is-better',
        threshold: '1',
        onFail: { lossPercent: '75' },
      });
      pool.order.push('quality');
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].order[4]', 'gateway_after_rate', /rate step must come after/),
    );
  });
});

describe('caps, limits and budgets', () => {
  it('refuses a limit in per cent of revenue when the revenue cannot be known', () => {
    const contract = mistake((_pool, c) => {
      delete (c.parties[2] as { contractValue?: string }).contractValue;
    });
    expect(issuesOf(contract)).toContainEqual(
      has('pools[0].steps[3].limits[1].percentOfRevenue', 'revenue_unknown', /needs the pool's "revenue"/),
    );
  });
  it('needs exactly one basis per limit', () => {
    const contract = mistake((pool) => void (step(pool, 'cap').limits = [{ amount: '1.00', percentOfBudget: '2' }]));
    expect(issuesOf(contract)).toContainEqual(has('pools[0].steps[3].limits[0]', 'limit_basis', /exactly one/));
  });
  it('refuses a negative budget, a budget with a thousands separator, and one given as a number', () => {
    expect(issuesOf(mistake((pool) => void (pool.budget = '-1.00')))).toContainEqual(
      has('pools[0].budget', 'negative_value', /must not be negative/),
    );
    expect(issuesOf(mistake((pool) => void (pool.budget = '140,000,000.00')))).toContainEqual(
      has('pools[0].budget', 'invalid_decimal', /no thousands separators/),
    );
    expect(issuesOf(mistake((pool) => void (pool.budget = 140000000 as unknown as string)))).toContainEqual(
      expect.objectContaining({ path: 'pools[0].budget', message: expect.stringContaining('the number 140000000') }),
    );
  });
  it('needs one budget or budgets per member, not both', () => {
    const contract = mistake((pool) => void (pool.budgets = { acute: '100000000.00' }));
    expect(issuesOf(contract)).toEqual(
      expect.arrayContaining([
        has('pools[0].budget', 'budget_kind', /exactly one of "budget".*"budgets"/),
        has('pools[0].budgets', 'missing_budget', /'community'/),
      ]),
    );
  });
  it('needs a commissioner on the other side and providers as members', () => {
    const contract = mistake((pool) => {
      pool.commissioner = 'acute';
      pool.members = ['icb', 'nobody'];
    });
    expect(issuesOf(contract)).toEqual(
      expect.arrayContaining([
        has('pools[0].commissioner', 'not_a_commissioner', /must be a commissioner/),
        has('pools[0].members[0]', 'not_a_provider', /must be a provider/),
        has('pools[0].members[1]', 'unknown_party', /not a party/),
      ]),
    );
  });
  it('names the step types it knows for an unknown one', () => {
    const contract = mistake((pool) => void ((pool.steps[0] as Record<string, unknown>).type = 'corridoor'));
    expect(issuesOf(contract)).toContainEqual(
      expect.objectContaining({
        path: 'pools[0].steps[0].type',
        message: expect.stringMatching(/"corridor", "rate", "bands"/),
      }),
    );
  });
  it('refuses an adjustment that is neither a sum nor an event, and an event longer than the period', () => {
    const contract = mistake((pool) => {
      pool.steps.push(
        { id: 'nothing', type: 'adjustment' },
        {
          id: 'event',
          type: 'adjustment',
          exceptional: { affectedMonths: '13', months: '12', affectedPopulation: '50' },
        },
      );
      pool.order.push('nothing', 'event');
    });
    expect(issuesOf(contract)).toEqual(
      expect.arrayContaining([
        has('pools[0].steps[4]', 'adjustment_kind', /exactly one of "amount" or "exceptional"/),
        has('pools[0].steps[5].exceptional.affectedMonths', 'affected_months', /more than the 12 months/),
      ]),
    );
  });
});

describe('party ids that are also names of object properties', () => {
  // "constructor" is a valid id; `'constructor' in {}` is true, so own keys must be checked
  const withConstructor = (shares: Record<string, string>) =>
    mistake((pool, c) => {
      c.parties.push({ id: 'constructor', name: 'Builder', role: 'provider', contractValue: '1000000.00' });
      pool.distribution = { basis: 'fixed', shares };
    });
  it('notices a member called "constructor" without a share', () => {
    expect(issuesOf(withConstructor({ acute: '60', community: '40' }))).toContainEqual(
      has('pools[0].distribution.shares', 'missing_share', /'constructor'/),
    );
  });
  it('settles a member called "constructor" with a share and no cap', () => {
    const contract = withConstructor({ acute: '50', community: '30', constructor: '20' });
    (contract.pools[0] as Pool).distribution.caps = { acute: [{ amount: '1.00' }] };
    expect(issuesOf(contract)).toEqual([]);
  });
});

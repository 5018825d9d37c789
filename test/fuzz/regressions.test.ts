import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  ContractError,
  diffSettlements,
  explain,
  MeasurementError,
  restate,
  settle,
  splitIntoInstalments,
  validateContract,
  type MeasurementInput,
  type Settlement,
} from '../../src/index.js';

// Each class of failure the fuzz harness found (test/fuzz, issue 12 item 9), with its minimal
// input and the exact answer now given. Each failed on the code before its fix.
const read = (example: string, file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${example}/${file}`, import.meta.url), 'utf8'));
const ALLIANCE = 'project-alliance-target-cost';
const settlement = () => read(ALLIANCE, 'expected/settlement-completion.json') as Settlement;
const contract = () => read(ALLIANCE, 'contract.json') as { parties: Record<string, unknown>[] };
const measurements = () => read(ALLIANCE, 'measurements.json') as MeasurementInput[];

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractError || error instanceof MeasurementError)
      return error.issues.map(({ path, code, message }) => ({ path, code, message }));
    throw error;
  }
  throw new Error('no error');
};
const LIMITS = '(README, "Limits")';
const cut = (char: string) => `"${char.repeat(76)}...`;

describe('fuzz: a malformed settlement passed back is refused without freezing the caller’s objects', () => {
  // zod's .readonly() froze the value it was given when that value failed the settlement's schema
  it('explain of a list leaves the list unfrozen', () => {
    const given = [null];
    expect(issuesOf(() => explain(given as never, 'x'))).toEqual([
      {
        path: 'settlement',
        code: 'invalid_settlement',
        message: 'settlement must be a settlement as settle returned it, got [null]',
      },
    ]);
    expect(Object.isFrozen(given)).toBe(false);
  });

  it('diffSettlements of a trace input that is a list leaves that list unfrozen', () => {
    const before = settlement();
    const node = Object.values(before.trace)[0]!;
    const wrong: unknown[] = [];
    const after = { ...before, trace: { ...before.trace, [node.id]: { ...node, inputs: [wrong] } } } as never;
    expect(issuesOf(() => diffSettlements(before, after))).toEqual([
      {
        path: 'after',
        code: 'invalid_settlement',
        message:
          'after must be a settlement as settle returned it, but its trace is missing or not as settle writes it',
      },
    ]);
    expect(Object.isFrozen(wrong)).toBe(false);
  });

  it('restate of a settlement whose party is a list leaves that list unfrozen', () => {
    const wrong: unknown[] = [];
    const previous = { ...settlement(), parties: [wrong] } as never;
    expect(issuesOf(() => restate(previous, contract() as never, measurements()))).toEqual([
      {
        path: 'previous',
        code: 'invalid_settlement',
        message:
          'previous must be a settlement as settle returned it, but its parties is missing or not as settle writes it',
      },
    ]);
    expect(Object.isFrozen(wrong)).toBe(false);
  });

  it('settle with a broughtForward that is a list leaves the list unfrozen', () => {
    const given = [null];
    const hackney = read('one-hackney-alliance', 'contract.json');
    const hackneyMeasured = read('one-hackney-alliance', 'measurements.json') as MeasurementInput[];
    expect(() =>
      settle(hackney as never, hackneyMeasured, { period: '2027-28', broughtForward: given as never }),
    ).toThrow(ContractError);
    expect(Object.isFrozen(given)).toBe(false);
  });
});

describe('fuzz: a message never echoes a huge value whole', () => {
  // a megabyte role gave not_a_commissioner's message of 1,000,049 characters; a 10,000-character
  // id gave missing_baseline, not_a_provider, step_not_in_order, unknown_cap and unexpected_share of 5-10 KB
  it('refuses a megabyte role once, cut to 80 characters, and checks nothing that would echo it', () => {
    const c = contract();
    c.parties[0]!.role = 'x'.repeat(1_000_000);
    expect(validateContract(c).issues).toEqual([
      {
        path: 'parties[0].role',
        code: 'too_long',
        message: `a text of 1,000,000 characters, ${cut('x')}; a contract may hold texts of at most 1,000 characters ${LIMITS}`,
      },
    ]);
  });

  it('refuses a 10,000-character party id once', () => {
    const c = contract();
    c.parties[1]!.id = 'p'.repeat(10_000);
    expect(validateContract(c).issues).toEqual([
      {
        path: 'parties[1].id',
        code: 'too_long',
        message: `a text of 10,000 characters, ${cut('p')}; a contract may hold texts of at most 1,000 characters ${LIMITS}`,
      },
    ]);
  });

  it('cuts a 5,000-character weight id in the path of the problem (it was 5,008 characters long)', () => {
    const issues = issuesOf(() => allocate({ amount: '1.00', currency: 'GBP' }, { ['k'.repeat(5000)]: '1' }));
    expect(issues.map((i) => [i.path, i.code])).toEqual([[`weights.${'k'.repeat(40)}...`, 'too_long']]);
  });
});

describe('fuzz: a message lists at most ten of the contract’s own names', () => {
  // 3,000 steps gave unknown_step a message of 60,787 characters; 1,000 caps gave unknown_cap
  // 14,975; 1,000 metrics gave unknown_metric 6,058
  it('an order naming an unknown step among 3,005 lists ten steps and how many more', () => {
    const c = read('shared-savings-aco', 'contract.json') as {
      pools: { steps: Record<string, unknown>[]; order: string[] }[];
    };
    const pool = c.pools[0]!;
    const extra = Array.from({ length: 3000 }, (_, i) => ({ ...pool.steps[4]!, id: `rounding-${i}` }));
    pool.steps.push(...extra);
    pool.order.push(...extra.map((step) => step.id), 'rounding');
    expect(validateContract(c).issues).toEqual([
      {
        path: 'pools[0].order[3005]',
        code: 'unknown_step',
        message:
          "the order names step 'rounding', which pool 'shared-savings' does not declare (steps: minimum-savings-rate, sharing-rate, withhold, performance-cap, whole-dollars, rounding-0, rounding-1, rounding-2, rounding-3, rounding-4 and 2995 more)",
      },
    ]);
  });

  it('an unknown measure among 24 lists ten of them, suggests the nearest and gives no follow-on problem', () => {
    const c = read('one-hackney-alliance', 'contract.json') as { pools: { metrics: Record<string, unknown>[] }[] };
    const metrics = c.pools[0]!.metrics;
    const last = metrics.pop()!;
    for (let i = 0; i < 20; i++) metrics.push({ ...last, id: `shared-care-plans-${i}`, weight: '1' });
    const given = read('one-hackney-alliance', 'measurements.json') as MeasurementInput[];
    given[0] = { ...given[0]!, metric: 'emergency-admissions-57' };
    // the ratio of an unknown metric also gave missing_per ("declares no per"), a follow-on of the same mistake
    expect(issuesOf(() => settle(c as never, given, { period: '2026-27' }))[0]).toEqual({
      path: 'measurements[0].metric',
      code: 'unknown_metric',
      message:
        "'emergency-admissions-57' is not a metric or other measure of contract 'one-hackney-frailty-eol': did you mean 'emergency-admissions-75'? (its measures: data-returns-complete, death-usual-residence, delayed-transfers, emergency-admissions-75, shared-care-plans-0, shared-care-plans-1, shared-care-plans-10, shared-care-plans-11, shared-care-plans-12, shared-care-plans-13 and 14 more)",
    });
    expect(issuesOf(() => settle(c as never, given, { period: '2026-27' })).map((i) => i.code)).not.toContain(
      'missing_per',
    );
  });

  it('a bare sharing rate of 900 characters is not echoed into a suggestion (2,199 characters before)', () => {
    const c = read('shared-savings-aco', 'contract.json') as { pools: { steps: Record<string, unknown>[] }[] };
    c.pools[0]!.steps[1]!.gain = 'x'.repeat(900);
    expect(validateContract(c).issues).toEqual([
      {
        path: 'pools[0].steps[1].gain',
        code: 'invalid_type',
        message: `a sharing rate is an object, such as { "percent": "50" } or { "fraction": "0.5" }, got ${cut('x')}`,
      },
    ]);
  });
});

describe('fuzz: an optional field given as undefined is absent from the contract', () => {
  // validateContract kept `kind: undefined`, so the contract differed from its own JSON
  it('a party kind of undefined is dropped, and the caller’s party keeps its key', () => {
    const c = read('shared-savings-aco', 'contract.json') as { parties: Record<string, unknown>[] };
    c.parties[0]!.kind = undefined;
    const result = validateContract(c);
    expect(result.success).toBe(true);
    expect(Object.keys(result.contract!.parties[0]!)).toEqual(['id', 'name', 'role']);
    expect(Object.keys(c.parties[0]!)).toEqual(['id', 'name', 'role', 'kind']);
  });
});

describe('fuzz: a deep value gives one problem, never reaching the stack', () => {
  it('refuses a step type 10,000 lists deep at the 64th level', () => {
    const c = read('shared-savings-aco', 'contract.json') as { pools: { kind: string; steps: { type: unknown }[] }[] };
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    c.pools.find((p) => p.kind === 'risk-share')!.steps[0]!.type = deep;
    expect(validateContract(c).issues).toEqual([
      {
        path: `pools[0].steps[0].type${'[0]'.repeat(59)}`,
        code: 'too_deep',
        message: `lists and objects nested more than 64 deep; a contract may nest at most 64 deep ${LIMITS}`,
      },
    ]);
  });
});

describe('fuzz: no call takes more than a second', () => {
  it('refuses 2,000 parties at once (settling them took 1.3 s)', () => {
    const c = contract();
    c.parties = Array.from({ length: 2000 }, (_, i) => ({ ...c.parties[1]!, id: `p${i}` }));
    const started = performance.now();
    expect(validateContract(c).issues.map((i) => i.code)).toEqual(['too_many']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('splits 1900 to 2999 into 13,200 monthly instalments well within a second once warm', () => {
    const args = [
      { amount: '1.593', currency: 'KWD' },
      { start: '1900-01-01', end: '2999-12-31' },
    ] as const;
    splitIntoInstalments(...args, { frequency: 'month', dayCount: 'twelfths' });
    const started = process.cpuUsage();
    const parts = splitIntoInstalments(...args, { frequency: 'month', dayCount: 'twelfths' });
    const used = process.cpuUsage(started);
    expect(parts).toHaveLength(13_200);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});

describe('fuzz: explain never shows what JavaScript writes for a broken number', () => {
  // a settlement passed back with a traced input of "NaN" was explained as "home-first home-180 = NaN"
  it('refuses a settlement whose trace holds "NaN", and one holding "-0"', () => {
    for (const broken of ['NaN', '-0']) {
      const given = read('outcomes-rate-card', 'expected/settlement-2026-27.json') as Settlement;
      const node = given.trace['party:home-first:rate-card:shared']!;
      (node.inputs[0] as { value: string }).value = broken;
      expect(issuesOf(() => explain(given, node.id))).toEqual([
        {
          path: 'settlement',
          code: 'invalid_settlement',
          message:
            'settlement must be a settlement as settle returned it, but its trace is missing or not as settle writes it',
        },
      ]);
    }
  });
});

describe('fuzz: negative zero never reaches a figure', () => {
  // validateContract returned a scoring min of "-0" as given, and rounding places of -0 (JSON.parse("-0") is -0)
  it('a contract figure of "-0" and decimal places of -0 are refused, each once', () => {
    const c = read('one-hackney-alliance', 'contract.json') as {
      pools: { metrics: { scoring: Record<string, unknown> }[] }[];
    };
    c.pools[0]!.metrics[2]!.scoring.min = '-0';
    expect(validateContract(c).issues).toEqual([
      {
        path: 'pools[0].metrics[2].scoring.min',
        code: 'negative_value',
        message: 'improvement min (per cent) must be written without a minus sign when it is zero, got "-0"',
      },
    ]);
    const p = read('care-homes-vanguard', 'contract.json') as { pools: Record<string, unknown>[] };
    p.pools[0]!.rounding = { points: -0 };
    expect(validateContract(p).issues).toEqual([
      {
        path: 'pools[0].rounding.points',
        code: 'negative_value',
        message: 'rounding.points must be written without a minus sign when it is zero, got -0',
      },
    ]);
  });

  it('a measured value of "-0.00" is refused, not echoed into the trace with its sign', () => {
    const given = read('shared-savings-aco', 'measurements.json') as MeasurementInput[];
    given[0] = { ...given[0]!, value: '-0.00' };
    let message = '';
    try {
      settle(read('shared-savings-aco', 'contract.json') as never, given, { period: '2026' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'measurements[0].value: measured value must be written without a minus sign when it is zero, got "-0.00" [negative_value]',
    );
  });
});

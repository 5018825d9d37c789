import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resealed } from '../fixtures/resealed.js';
import {
  allocate,
  ContractError,
  diffSettlements,
  explain,
  MeasurementError,
  proRata,
  restate,
  settle,
  splitIntoInstalments,
  validateContract,
  type MeasurementInput,
  type Settlement,
} from '../../src/index.js';

// README, "Limits": depth, text length and entry counts are checked once, at each entry point,
// before anything else reads the value, and each gives one problem in the library's words.
const example = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/care-homes-vanguard/${file}`, import.meta.url), 'utf8'));
const contract = () =>
  example('contract.json') as { parties: Record<string, unknown>[]; pools: Record<string, unknown>[] };
const measurements = () => example('measurements.json') as MeasurementInput[];
const settlement = () => example('expected/settlement-2026-27.json') as Settlement;
const PERIOD = { period: '2026-27' };

/** `x` inside `depth` lists. */
const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const zeros = (n: number) => '[0]'.repeat(n);

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractError || error instanceof MeasurementError)
      return { name: error.name, issues: error.issues.map(({ path, code, message }) => ({ path, code, message })) };
    throw error;
  }
  throw new Error('no error');
};

const DEEP = (what: string) =>
  `lists and objects nested more than 64 deep; ${what} may nest at most 64 deep (README, "Limits")`;

describe('a contract beyond the limits', () => {
  it('is refused when nested more than 64 deep, with the path where it goes too deep', () => {
    const c = contract();
    c.pools[0]!.kind = nested(10_000);
    expect(validateContract(c)).toEqual({
      success: false,
      issues: [{ path: `pools[0].kind${zeros(61)}`, code: 'too_deep', message: DEEP('a contract') }],
      warnings: [],
    });
  });

  it('accepts nesting of 64 and refuses 65 as the place where it is too deep', () => {
    const c = contract();
    c.parties[0]!.name = nested(61); // 3 levels above it: the contract, parties, the party
    expect(validateContract(c).issues.map((i) => i.code)).not.toContain('too_deep');
    c.parties[0]!.name = nested(62);
    expect(validateContract(c).issues).toEqual([
      { path: `parties[0].name${zeros(61)}`, code: 'too_deep', message: DEEP('a contract') },
    ]);
  });

  it('cuts a megabyte id to 80 characters in the one message about it, instead of echoing it whole', () => {
    const c = contract();
    c.parties[0]!.id = 'x'.repeat(1_000_000);
    const result = validateContract(c);
    expect(result.issues).toEqual([
      {
        path: 'parties[0].id',
        code: 'too_long',
        message: `a text of 1,000,000 characters, "${'x'.repeat(76)}...; a contract may hold texts of at most 1,000 characters (README, "Limits")`,
      },
    ]);
  });

  it('refuses a key over 1,000 characters, cutting it in the path', () => {
    const c = contract();
    c.parties[0]![`n${'a'.repeat(1000)}`] = 'x';
    expect(validateContract(c).issues).toEqual([
      {
        path: `parties[0].n${'a'.repeat(39)}...`,
        code: 'too_long',
        message: `a key of 1,001 characters, "n${'a'.repeat(75)}...; a contract may hold keys of at most 1,000 characters (README, "Limits")`,
      },
    ]);
  });

  it('refuses more than 1,000 parties, and a list of more than 10,000 entries anywhere', () => {
    const c = contract();
    c.parties = Array.from({ length: 1001 }, (_, i) => ({ ...c.parties[0]!, id: `p${i}` }));
    expect(validateContract(c).issues).toEqual([
      {
        path: 'parties',
        code: 'too_many',
        message: '1,001 parties; a contract may have at most 1,000 parties (README, "Limits")',
      },
    ]);
    const d = contract();
    d.pools[0]!.clause = Array.from({ length: 10_001 }, () => 'x');
    expect(validateContract(d).issues).toEqual([
      {
        path: 'pools[0].clause',
        code: 'too_many',
        message: 'a list of 10,001 entries; a list or object in a contract may hold at most 10,000 (README, "Limits")',
      },
    ]);
  });

  it('refuses a value of more than 1,000,000 parts in all, however it is spread', () => {
    const c = contract();
    const thousand = Array.from({ length: 1000 }, () => 'x');
    c.pools[0]!.clause = Array.from({ length: 1000 }, () => thousand);
    expect(validateContract(c).issues).toEqual([
      {
        path: '',
        code: 'too_many',
        message:
          'more than 1,000,000 lists, objects and texts in all; a contract may hold at most 1,000,000 (README, "Limits")',
      },
    ]);
  });
});

describe('settle beyond the limits', () => {
  it('refuses measurements nested too deep as a MeasurementError at their path', () => {
    expect(
      issuesOf(() => settle(contract() as never, [...measurements(), { metric: nested(100) } as never], PERIOD)),
    ).toEqual({
      name: 'MeasurementError',
      issues: [{ path: `measurements[8].metric${zeros(62)}`, code: 'too_deep', message: DEEP('the measurements') }],
    });
  });

  it('allows 100,000 measurements before refusing the list', () => {
    const one = measurements()[0]!;
    const many = Array.from({ length: 100_001 }, () => one);
    expect(issuesOf(() => settle(contract() as never, many, PERIOD)).issues).toEqual([
      {
        path: 'measurements',
        code: 'too_many',
        message:
          'a list of 100,001 entries; a list or object in the measurements may hold at most 100,000 (README, "Limits")',
      },
    ]);
  });

  it('refuses an option of a megabyte instead of echoing it', () => {
    expect(
      issuesOf(() => settle(contract() as never, measurements(), { period: 'x'.repeat(1_000_000) })).issues,
    ).toEqual([
      {
        path: 'options.period',
        code: 'too_long',
        message: `a text of 1,000,000 characters, "${'x'.repeat(76)}...; a contract may hold texts of at most 1,000 characters (README, "Limits")`,
      },
    ]);
  });
});

describe('a settlement passed back beyond the limits', () => {
  const deepTrace = () => ({ ...settlement(), trace: nested(70) }) as unknown as Settlement;
  it('is refused by explain, diffSettlements, restate and broughtForward at its own path', () => {
    expect(issuesOf(() => explain(deepTrace(), 'x')).issues).toEqual([
      { path: `settlement.trace${zeros(63)}`, code: 'too_deep', message: DEEP('a settlement') },
    ]);
    expect(issuesOf(() => diffSettlements(settlement(), deepTrace())).issues).toEqual([
      { path: `after.trace${zeros(63)}`, code: 'too_deep', message: DEEP('a settlement') },
    ]);
    expect(issuesOf(() => restate(deepTrace(), contract() as never, measurements())).issues).toEqual([
      { path: `previous.trace${zeros(63)}`, code: 'too_deep', message: DEEP('a settlement') },
    ]);
    expect(
      issuesOf(() => settle(contract() as never, measurements(), { ...PERIOD, broughtForward: deepTrace() })).issues[0]!
        .code,
    ).toBe('too_deep');
  });

  it('may hold texts far longer than a contract may: a formula lists every party', () => {
    const s = settlement();
    const node = Object.values(s.trace)[0]!;
    const long = resealed({ ...s, trace: { ...s.trace, [node.id]: { ...node, formula: 'x'.repeat(100_000) } } });
    expect(() => explain(long, node.id)).not.toThrow();
  });
});

describe('the helpers beyond the limits', () => {
  it('refuse a weight keyed by a 5,000-character id, with the key cut in the path', () => {
    expect(issuesOf(() => allocate({ amount: '1.00', currency: 'GBP' }, { ['k'.repeat(5000)]: '1' })).issues).toEqual([
      {
        path: `weights.${'k'.repeat(40)}...`,
        code: 'too_long',
        message: `a key of 5,000 characters, "${'k'.repeat(76)}...; the arguments may hold keys of at most 1,000 characters (README, "Limits")`,
      },
    ]);
  });

  it('refuse more than 10,000 weights', () => {
    const weights = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`p${i}`, '1']));
    expect(issuesOf(() => allocate({ amount: '1.00', currency: 'GBP' }, weights)).issues).toEqual([
      {
        path: 'weights',
        code: 'too_many',
        message:
          'an object of 10,001 keys; a list or object in the arguments may hold at most 10,000 (README, "Limits")',
      },
    ]);
  });

  it('refuse a date nested 10,000 deep', () => {
    const year = { start: '2026-04-01', end: '2027-03-31' };
    expect(issuesOf(() => proRata({ start: '2026-04-01', end: nested(10_000) as string }, year)).issues).toEqual([
      { path: `part.end${zeros(62)}`, code: 'too_deep', message: DEEP('the arguments') },
    ]);
    expect(
      issuesOf(() =>
        splitIntoInstalments({ amount: '1.00', currency: nested(70) as 'GBP' }, year, { frequency: 'month' }),
      ).issues[0]!.path,
    ).toBe(`total.currency${zeros(62)}`);
  });
});

describe('the answer for a deep value', () => {
  it('is the same whatever the stack size: the limits are checked without recursion', () => {
    // a tenth of the default stack (984 KB), in a child process, against this one's answer
    const script = `
      import { validateContract } from './src/index.ts';
      let deep = 'x'; for (let i = 0; i < 100000; i++) deep = [deep];
      process.stdout.write(JSON.stringify(validateContract({ id: 'c', parties: deep }).issues));`;
    const run = (stack: string[]) =>
      spawnSync(process.execPath, [...stack, '--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: new URL('../..', import.meta.url),
        encoding: 'utf8',
      });
    const small = run(['--stack-size=100']);
    const usual = run([]);
    expect(small.stderr).toBe('');
    expect(small.stdout).toBe(usual.stdout);
    expect(JSON.parse(small.stdout)).toEqual([
      { path: `parties${zeros(63)}`, code: 'too_deep', message: DEEP('a contract') },
    ]);
  });
});

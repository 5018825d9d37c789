import { describe, expect, it } from 'vitest';
import {
  AllianceInputError,
  allocate,
  defineContract,
  settle,
  validateContract,
  type ContractInput,
  type MeasurementInput,
  type SettleOptions,
  type OutcomePoolInput,
} from '../../src/index.js';
import { baseContract, baseMeasurements, deepFreeze, mistake, PERIOD } from './fixtures.js';

/**
 * No input ever yields NaN, Infinity or a thrown non-library error; and the caller's objects are
 * never changed. Garbage goes in everywhere, at the top and at every place inside a contract or
 * a measurement, and every throw must be an AllianceInputError.
 */

type Path = readonly (string | number)[];

/** Values no contract or measurement file should hold, each made fresh. */
const GARBAGE: readonly (readonly [string, () => unknown])[] = [
  ['null', () => null],
  ['undefined', () => undefined],
  ['42', () => 42],
  ['-1', () => -1],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['"x"', () => 'x'],
  ['""', () => ''],
  ['"NaN"', () => 'NaN'],
  ['"Infinity"', () => 'Infinity'],
  ['"-0"', () => '-0'],
  ['true', () => true],
  ['[]', () => []],
  ['{}', () => ({})],
  ['[null]', () => [null]],
  ['deeply wrong', () => [[[{ id: [], pools: { 0: {} } }]]]],
  ['a symbol', () => Symbol('s')],
  ['a function', () => () => 1],
  ['a Date', () => new Date(0)],
  ['a Map', () => new Map([['a', '1']])],
  ['an object without prototype', () => Object.create(null) as object],
  [
    'an object with __proto__ and constructor keys',
    () => JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}') as unknown,
  ],
];

/** Every place inside a value: object keys and array indices, depth first. */
function pathsIn(value: unknown, at: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...at, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsIn(child, path)];
  });
}

/** Puts `value` at `path` inside `root` (or deletes what is there, for `deleteIt`). */
function put(root: unknown, path: Path, value: unknown, deleteIt = false): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (deleteIt) delete node[last];
  else node[last] = value;
}

/**
 * Fails if `value` holds a number that is NaN or infinite, or a string saying NaN or Infinity
 * (other than where it only repeats `echoed`, a string the caller put in as an id or a name).
 */
function expectFinite(what: string, value: unknown, echoed?: string): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${what}: ${value}`).toBe(true);
  else if (typeof value === 'string') {
    const text = echoed === undefined ? value : value.replaceAll(echoed, '');
    expect(text, what).not.toMatch(/NaN|Infinity/);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) expectFinite(`${what}.${key}`, child, echoed);
  }
}

/** Runs `run`; a throw must be an AllianceInputError with issues; a result must hold no NaN or Infinity. */
function mustFailCleanly(what: string, run: () => unknown, echoed?: string): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    expect(error, `${what} threw ${String(error)}`).toBeInstanceOf(AllianceInputError);
    const issues = (error as AllianceInputError).issues;
    expect(issues.length, what).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(typeof issue.path, what).toBe('string');
      expect(issue.code, what).toMatch(/^[a-z0-9_]+$/);
      expect(issue.message, what).not.toBe('');
    }
    return;
  }
  expectFinite(what, result, echoed);
}

const validOptions: SettleOptions = { period: PERIOD };

describe('no input ever yields NaN, Infinity or a thrown non-library error', () => {
  it.each(GARBAGE)('defineContract, validateContract and settle given %s as the contract', (_, make) => {
    mustFailCleanly('defineContract', () => defineContract(make()));
    expect(validateContract(make()).success).toBe(false);
    mustFailCleanly('settle', () => settle(make() as ContractInput, baseMeasurements(), validOptions));
  });

  it.each(GARBAGE)(
    'settle given %s as the measurements, as one measurement, as options and as the period',
    (_, make) => {
      const contract = defineContract(baseContract());
      mustFailCleanly('measurements', () => settle(contract, make() as MeasurementInput[], validOptions));
      mustFailCleanly('a measurement', () => settle(contract, [make()] as MeasurementInput[], validOptions));
      mustFailCleanly('options', () => settle(contract, baseMeasurements(), make() as SettleOptions));
      mustFailCleanly('period', () => settle(contract, baseMeasurements(), { period: make() } as SettleOptions));
    },
  );

  it.each(GARBAGE)('allocate given %s as the amount, the currency, the weights and a weight', (_, make) => {
    mustFailCleanly('amount', () => allocate({ amount: make() as string, currency: 'GBP' }, { a: '1' }));
    mustFailCleanly('currency', () => allocate({ amount: '1.00', currency: make() as string }, { a: '1' }));
    mustFailCleanly('weights', () => allocate({ amount: '1.00', currency: 'GBP' }, make() as Record<string, string>));
    mustFailCleanly('weight', () => allocate({ amount: '1.00', currency: 'GBP' }, { a: make() as string }));
  });

  it('validateContract and settle given garbage at every place inside a contract, or that place deleted', () => {
    const places = pathsIn(baseContract());
    expect(places.length).toBeGreaterThan(50);
    for (const path of places) {
      for (const [name, make] of [...GARBAGE, ['deleted', () => undefined] as const]) {
        const contract = baseContract();
        const value = make();
        put(contract, path, value, name === 'deleted');
        const what = `contract.${path.join('.')} = ${name}`;
        let result: ReturnType<typeof validateContract> | undefined;
        expect(() => (result = validateContract(contract)), what).not.toThrow();
        const echoed = typeof value === 'string' && value !== '' ? value : undefined;
        mustFailCleanly(what, () => settle(result?.contract ?? contract, baseMeasurements(), validOptions), echoed);
      }
    }
  });

  it('settle given garbage at every place inside the measurements, or that place deleted', () => {
    const contract = defineContract(baseContract());
    for (const path of pathsIn(baseMeasurements())) {
      for (const [name, make] of [...GARBAGE, ['deleted', () => undefined] as const]) {
        const measurements = baseMeasurements();
        put(measurements, path, make(), name === 'deleted');
        mustFailCleanly(`measurements.${path.join('.')} = ${name}`, () => settle(contract, measurements, validOptions));
      }
    }
  });

  it('NaN and Infinity as amounts are refused with a message asking for a decimal string', () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      const contract = mistake((c) => {
        (c.parties[1] as Record<string, unknown>).contractValue = value;
      });
      const result = validateContract(contract);
      expect(result.success).toBe(false);
      expect(result.issues[0]).toMatchObject({
        path: 'parties[1].contractValue',
        code: 'invalid_type',
        message: expect.stringContaining(`contract value must be a string, got the number ${String(value)}`),
      });
    }
  });

  it('keys like __proto__ and constructor neither pollute Object.prototype nor pass as ids', () => {
    const contract = mistake((c) => {
      (c.pools[0] as OutcomePoolInput).distribution = {
        basis: 'fixed',
        shares: JSON.parse(
          '{"acute":"60","community":"40","__proto__":{"polluted":"yes"},"constructor":"0"}',
        ) as Record<string, string>,
      };
    });
    const issues = validateContract(contract).issues;
    expect(issues).toContainEqual(
      expect.objectContaining({ path: 'pools[0].distribution.shares.constructor', code: 'unknown_party' }),
    );
    expect(validateContract(mistake((c) => (c.parties[2]!.id = '__proto__'))).issues).toContainEqual(
      expect.objectContaining({ path: 'parties[2].id', code: 'invalid_format' }),
    );
    mustFailCleanly('allocate', () =>
      allocate(
        { amount: '1.00', currency: '__proto__' },
        JSON.parse('{"__proto__":"1","constructor":"1"}') as Record<string, string>,
      ),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe("the caller's objects are never mutated", () => {
  it('defineContract, validateContract and settle leave a deep-frozen contract and measurements as they were', () => {
    const contract = baseContract();
    const measurements = baseMeasurements();
    const before = structuredClone({ contract, measurements });
    deepFreeze(contract);
    deepFreeze(measurements);
    const defined = defineContract(contract);
    expect(validateContract(contract).success).toBe(true);
    const fromData = settle(contract, measurements, validOptions);
    const fromDefined = settle(defined, measurements, validOptions);
    expect(fromDefined).toEqual(fromData);
    expect({ contract, measurements }).toEqual(before);
  });

  it('the same with mistakes: the errors are library errors, not writes to frozen objects', () => {
    const contract = deepFreeze(
      mistake((c) => {
        (c.pools[0] as OutcomePoolInput).metrics[1]!.weight = '30';
        c.periods[0]!.end = '2027-02-30';
      }),
    );
    const measurements = baseMeasurements();
    measurements[1]!.exclusions = '500';
    deepFreeze(measurements);
    const before = structuredClone({ contract, measurements });
    mustFailCleanly('defineContract', () => defineContract(contract));
    expect(validateContract(contract).success).toBe(false);
    mustFailCleanly('settle', () => settle(contract, measurements, validOptions));
    mustFailCleanly('settle', () => settle(defineContract(baseContract()), measurements, validOptions));
    expect({ contract, measurements }).toEqual(before);
  });

  it("does not freeze the caller's objects either: the returned contract is a frozen copy", () => {
    const contract = mistake((c) => {
      (c.pools[0] as OutcomePoolInput).distribution = { basis: 'fixed', shares: { acute: '60', community: '40' } };
    });
    const measurements = baseMeasurements();
    const defined = defineContract(contract);
    settle(contract, measurements, validOptions);
    expect(defined).not.toBe(contract);
    expect(Object.isFrozen(defined)).toBe(true);
    for (const value of [
      contract,
      contract.pools[0]!,
      (contract.pools[0] as OutcomePoolInput).distribution!.shares!,
      contract.periods,
      measurements,
      measurements[0]!,
    ]) {
      expect(Object.isFrozen(value)).toBe(false);
    }
  });

  it('allocate leaves deep-frozen arguments as they were', () => {
    const total = deepFreeze({ amount: '100.00', currency: 'GBP' });
    const weights = deepFreeze({ a: '1', b: '2' });
    const before = structuredClone({ total, weights });
    expect(allocate(total, weights).parts.map((p) => p.amount)).toEqual(['33.33', '66.67']);
    expect({ total, weights }).toEqual(before);
  });
});

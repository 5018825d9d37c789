import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AllianceInputError,
  settle,
  validateContract,
  type ContractInput,
  type MeasurementInput,
} from '../../src/index.js';

/*
 * Garbage at every place inside the risk-share and pooled-budget examples (or that place deleted,
 * or a number or string put where the other is meant): validateContract never throws, and settle
 * either gives a settlement with no NaN or Infinity or throws an AllianceInputError with issues.
 */

type Path = readonly (string | number)[];
const GARBAGE: readonly (readonly [string, () => unknown])[] = [
  ['deleted', () => undefined],
  ['null', () => null],
  ['42', () => 42],
  ['NaN', () => NaN],
  ['"x"', () => 'x'],
  ['"-1"', () => '-1'],
  ['"0"', () => '0'],
  ['"1e9"', () => '1e9'],
  ['[]', () => []],
  ['{}', () => ({})],
  ['[null]', () => [null]],
  ['true', () => true],
];

const EXAMPLES = [
  ['ics-system-control-total', '2026-27'],
  ['project-alliance-target-cost', 'completion'],
  ['shared-savings-aco', '2026'],
  ['wakefield-pooled-budget', '2026-27'],
] as const;

const read = (example: string, file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${example}/${file}`, import.meta.url), 'utf8'));

function pathsIn(value: unknown, at: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...at, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsIn(child, path)];
  });
}

function put(root: unknown, path: Path, value: unknown, deleteIt: boolean): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (deleteIt) delete node[last];
  else node[last] = value;
}

function settlesCleanly(what: string, run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    expect(error, `${what} threw ${String(error)}`).toBeInstanceOf(AllianceInputError);
    expect((error as AllianceInputError).issues.length, what).toBeGreaterThan(0);
    return;
  }
  const text = JSON.stringify(result);
  expect(text, what).not.toMatch(/NaN|Infinity|undefined/);
}

describe.each(EXAMPLES)('garbage inside the %s example', (example, period) => {
  it('never crashes validateContract or settle', () => {
    const places = pathsIn(read(example, 'contract.json'));
    expect(places.length).toBeGreaterThan(20);
    for (const path of places) {
      for (const [name, make] of GARBAGE) {
        const contract = read(example, 'contract.json');
        put(contract, path, make(), name === 'deleted');
        const what = `${example}: contract.${path.join('.')} = ${name}`;
        let result: ReturnType<typeof validateContract> | undefined;
        expect(() => (result = validateContract(contract)), what).not.toThrow();
        settlesCleanly(what, () =>
          settle(
            (result?.contract ?? contract) as ContractInput,
            read(example, 'measurements.json') as MeasurementInput[],
            {
              period,
            },
          ),
        );
      }
    }
  });

  it('never crashes settle on garbage in the measurements', () => {
    const contract = read(example, 'contract.json') as ContractInput;
    for (const path of pathsIn(read(example, 'measurements.json'))) {
      for (const [name, make] of GARBAGE) {
        const measurements = read(example, 'measurements.json');
        put(measurements, path, make(), name === 'deleted');
        settlesCleanly(`${example}: measurements.${path.join('.')} = ${name}`, () =>
          settle(contract, measurements as MeasurementInput[], { period }),
        );
      }
    }
  });
});

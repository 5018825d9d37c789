import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput, type SettleOptions } from '../../src/index.js';
import { ORDER_FREE_KEYS } from '../../src/settle/canonical.js';

// Design.md, determinism: the same inputs in any order give byte-identical output. Every list the
// schemas mark order-free (of every pool kind: a points scheme's indicators, a rate card's
// outcomes, a risk share's steps...) is shuffled at every depth of a bundled example, with the
// measurements; the settlement, inputs hash included, must not change by a byte.
const EXAMPLES: readonly { example: string; options: SettleOptions }[] = [
  { example: 'care-homes-vanguard', options: { period: '2026-27' } },
  { example: 'ics-system-control-total', options: { period: '2026-27' } },
  { example: 'one-hackney-alliance', options: { period: '2026-27', asOf: '2026-09-30', knownAt: '2026-10-31' } },
  { example: 'one-hackney-alliance', options: { period: '2026-27', knownAt: '2027-05-31' } },
  { example: 'outcomes-rate-card', options: { period: '2026-27' } },
  { example: 'project-alliance-target-cost', options: { period: 'completion' } },
  { example: 'shared-savings-aco', options: { period: '2026' } },
  { example: 'wakefield-pooled-budget', options: { period: '2026-27' } },
];

const read = (example: string, file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${example}/${file}`, import.meta.url), 'utf8'));

const ORDER_FREE = new Set(ORDER_FREE_KEYS);

/** A copy of `value` with every order-free list, at any depth, in an order `shuffle` picks. */
function shuffled(value: unknown, shuffle: <T>(items: readonly T[]) => T[], key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => shuffled(item, shuffle));
    return key !== undefined && ORDER_FREE.has(key) ? shuffle(items) : items;
  }
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shuffled(v, shuffle, k)]));
  return value;
}

/** How many order-free lists of two or more items `value` holds: what a shuffle can move. */
function movable(value: unknown, key?: string): number {
  if (Array.isArray(value))
    return (
      (key !== undefined && ORDER_FREE.has(key) && value.length > 1 ? 1 : 0) +
      value.reduce((n: number, item: unknown) => n + movable(item), 0)
    );
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).reduce((n, [k, v]) => n + movable(v, k), 0);
  return 0;
}

describe('shuffling any order-free list', () => {
  it('is done on lists the schemas mark, of every pool kind', () => {
    expect(ORDER_FREE_KEYS).toEqual(expect.arrayContaining(['indicators', 'outcomes', 'steps', 'lines', 'metrics']));
    expect(ORDER_FREE_KEYS).not.toContain('order');
    expect(ORDER_FREE_KEYS).not.toContain('bands');
    expect(ORDER_FREE_KEYS).not.toContain('waterfall');
  });

  for (const { example, options } of EXAMPLES) {
    it(`leaves the settlement and its inputs hash byte-identical: ${example} ${options.asOf ?? options.period}`, () => {
      const declared = read(example, 'contract.json');
      const measurements = read(example, 'measurements.json') as MeasurementInput[];
      expect(movable(declared)).toBeGreaterThan(0);
      const expected = JSON.stringify(settle(defineContract(declared), measurements, options));
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const shuffle = <T>(items: readonly T[]): T[] =>
            items.length < 2 ? [...items] : g(fc.shuffledSubarray, [...items], { minLength: items.length });
          const contract = defineContract(shuffled(declared, shuffle));
          const given = shuffle(measurements.map((m) => shuffled(m, shuffle) as MeasurementInput));
          expect(JSON.stringify(settle(contract, given, options))).toBe(expected);
        }),
        { numRuns: 25 },
      );
    });
  }

  // The converse, which the inputs-hash bug of points indicators and rate-card outcomes broke: a
  // list left unmarked must be one whose order means something. Reversing it either makes the
  // contract invalid or moves a figure; if only the inputs hash moved, it is a set left unmarked.
  for (const { example, options } of EXAMPLES) {
    it(`every list left unmarked has an order that matters: ${example} ${options.asOf ?? options.period}`, () => {
      const declared = read(example, 'contract.json');
      const measurements = read(example, 'measurements.json') as MeasurementInput[];
      const withoutHash = (contract: unknown): string | undefined => {
        try {
          return JSON.stringify({ ...settle(defineContract(contract), measurements, options), inputsHash: '' });
        } catch {
          return undefined;
        }
      };
      const expected = withoutHash(declared);
      const unmarkedSets = orderedLists(declared).filter(
        (path) => withoutHash(reversedAt(declared, path)) === expected,
      );
      expect(unmarkedSets).toEqual([]);
    });
  }
});

type Path = readonly (string | number)[];

/** The paths of the lists of two or more distinct items that are not marked order-free. */
function orderedLists(value: unknown, path: Path = []): Path[] {
  const key = path[path.length - 1];
  if (Array.isArray(value)) {
    const here =
      typeof key === 'string' && !ORDER_FREE.has(key) && new Set(value.map((v) => JSON.stringify(v))).size > 1
        ? [path]
        : [];
    return [...here, ...value.flatMap((item: unknown, i) => orderedLists(item, [...path, i]))];
  }
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => orderedLists(v, [...path, k]));
  return [];
}

/** A copy of `value` with the list at `path` reversed. */
function reversedAt(value: unknown, path: Path): unknown {
  if (path.length === 0) return Array.isArray(value) ? [...value].reverse() : value;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item: unknown, i) => (i === head ? reversedAt(item, rest) : item));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === head ? reversedAt(v, rest) : v]));
  return value;
}

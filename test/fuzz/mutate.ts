import type { Random } from './random.js';
import { DATES, DECIMALS, IDS, nested, oddValue, POLLUTING_KEYS } from './values.js';

/*
 * Mutations of a JSON document (a bundled example's contract, measurements or settlement): a
 * field deleted, duplicated, retyped or replaced by an odd value of its own kind (a decimal by a
 * malformed decimal, a date by an impossible date, an id by a unicode or huge id), a polluting key
 * added, a value nested deep, or a list grown to thousands of entries.
 */

type Path = readonly (string | number)[];
type Container = Record<string, unknown> | unknown[];

/** Every place inside a JSON value, up to `limit` of them, breadth first (so shallow places are never missed). */
function places(root: unknown, limit = 5000): Path[] {
  const out: Path[] = [];
  const queue: { value: unknown; path: Path }[] = [{ value: root, path: [] }];
  for (let i = 0; i < queue.length && out.length < limit; i++) {
    const { value, path } = queue[i]!;
    if (typeof value !== 'object' || value === null) continue;
    const entries = Array.isArray(value) ? value.map((v, k) => [k, v] as const) : Object.entries(value);
    for (const [key, child] of entries) {
      const at = [...path, key];
      out.push(at);
      queue.push({ value: child, path: at });
    }
  }
  return out;
}

const parentOf = (root: unknown, path: Path): Container | undefined => {
  let here: unknown = root;
  for (const key of path.slice(0, -1)) here = (here as Record<string | number, unknown>)[key];
  return typeof here === 'object' && here !== null ? (here as Container) : undefined;
};

const looksLikeDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v);
const looksLikeDecimal = (v: unknown) => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v);
const looksLikeId = (key: string | number, v: unknown) =>
  typeof v === 'string' && (key === 'id' || key === 'party' || key === 'metric' || key === 'pool' || key === 'to');

/**
 * A copy of a value one level deep: what is below is shared, so that copying never walks a value
 * nested 10,000 deep (a shared child changed later changes both copies, which is a fuzzed input too).
 */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return [...value] as T;
  if (typeof value === 'object' && value !== null) return { ...value };
  return value;
}

/** A value of another type carrying the same content. */
function retyped(value: unknown, random: Random): unknown {
  if (typeof value === 'string') return random.pick([Number(value), [value], { value }, value === '' ? null : true]);
  if (typeof value === 'number')
    return random.pick([String(value), [value], Number.isFinite(value) ? BigInt(Math.trunc(value)) : null]);
  if (Array.isArray(value))
    return random.chance(0.5) ? Object.fromEntries(value.map((v, i) => [String(i), v])) : value[0];
  if (typeof value === 'object' && value !== null) return random.chance(0.5) ? Object.values(value) : [value];
  return random.pick([String(value), 0, {}]);
}

/** Applies one random mutation to `root` (a JSON value it owns) and returns a description. */
function mutateOnce(root: unknown, random: Random): string {
  const all = places(root);
  if (all.length === 0) return 'nothing to mutate';
  const path = random.pick(all);
  const key = path[path.length - 1]!;
  const parent = parentOf(root, path)!;
  const value = (parent as Record<string | number, unknown>)[key];
  const set = (v: unknown) => ((parent as Record<string | number, unknown>)[key] = v);
  const where = path.join('.');
  switch (random.int(10)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return `deleted ${where}`;
    case 1:
      if (Array.isArray(parent)) parent.splice(key as number, 0, clone(value));
      else parent[`${String(key)}${random.pick(['s', 'x', ''])}`.replace(/^$/, 'x')] = clone(value);
      return `duplicated ${where}`;
    case 2:
      set(retyped(value, random));
      return `retyped ${where}`;
    case 3: {
      const odd = looksLikeDate(value)
        ? random.pick(DATES)()
        : looksLikeDecimal(value)
          ? random.pick(DECIMALS)()
          : looksLikeId(key, value)
            ? random.pick(IDS)()
            : oddValue(random);
      set(odd);
      return `odd value at ${where}`;
    }
    case 4: {
      const target = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : parent;
      if (!Array.isArray(target)) {
        const k = random.pick(POLLUTING_KEYS);
        Object.defineProperty(target, k, {
          value: random.chance(0.5) ? { polluted: 'yes', prototype: { polluted: 'yes' } } : 'polluted',
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return `key ${k} at ${where}`;
      }
      set(random.pick(IDS)());
      return `id at ${where}`;
    }
    case 5:
      set(nested(random.pick([10, 64, 65, 500, 5000, 10_000]), random.chance(0.5)));
      return `deep value at ${where}`;
    case 6: {
      if (!Array.isArray(value) || value.length === 0) {
        set('x'.repeat(random.chance(0.1) ? 1_000_000 : random.pick([201, 10_000])));
        return `huge string at ${where}`;
      }
      const n = random.chance(0.1) ? 10_001 : random.pick([100, 1000, 3000]);
      const grown = Array.from({ length: n }, (_, i) => {
        const copy = clone(value[i % value.length]) as unknown;
        if (typeof copy === 'object' && copy !== null && 'id' in copy)
          (copy as { id: unknown }).id = `${String((copy as { id: unknown }).id)}-${i}`;
        return copy;
      });
      set(grown);
      return `list of ${n} at ${where}`;
    }
    case 7:
      set(random.pick(IDS)());
      return `unicode at ${where}`;
    case 8:
      if (looksLikeDecimal(value) || typeof value === 'number') {
        set(random.pick(DECIMALS)());
        return `odd decimal at ${where}`;
      }
      set(random.pick(DATES)());
      return `odd date at ${where}`;
    default:
      set(oddValue(random));
      return `odd value at ${where}`;
  }
}

/** A decimal like `value`: the same number of decimals, another magnitude, sometimes negative or zero. */
function plausibleDecimal(value: string, random: Random): string {
  const places = value.split('.')[1]?.length ?? 0;
  const whole = random.chance(0.2) ? '0' : String(random.int(10 ** random.pick([1, 2, 3, 6, 9])));
  const fraction = places > 0 ? `.${Array.from({ length: places }, () => random.int(10)).join('')}` : '';
  return `${random.chance(0.1) ? '-' : ''}${whole}${fraction}`;
}

/**
 * Changes figures the way a real file changes: decimals to other decimals of the same form, so the
 * contract is still likely valid and settles (a measured value, a weight, an amount, a threshold).
 */
export function plausiblyMutated(value: unknown, random: Random): { value: unknown; how: string[] } {
  const copy = structuredClone(value);
  const valueAt = (path: Path) => (parentOf(copy, path) as Record<string | number, unknown>)[path[path.length - 1]!];
  const figures = places(copy).filter((path) => looksLikeDecimal(valueAt(path)));
  const how: string[] = [];
  const n = 1 + random.int(3);
  for (let i = 0; i < n && figures.length > 0; i++) {
    const path = random.pick(figures);
    const parent = parentOf(copy, path) as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    parent[key] = plausibleDecimal(parent[key] as string, random);
    how.push(`${path.join('.')} = ${String(parent[key])}`);
  }
  return { value: copy, how };
}

/** A mutated copy of `value`: one to three mutations. */
export function mutated(value: unknown, random: Random): { value: unknown; how: string[] } {
  const copy = structuredClone(value);
  const how: string[] = [];
  const box = { root: copy };
  const n = random.chance(0.5) ? 1 : 1 + random.int(3);
  for (let i = 0; i < n; i++) how.push(mutateOnce(box, random).replace(/^(\w+ )?root\.?/, '$1'));
  return { value: box.root, how };
}

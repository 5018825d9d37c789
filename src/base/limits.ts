import { formatPath, show, type Issue } from './errors.js';

/**
 * Limits on the size and depth of what the library is given (README, "Limits"), checked once at
 * each entry point before anything else reads the value: a value nested thousands deep, a text of
 * a megabyte or a list of a million entries is refused with one problem naming where, instead of
 * overflowing the stack (which would make the answer depend on the machine and the thread), taking
 * minutes, or being echoed whole in every message about it. No real contract comes near them.
 */
export interface Limits {
  /** What the value is, in messages: "a contract", "the measurements", "a settlement". */
  readonly what: string;
  /** Lists and objects inside one another. */
  readonly depth: number;
  /** Characters in any text, or in any key of an object. */
  readonly text: number;
  /** Entries in any one list, or keys in any one object. */
  readonly entries: number;
  /** Entries in the lists with these keys, wherever they are (a contract's parties, a pool's metrics). */
  readonly named?: Readonly<Record<string, number>>;
  /** Lists, objects and texts in the whole value, counted as they are reached. */
  readonly values: number;
}

const CONTRACT: Omit<Limits, 'what'> = {
  depth: 64,
  text: 1000,
  entries: 10_000,
  named: { parties: 1000, pools: 1000, metrics: 1000 },
  values: 1_000_000,
};

/** A contract, and a settle, restate or diff options object: the limits README lists. */
export const CONTRACT_LIMITS: Limits = { what: 'a contract', ...CONTRACT };
/** The measurements given to settle: a longer list (every party, metric, period and revision). */
export const MEASUREMENT_LIMITS: Limits = {
  ...CONTRACT,
  what: 'the measurements',
  entries: 100_000,
  values: 5_000_000,
};
/** The arguments of allocate, proRata and splitIntoInstalments. */
export const ARGUMENT_LIMITS: Limits = { ...CONTRACT, what: 'the arguments' };
/**
 * A settlement passed back (to explain, diffSettlements, restate, or as broughtForward): written
 * by settle, so its lists and texts grow with the contract (a formula lists every party), but never deep.
 */
export const SETTLEMENT_LIMITS: Limits = {
  what: 'a settlement',
  depth: 64,
  text: 1_000_000,
  entries: 1_000_000,
  values: 20_000_000,
};

const grouped = (n: number) => n.toLocaleString('en-GB');
/** A key as a path shows it: cut, since the path of a problem with a long key must not be long itself. */
const shownKey = (key: PropertyKey) => (typeof key === 'string' && key.length > 80 ? `${key.slice(0, 40)}...` : key);

/**
 * The one problem with a value's size or depth, or none: walked without recursion, so its answer
 * never depends on the stack. Only lists and plain objects are entered; `root` is prefixed to every path.
 * @example
 * limitIssues(JSON.parse(file), CONTRACT_LIMITS); // [] for any real contract
 * limitIssues({ parties: [{ id: 'x'.repeat(5000) }] }, CONTRACT_LIMITS)[0].path; // 'parties[0].id'
 */
export function limitIssues(value: unknown, limits: Limits, root: readonly PropertyKey[] = []): Issue[] {
  // each place keeps its parent and key, and a path is made only for the one problem reported
  type Place = { value: unknown; parent: Place | undefined; key: PropertyKey; depth: number };
  const stack: Place[] = [{ value, parent: undefined, key: '', depth: 0 }];
  const { what } = limits;
  let values = 0;
  const pathOf = (place: Place | undefined, last?: string): PropertyKey[] => {
    const keys: PropertyKey[] = last === undefined ? [] : [last];
    for (let at = place; at?.parent !== undefined; at = at.parent) keys.push(at.key);
    return [...root, ...keys.reverse()];
  };
  const issue = (path: readonly PropertyKey[], code: Issue['code'], message: string): Issue[] => [
    { path: formatPath(path.map(shownKey)), code, message: `${message} (README, "Limits")` },
  ];
  while (stack.length > 0) {
    const place = stack.pop()!;
    const { value: here, depth } = place;
    values += 1;
    if (values > limits.values)
      return issue(
        root,
        'too_many',
        `more than ${grouped(limits.values)} lists, objects and texts in all; ${what} may hold at most ${grouped(limits.values)}`,
      );
    if (typeof here === 'string') {
      if (here.length > limits.text)
        return issue(
          pathOf(place),
          'too_long',
          `a text of ${grouped(here.length)} characters, ${show(here)}; ${what} may hold texts of at most ${grouped(limits.text)} characters`,
        );
      continue;
    }
    if (typeof here !== 'object' || here === null) continue;
    const list = Array.isArray(here);
    const proto: unknown = Object.getPrototypeOf(here);
    if (!list && proto !== Object.prototype && proto !== null) continue;
    // a value inside itself is not entered again: the schema reports it where it is, as any value it cannot read
    let inItself = false;
    for (let at = place.parent; at !== undefined && !inItself; at = at.parent) inItself = at.value === here;
    if (inItself) continue;
    if (depth >= limits.depth)
      return issue(
        pathOf(place),
        'too_deep',
        `lists and objects nested more than ${limits.depth} deep; ${what} may nest at most ${limits.depth} deep`,
      );
    const keys = list ? [] : Object.keys(here);
    const count = list ? (here as unknown[]).length : keys.length;
    const last = place.parent === undefined ? root[root.length - 1] : place.key;
    const named = typeof last === 'string' && list ? limits.named?.[last] : undefined;
    if (named !== undefined && count > named)
      return issue(
        pathOf(place),
        'too_many',
        `${grouped(count)} ${String(last)}; ${what} may have at most ${grouped(named)} ${String(last)}`,
      );
    if (count > limits.entries)
      return issue(
        pathOf(place),
        'too_many',
        `${list ? 'a list' : 'an object'} of ${grouped(count)} ${list ? 'entries' : 'keys'}; a list or object in ${what} may hold at most ${grouped(limits.entries)}`,
      );
    if (list) {
      const items = here as unknown[];
      for (let i = items.length - 1; i >= 0; i--)
        stack.push({ value: items[i], parent: place, key: i, depth: depth + 1 });
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (key.length > limits.text)
        return issue(
          pathOf(place, key),
          'too_long',
          `a key of ${grouped(key.length)} characters, ${show(key)}; ${what} may hold keys of at most ${grouped(limits.text)} characters`,
        );
      stack.push({ value: (here as Record<string, unknown>)[key], parent: place, key, depth: depth + 1 });
    }
  }
  return [];
}

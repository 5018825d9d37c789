import { sortById } from '../money/order.js';
import type { Contract } from './schema.js';
import type { Issue } from '../base/errors.js';

/**
 * A contract compiled once: what `defineContract` and `validateContract` return is the contract
 * data, typed and deep-frozen, carrying (under a symbol, so it is never part of the data: JSON,
 * the canonical form and equality do not see it) what is worked out from it once: the versions
 * its variations make, by the date each comes into force, and a memo of what settling works out
 * the first time (the contract's hash, each period's resolution, the schedules' year amounts, the
 * pools' plans), so that settling the same contract again, as sweeps and what-ifs do, repeats no
 * parsing, sorting or hashing. The memo lives and dies with the contract, instead of in
 * module-level caches.
 */
export interface Compiled {
  /** The versions the variations make, in date order ([] for a contract without variations). */
  readonly versions: readonly { readonly from: string; readonly contract: Contract }[];
  /** What validation warned about (read as written; no figure changed), for the settlement to repeat. */
  readonly warnings: readonly Issue[];
  readonly memo: Memo;
}

/** A memo entry's name, carrying the type of what it holds. */
export class MemoKey<Value> {
  declare private readonly value: Value;
  constructor(readonly name: string) {}
}

/** At most this many entries per contract: a sweep over many `asOf` dates does not grow without bound. */
const MEMO_LIMIT = 256;

/** What is worked out from one compiled contract, by name. */
class Memo {
  private readonly values = new Map<string, unknown>();

  /** How many things are held: for tests that settling again works nothing out anew. */
  get size(): number {
    return this.values.size;
  }

  /** The value under `key`, made by `make` the first time. */
  get<Value>(key: MemoKey<Value>, make: () => Value): Value {
    if (this.values.has(key.name)) {
      // The one place a memo's value is retyped: its key was typed with it when it was stored.
      return this.values.get(key.name) as Value;
    }
    const value = make();
    if (this.values.size >= MEMO_LIMIT) this.values.clear();
    this.values.set(key.name, value);
    return value;
  }
}

const COMPILED = Symbol('alliance-payments.compiled');

/**
 * Gives `contract` (not yet frozen) its compiled part and deep-freezes it.
 * @returns the same object, now compiled
 */
export function compile<C extends Contract>(
  contract: C,
  versions: Compiled['versions'] = [],
  warnings: readonly Issue[] = [],
): C {
  const compiled: Compiled = Object.freeze({
    versions: Object.freeze([...versions]),
    warnings: Object.freeze(warnings.map((w) => Object.freeze({ ...w }))),
    memo: new Memo(),
  });
  Object.defineProperty(contract, COMPILED, { value: compiled, enumerable: false });
  return deepFreeze(contract);
}

/** The compiled part of a contract that came out of `defineContract` or `validateContract`, or undefined for any other value. */
export function compiledOf(value: unknown): Compiled | undefined {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return undefined;
  const compiled: unknown = Reflect.get(value, COMPILED);
  return compiled instanceof Object && 'memo' in compiled && compiled.memo instanceof Memo
    ? (compiled as Compiled)
    : undefined;
}

/** Whether `value` came out of `defineContract`/`validateContract` (so need not be checked again). */
export function isCompiledContract(value: unknown): value is Contract {
  return compiledOf(value) !== undefined;
}

/**
 * The version of a compiled contract in force on `date`: the contract as declared before its
 * first variation, then each variation's version from its `effectiveFrom`.
 */
export function versionInForce(contract: Contract, date: string): Contract {
  let inForce = contract;
  for (const v of compiledOf(contract)?.versions ?? []) if (v.from <= date) inForce = v.contract;
  return inForce;
}

/** What settling works out once per compiled contract, made by `make` the first time; made afresh for any other contract. */
export function memoized<Value>(contract: Contract, key: MemoKey<Value>, make: () => Value): Value {
  const compiled = compiledOf(contract);
  return compiled === undefined ? make() : compiled.memo.get(key, make);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    // an optional field given as `undefined` is absent: the contract then reads the same as its
    // JSON, and a figure is never "undefined" (found by fuzzing, issue 12). The schema's output
    // is a fresh object (no part of the contract schema passes the caller's objects through).
    for (const [key, child] of Object.entries(value)) if (child === undefined) Reflect.deleteProperty(value, key);
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const SORTED = new MemoKey<WeakMap<readonly object[], readonly { readonly id: string }[]>>('sorted by id');

/**
 * An order-free list of a compiled contract (or of one of its resolutions, which its memo holds)
 * sorted by id once: every settlement of the contract reads the same sorted copy, and the
 * contract keeps the order it was declared in.
 * @example
 * sortedById(contract, contract.pools).map((p) => p.id); // ['frailty', 'prevention']
 */
export function sortedById<T extends { readonly id: string }>(contract: Contract, list: readonly T[]): readonly T[] {
  const sorted = memoized(contract, SORTED, () => new WeakMap<readonly object[], readonly { readonly id: string }[]>());
  const held = sorted.get(list);
  // retyped from what was stored under this very list: a sorted copy of it
  if (held) return held as readonly T[];
  const made = sortById(list);
  sorted.set(list, made);
  return made;
}

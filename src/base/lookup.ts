/**
 * Lookups of what the engine itself put there: a map built from the contract and read back by a
 * key taken from the same contract, the first item of a list known not to be empty. A miss is an
 * engine bug, never bad input, so it throws a plain internal error at the place it happens
 * instead of travelling on as `undefined` (which a non-null assertion would let it do).
 */

/**
 * The value `map` holds for `key`.
 * @throws Error (internal) when it holds none
 * @example
 * entry(new Map([['a', 1]]), 'a'); // 1
 */
export function entry<Key, Value>(map: ReadonlyMap<Key, Value>, key: Key): Value {
  const value = map.get(key);
  if (value === undefined && !map.has(key)) throw new Error(`internal: nothing held for ${String(key)}`);
  return value as Value;
}

/**
 * The item of `items` at `index`.
 * @throws Error (internal) when there is none
 * @example
 * itemAt(['a', 'b'], 1); // 'b'
 */
export function itemAt<Item>(items: readonly Item[], index: number): Item {
  if (index < 0 || index >= items.length) throw new Error(`internal: no item ${index} of ${items.length}`);
  return items[index] as Item;
}

/**
 * Compares two ids by Unicode code point, the documented order for every tie-break and every
 * sorted list (design.md section 4). JavaScript's `<` compares UTF-16 code units, which differs
 * from code-point order only where a surrogate pair (a character outside the Basic Multilingual
 * Plane) meets a character from U+E000 to U+FFFF; that case is compared by code point.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate === ySurrogate) return x < y ? -1 : 1;
    // A surrogate (a code point above U+FFFF) sorts after any other code unit.
    return xSurrogate ? 1 : -1;
  }
  return a.length - b.length;
}

/** A copy of `items` sorted by their `id` in code-point order. */
export function sortById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareIds(a.id, b.id));
}

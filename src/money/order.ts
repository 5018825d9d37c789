/**
 * Compares two ids by Unicode code point, the documented order for every tie-break and every
 * sorted list (design.md section 4). JavaScript's `<` compares UTF-16 code units, which differs
 * from code-point order for characters outside the Basic Multilingual Plane.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length;) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/** A copy of `items` sorted by their `id` in code-point order. */
export function sortById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareIds(a.id, b.id));
}

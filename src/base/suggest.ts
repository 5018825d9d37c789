import { distance } from 'fastest-levenshtein';
import { listed } from './errors.js';

/**
 * "Did you mean" for a name the user mistyped (an option, a field): the known name nearest by
 * edit distance (letter case aside), when it is near enough to be the likely intent (at most two
 * edits, or a third of a long name's letters, and fewer than its length), else nothing. Ties go to the name listed first, so the suggestion is
 * the same on every machine.
 * @example
 * nearest('contractVlaue', ['contractValue', 'kind']); // 'contractValue'
 * nearest('zzz', ['asOf', 'knownAt']); // undefined
 */
export function nearest(given: string, known: readonly string[]): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of known) {
    const edits = distance(given.toLowerCase(), name.toLowerCase());
    if (
      edits <= Math.max(2, Math.floor(name.length / 3)) &&
      edits < name.length &&
      (best === undefined || edits < best.edits)
    )
      best = { name, edits };
  }
  return best?.name;
}

/**
 * The end of a message about a name that is not one of `known`: ": did you mean 'x'?" when one
 * is near, then the names there are.
 * @example
 * suggestion('asAt', ['period', 'asOf', 'knownAt'], 'its options'); // ": did you mean 'asOf'? (its options: period, asOf, knownAt)"
 */
export function suggestion(given: string, known: readonly string[], what: string): string {
  const near = nearest(given, known);
  return `${near === undefined ? '' : `: did you mean '${near}'?`} (${what}: ${listed(known)})`;
}

import type { IssueCode } from './codes.js';

/**
 * One error family for bad input (design.md section 6). Every problem found is listed at once,
 * each with the path in the user's input, a stable code and a message in the user's words.
 */

/** One problem in the user's input. `path` is written as in the file: `pools[0].metrics[2].weight`. */
export interface Issue {
  readonly path: string;
  readonly code: IssueCode;
  readonly message: string;
}

/** The base of every error this library throws for bad input. */
export class AllianceInputError extends Error {
  /** Every problem found, in a stable order. */
  readonly issues: readonly Issue[];
  constructor(kind: string, issues: readonly Issue[], verb = 'has') {
    const list = issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message} [${issue.code}]`).join('\n');
    super(`${kind} ${verb} ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${list}`);
    this.name = 'AllianceInputError';
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

/** A contract (or a declaration passed to a library function) that cannot be used as given. */
export class ContractError extends AllianceInputError {
  constructor(issues: readonly Issue[]) {
    super('The contract', issues);
    this.name = 'ContractError';
  }
}

/** Measurements that cannot be used with the contract and period given. */
export class MeasurementError extends AllianceInputError {
  constructor(issues: readonly Issue[]) {
    super('The measurements', issues, 'have');
    this.name = 'MeasurementError';
  }
}

/** How much of a value a message shows; longer text is cut to 77 characters and "...". */
const SHOWN = 80;

/** A value JSON cannot write: a cycle, or a bigint inside a list or object. */
class Unwritable extends Error {}

/**
 * Appends the JSON text of `value` to `out` until it is longer than SHOWN, then stops. Written by
 * hand rather than with JSON.stringify so that a huge or deeply nested value costs at most SHOWN
 * levels and characters, and the text never depends on how deep the machine's stack is (a 10,000-deep
 * list read differently in a worker thread than in the main one). Same text as JSON.stringify otherwise.
 */
function writeJson(value: unknown, out: { text: string }, ancestors: Set<object>, inList: boolean): void {
  if (out.text.length > SHOWN) return;
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: () => unknown }).toJSON();
  }
  if (typeof v === 'bigint') throw new Unwritable();
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') {
    out.text += inList ? 'null' : '';
    return;
  }
  if (v === null || typeof v !== 'object') {
    out.text += JSON.stringify(typeof v === 'string' ? v.slice(0, SHOWN + 1) : v);
    return;
  }
  if (ancestors.has(v)) throw new Unwritable();
  ancestors.add(v);
  const list = Array.isArray(v);
  out.text += list ? '[' : '{';
  let first = true;
  for (const key of list ? (v as unknown[]).keys() : Object.keys(v)) {
    if (out.text.length > SHOWN) break;
    const child = (v as Record<PropertyKey, unknown>)[key];
    const skipped = !list && (child === undefined || typeof child === 'function' || typeof child === 'symbol');
    if (skipped) continue;
    out.text += first ? '' : ',';
    first = false;
    if (!list) out.text += `${JSON.stringify(String(key).slice(0, SHOWN + 1))}:`;
    writeJson(child, out, ancestors, list);
  }
  out.text += list ? ']' : '}';
  ancestors.delete(v);
}

/**
 * Shows a value the user gave inside a message: short, and never throwing (bigints, cycles,
 * objects without a prototype and values nested thousands deep are all shown). Strings are
 * quoted; long text is cut.
 */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  const out = { text: '' };
  try {
    writeJson(value, out, new Set(), false);
  } catch (error) {
    if (!(error instanceof Unwritable)) throw error;
    return `${Array.isArray(value) ? 'a list' : 'an object'} that cannot be written as JSON`;
  }
  const text = out.text === '' ? typeof value : out.text;
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 3)}...` : text;
}

/**
 * A value the user gave, for the middle of a sentence: a string as it is (cut at 80 characters),
 * anything else as `show` writes it, so a list or a deeply nested value never prints as
 * `[object Object]` or overflows the stack.
 * @example
 * said('2.5'); // '2.5'
 * said({ a: 1 }); // '{"a":1}'
 */
export function said(value: unknown): string {
  if (typeof value !== 'string') return show(value);
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

const LISTED = 10;

/**
 * Names the user declared, listed in a message: each cut as `said` cuts it, the first ten, then
 * how many more, so a contract of 3,000 steps does not give a 60 KB message (found by fuzzing,
 * issue 12). `each` quotes a name; `none` is said when there are none.
 * @example
 * listed(['a', 'b'], (id) => `'${id}'`); // "'a', 'b'"
 * listed(Array.from({ length: 12 }, (_, i) => `s${i}`)); // 's0, s1, ..., s9 and 2 more'
 */
export function listed(
  names: Iterable<string>,
  each: (name: string) => string = (name) => name,
  none = 'none',
): string {
  const all = [...names];
  if (all.length === 0) return none;
  const shown = all.slice(0, LISTED).map((name) => each(said(name)));
  return all.length > LISTED ? `${shown.join(', ')} and ${all.length - LISTED} more` : shown.join(', ');
}

/** Formats a path of keys and indices as the user sees it in a file: `pools[0].metrics[2].weight`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    // a key is cut as `said` cuts it: a 5,000-character key gave a 5,008-character path (fuzzing, issue 12)
    else out += out === '' ? said(String(segment)) : `.${said(String(segment))}`;
  }
  return out;
}

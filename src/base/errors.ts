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

/**
 * Shows a value the user gave inside a message: short, and never throwing (bigints, cycles and
 * objects without a prototype are all shown). Strings are quoted; long text is cut.
 */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') text = `${value.toString()}n`;
  else if (typeof value === 'symbol' || typeof value === 'function') text = `a ${typeof value}`;
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = `a ${Array.isArray(value) ? 'list' : typeof value} that cannot be written as JSON`;
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
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

/** Formats a path of keys and indices as the user sees it in a file: `pools[0].metrics[2].weight`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

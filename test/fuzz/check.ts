import { createHash } from 'node:crypto';
import Big from 'big.js';
import { AllianceInputError, ISSUE_CODES } from '../../src/index.js';
import { ORDER_FREE_KEYS } from '../../src/settle/canonical.js';
import type { FuzzCase } from './cases.js';
import type { Random } from './random.js';

/*
 * What every fuzzed call is held to (issue 12, item 9): it returns, or throws the library's own
 * error with catalogued codes and bounded messages; within a second; with no NaN, Infinity,
 * undefined or negative zero among its figures; with every pool conserved and every allocation
 * fair; leaving its arguments and the built-in prototypes as they were; and with the same result,
 * byte for byte, when the order-free lists of its arguments are shuffled.
 */

/** The failure classes, in the order the report lists them. */
export const FAILURES = [
  'non-library throw',
  'over 1 s',
  'NaN/Infinity/undefined/-0 figure',
  'conservation or fair rounding',
  'input mutated',
  'prototype pollution',
  'shuffle mismatch',
  'message unbounded or in raw words',
] as const;
export type Failure = (typeof FAILURES)[number];

export interface Outcome {
  /** 'ok', 'refused' (a library error) or 'thrown' (anything else). */
  readonly result: 'ok' | 'refused' | 'thrown';
  /** The call's CPU time (what the one-second limit is held to), and its wall time. */
  readonly ms: number;
  readonly wallMs: number;
  /** SHA-256 of the result's JSON, or of the error's name and message (when asked for). */
  readonly digest: string;
  readonly failures: readonly { readonly failure: Failure; readonly detail: string }[];
}

/** The longest message an issue may have: ids and values are cut (README, "Limits"). */
const LONGEST_MESSAGE = 2000;
const SLOW_MS = 1000;

// ---- a snapshot of any value, without recursion (inputs are nested 10,000 deep) ----

/** A list of tokens that changes whenever anything reachable in `root` changes: keys, values, prototypes. */
function snapshot(root: unknown): unknown[] {
  const out: unknown[] = [];
  const stack: unknown[] = [{ v: root }];
  const seen = new Map<object, number>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) {
      out.push(item);
      continue;
    }
    const v = (item as { v: unknown }).v;
    if (typeof v !== 'object' || v === null) out.push(typeof v, v);
    else {
      const object = v as object;
      if (seen.has(object)) {
        out.push('@', seen.get(object));
        continue;
      }
      seen.set(object, seen.size);
      const proto = Object.getPrototypeOf(object) as object | null;
      const tag = proto === null ? 'null' : proto === Object.prototype ? '' : proto === Array.prototype ? 'A' : 'X';
      out.push(`${tag}${Object.isFrozen(object) ? 'F' : ''}{`);
      stack.push(Symbol.for('}'));
      if (object instanceof Map)
        for (const [k, x] of [...object].reverse()) stack.push({ v: x }, Symbol.for('=>'), { v: k });
      else if (object instanceof Set) for (const x of [...object].reverse()) stack.push({ v: x }, Symbol.for(','));
      else if (object instanceof Date) out.push(String(object.getTime()));
      for (const key of Reflect.ownKeys(object).reverse()) {
        const descriptor = Object.getOwnPropertyDescriptor(object, key)!;
        stack.push({ v: 'value' in descriptor ? descriptor.value : 'accessor' }, key);
      }
    }
  }
  return out;
}

// ---- figures, conservation and allocations in a result ----

const NEGATIVE_ZERO = /^-0(\.0*)?$/;
const NOT_A_FIGURE = new Set(['NaN', 'Infinity', '-Infinity', 'undefined', 'null']);
/** Keys whose text the user wrote, echoed as given (a party's name may be "NaN"). */
const ECHOED = new Set([
  'name',
  'kind',
  'unit',
  'description',
  'version',
  'source',
  'clause',
  'label',
  'contract',
  'message',
  'path',
  'id',
  'party',
  'metric',
  'cohort',
  'person',
  'period',
  'pool',
]);
const RAW_WORDS = /\bNaN\b|\bundefined\b|\[object |\bInfinity\b/;

const unitOf = (floor: string) => new Big(1).div(new Big(10).pow(floor.split('.')[1]?.length ?? 0));

/** The problems with the figures of a result, walking it without recursion. */
function figureProblems(result: unknown): { failure: Failure; detail: string }[] {
  const problems: { failure: Failure; detail: string }[] = [];
  const stack: { v: unknown; path: string; key: string }[] = [{ v: result, path: '', key: '' }];
  while (stack.length > 0 && problems.length < 5) {
    const { v, path, key } = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0))
        problems.push({ failure: 'NaN/Infinity/undefined/-0 figure', detail: `${path} is ${String(v)}` });
    } else if (typeof v === 'string') {
      if (!ECHOED.has(key) && (NOT_A_FIGURE.has(v) || NEGATIVE_ZERO.test(v)))
        problems.push({ failure: 'NaN/Infinity/undefined/-0 figure', detail: `${path} is "${v}"` });
      else if ((key === 'formula' || key === 'text' || key === '') && RAW_WORDS.test(v))
        problems.push({
          failure: 'NaN/Infinity/undefined/-0 figure',
          detail: `${path} reads "${v.match(RAW_WORDS)![0]}"`,
        });
    } else if (v === undefined && key !== '') {
      problems.push({ failure: 'NaN/Infinity/undefined/-0 figure', detail: `${path} is undefined` });
    } else if (typeof v === 'object' && v !== null) {
      const record = v as Record<string, unknown>;
      if (!Array.isArray(v)) {
        const c = record.conservation as { difference?: unknown } | undefined;
        if (c && typeof c === 'object' && !/^0(\.0+)?$/.test(String(c.difference)))
          problems.push({
            failure: 'conservation or fair rounding',
            detail: `${path}.conservation.difference is ${String(c.difference)}`,
          });
        if (Array.isArray(record.allocation))
          problems.push(...allocationProblems(record.allocation, `${path}.allocation`));
        if (Array.isArray(record.parts) && typeof record.total === 'string' && record.rule === 'largest-remainder')
          problems.push(...allocationProblems(record.parts, `${path}.parts`, record.total));
      }
      for (const [k, x] of Object.entries(record))
        stack.push({ v: x, path: `${path}.${k}`, key: Array.isArray(v) ? key : k });
    }
  }
  return problems;
}

/** Each part within one minor unit of its exact share; the parts adding up to the total (or the exact shares). */
function allocationProblems(parts: unknown[], path: string, total?: string): { failure: Failure; detail: string }[] {
  const fail = (detail: string) => [{ failure: 'conservation or fair rounding' as Failure, detail }];
  if (parts.length === 0) return [];
  let sum = new Big(0);
  let exact = new Big(0);
  for (const [i, part] of parts.entries()) {
    const { exactShare, amount, floor } = part as { exactShare?: string; amount?: string; floor?: string };
    if (typeof exactShare !== 'string' || typeof amount !== 'string' || typeof floor !== 'string') return [];
    const unit = unitOf(floor);
    if (new Big(amount).minus(exactShare).abs().gte(unit))
      return fail(`${path}[${i}] ${amount} is a unit or more from ${exactShare}`);
    sum = sum.plus(amount);
    exact = exact.plus(exactShare);
  }
  if (total !== undefined && !sum.eq(total)) return fail(`${path} add up to ${sum.toFixed()}, not ${total}`);
  // each exact share is written to its ratio places, so the sum of shares is the total within those places
  if (sum.minus(exact).abs().gt(new Big(parts.length).times('1e-12')))
    return fail(`${path} add up to ${sum.toFixed()}, shares to ${exact.toFixed()}`);
  return [];
}

/** The instalments add up to the amount split. */
function instalmentProblems(result: unknown, args: readonly unknown[]): { failure: Failure; detail: string }[] {
  if (!Array.isArray(result)) return [];
  const amount = (args[0] as { amount?: unknown }).amount as string;
  const sum = result.reduce((s: Big, i: { amount: string }) => s.plus(i.amount), new Big(0));
  return sum.eq(amount)
    ? []
    : [{ failure: 'conservation or fair rounding', detail: `instalments add up to ${sum.toFixed()}, not ${amount}` }];
}

// ---- the built-in prototypes ----

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const prototypeText = () => PROTOTYPES.map((p) => Reflect.ownKeys(p).map(String).sort().join(',')).join('|');
const PRISTINE = prototypeText();
const polluted = () =>
  (({}) as Record<string, unknown>).polluted !== undefined ||
  ([] as unknown as Record<string, unknown>).polluted !== undefined ||
  prototypeText() !== PRISTINE;

// ---- shuffling ----

const ORDER_FREE = new Set(ORDER_FREE_KEYS);

/** A copy of plain objects and lists with every order-free list shuffled (other values shared). */
function shuffled(value: unknown, random: Random, key?: string, depth = 0): unknown {
  if (depth > 200) return value;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => shuffled(item, random, undefined, depth + 1));
    return key !== undefined && ORDER_FREE.has(key) ? random.shuffle(items) : items;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(copy, k, {
        value: shuffled(v, random, k, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return copy;
  }
  return value;
}

/** The settle arguments with the measurements list itself shuffled too (it is order-free). */
const shuffledArgs = (args: readonly unknown[], random: Random): unknown[] =>
  args.map((arg, i) =>
    i === 1 && Array.isArray(arg) ? random.shuffle(shuffled(arg, random) as unknown[]) : shuffled(arg, random),
  );

// ---- one call ----

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

function resultText(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  } catch (error) {
    return `unwritable: ${(error as Error).message}`;
  }
}

function errorProblems(error: unknown): { failure: Failure; detail: string }[] {
  if (!(error instanceof AllianceInputError)) {
    const e = error as Error;
    const where =
      (e?.stack ?? '')
        .split('\n')
        .find((line) => line.includes('/src/'))
        ?.trim() ?? '';
    return [
      {
        failure: 'non-library throw',
        detail: `${e?.name ?? typeof error}: ${String(e?.message).slice(0, 160)} ${where}`,
      },
    ];
  }
  const problems: { failure: Failure; detail: string }[] = [];
  for (const issue of error.issues) {
    if (!(issue.code in ISSUE_CODES))
      problems.push({ failure: 'message unbounded or in raw words', detail: `code ${issue.code} not catalogued` });
    if (issue.message.length > LONGEST_MESSAGE || issue.path.length > LONGEST_MESSAGE)
      problems.push({
        failure: 'message unbounded or in raw words',
        detail: `${issue.code} message of ${issue.message.length} characters, path of ${issue.path.length}`,
      });
    else if (/\[object |not "undefined"|received undefined|Invalid input/.test(issue.message))
      problems.push({
        failure: 'message unbounded or in raw words',
        detail: `${issue.code}: ${issue.message.slice(0, 160)}`,
      });
    if (problems.length > 0) break;
  }
  return problems;
}

/** Runs one case and holds it to every check; `random` draws the shuffles. */
export function runCase(fuzz: FuzzCase, random: Random, digest = true): Outcome {
  const before = fuzz.args.map(snapshot);
  const failures: { failure: Failure; detail: string }[] = [];
  let result: unknown;
  let error: unknown;
  let threw = false;
  // CPU time, not wall time: the machine is shared, and a call waiting for a core is not a slow call
  const start = process.cpuUsage();
  const wall = performance.now();
  try {
    result = (fuzz.call as (...args: unknown[]) => unknown)(...fuzz.args);
  } catch (e) {
    threw = true;
    error = e;
  }
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  const wallMs = performance.now() - wall;
  if (ms > SLOW_MS)
    failures.push({ failure: 'over 1 s', detail: `${ms.toFixed(0)} ms of CPU (${wallMs.toFixed(0)} ms wall)` });
  if (polluted()) {
    failures.push({ failure: 'prototype pollution', detail: prototypeText().slice(0, 200) });
    for (const p of PROTOTYPES)
      for (const k of Reflect.ownKeys(p))
        if (!PRISTINE.includes(String(k))) delete (p as Record<PropertyKey, unknown>)[k];
  }
  const after = fuzz.args.map(snapshot);
  const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  const changed = before.findIndex((tokens, i) => !same(tokens, after[i]!));
  if (changed >= 0) failures.push({ failure: 'input mutated', detail: `argument ${changed}` });
  // the result as text only where it is compared: with a shuffled call's, or with another TZ's
  let text = '';
  if (threw) {
    failures.push(...errorProblems(error));
    text = `${(error as Error)?.name}\n${(error as Error)?.message}`;
  } else {
    failures.push(...figureProblems(result));
    if (fuzz.kind === 'splitIntoInstalments') failures.push(...instalmentProblems(result, fuzz.args));
    if (digest || fuzz.orderFree) text = resultText(result);
    if (fuzz.orderFree) {
      let again: string;
      try {
        again = resultText((fuzz.call as (...args: unknown[]) => unknown)(...shuffledArgs(fuzz.args, random)));
      } catch (e) {
        again = `threw ${(e as Error)?.name}: ${(e as Error)?.message?.slice(0, 200)}`;
      }
      if (again !== text)
        failures.push({
          failure: 'shuffle mismatch',
          detail: again.startsWith('threw') ? again : `result differs (${sha(again)} vs ${sha(text)})`,
        });
    }
  }
  return {
    result: threw ? (error instanceof AllianceInputError ? 'refused' : 'thrown') : 'ok',
    ms,
    wallMs,
    digest: digest ? sha(text) : '',
    failures,
  };
}

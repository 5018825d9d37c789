import { ContractError, show, type Issue } from '../base/errors.js';
import type { Contract, ContractInput } from '../contract/schema.js';
import type { MeasurementInput } from '../measure/schema.js';
import { broughtForwardAgain, type BroughtAgain } from '../settle/brought-forward.js';
import { jcs } from '../settle/canonical.js';
import { settlementIssues, settlementShapeIssues } from '../settle/check-settlement.js';
import { inputsHashOf, settlementHashOf } from '../settle/document.js';
import { settleBringing } from '../settle/index.js';
import type { Settlement } from '../settle/types.js';
import { ENGINE_VERSION } from '../version.js';
import { compareSettlements, type ChangeOrigin, type FigureChange, type SettlementDiff } from './diff.js';

/** One way a settlement document differs from what its files give when settled again. */
export interface VerificationDifference {
  /**
   * - `edited`: the document was changed after it was settled (its hashes do not match its content);
   * - `engine`: it was made by another version of this library;
   * - `contract`, `measurements`: the files given are not the ones it was made from (their hashes differ);
   * - `option`: it was verified with another option than it records (`asOf`, `knownAt`, `broughtForward`);
   * - `measurement`: a measurement in force differs (its revision, status or value);
   * - `figure`: a figure differs, with the trace nodes where the difference starts;
   * - `content`: anything else differs (a warning, a variation in force, the rounding), at its first path.
   */
  readonly kind: 'edited' | 'engine' | 'contract' | 'measurements' | 'option' | 'measurement' | 'figure' | 'content';
  /** Where in the document: `settlementHash`, `options.knownAt`, `parties[homerton].total`, `rounding.mode`… */
  readonly path: string;
  /** What the document says. */
  readonly expected: string | null;
  /** What settling again gives (or the hash of what was given). */
  readonly found: string | null;
  /** For a figure: its trace node in the settlement made again, and the nodes where the difference starts. */
  readonly node?: string | null;
  readonly because?: readonly string[];
  /** The difference in words. */
  readonly message: string;
}

/** What `verifySettlement` found. */
export interface Verification {
  /** True when settling again gives the document byte for byte, with this engine version. */
  readonly reproduced: boolean;
  /** Every difference, the document's own integrity first, then the files, the options and the figures. */
  readonly differences: readonly VerificationDifference[];
  /** The settlement made again from the files given. */
  readonly settlement: Settlement;
  /** The document compared with the settlement made again, figure by figure (from the document to it). */
  readonly diff: SettlementDiff;
}

/** Options to verify with other than those the document records: null for "not given". */
export interface VerifyOptions {
  readonly asOf?: string | null;
  readonly knownAt?: string | null;
  /** The settlement brought forward into the document's year, checked to be the one it records. */
  readonly broughtForward?: Settlement | 'none';
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;
const HEAD = new Set([
  'format',
  'engine',
  'contractHash',
  'measurementsHash',
  'options',
  'inputsHash',
  'settlementHash',
]);
/** Parts compared whole whatever else differs; the rest only when no figure or measurement explains them. */
const ALWAYS = ['contract', 'variations', 'period', 'currency', 'rounding', 'status', 'warnings', 'resolution'];

/**
 * Verifies a settlement document against the files it says it was made from: settles again with
 * the options it records and compares. Says plainly when the document was edited since it was
 * settled (its `settlementHash`), when the contract or measurements given are not the ones it was
 * made from (their hashes), when it was made by another engine version, and every figure that
 * differs with the trace nodes where the difference starts (a changed measurement, parameter or
 * option). Money brought forward is brought again as the document records it; give
 * `options.broughtForward` to check the previous year's settlement is the one it records.
 *
 * @param document - a settlement as `settle` wrote it (for instance read from a file)
 * @param contract - the contract it was made from
 * @param measurements - the measurements it was made from
 * @param options - to verify with another `asOf` or `knownAt` than the document records (each reported)
 * @returns `{ reproduced: true, differences: [] }`, or every difference
 * @throws ContractError when `document` is not a settlement at all (invalid_settlement), or the contract is invalid;
 * MeasurementError when the measurements are
 * @example
 * const check = verifySettlement(JSON.parse(readFileSync('settlement.json', 'utf8')), contract, measurements);
 * if (!check.reproduced) for (const d of check.differences) console.log(d.message);
 */
export function verifySettlement(
  document: Settlement,
  contract: Contract | ContractInput,
  measurements: readonly MeasurementInput[],
  options?: VerifyOptions,
): Verification {
  const shape = [...settlementShapeIssues(document, 'document'), ...optionIssues(options)];
  if (shape.length > 0) throw new ContractError(shape);
  const differences: VerificationDifference[] = [...integrity(document)];
  const { settleOptions, again, optionDifferences } = optionsToSettle(document, options);
  differences.push(...optionDifferences);
  const settlement = settleBringing(contract, measurements, settleOptions, again);
  differences.push(...files(document, settlement));
  const diff = compareSettlements(document, settlement);
  const explained = [...measurementDifferences(diff), ...figureDifferences(diff)];
  differences.push(...explained);
  differences.push(...contentDifferences(document, settlement, explained.length > 0));
  return { reproduced: differences.length === 0, differences, settlement, diff };
}

function optionIssues(options: VerifyOptions | undefined): Issue[] {
  if (options === undefined) return [];
  if (typeof options !== 'object' || options === null)
    return [{ path: 'options', code: 'invalid_type', message: `must be an object of options, got ${show(options)}` }];
  return Object.keys(options)
    .filter((key) => !['asOf', 'knownAt', 'broughtForward'].includes(key))
    .map((key) => ({
      path: `options.${key}`,
      code: 'unknown_option' as const,
      message: `'${key}' is not an option of verifySettlement (its options: asOf, knownAt, broughtForward)`,
    }));
}

/** Whether the document is as it was settled: its own hash, and its inputs hash against what it records. */
function integrity(document: Settlement): VerificationDifference[] {
  const out: VerificationDifference[] = [];
  const content = settlementHashOf(document);
  if (content !== document.settlementHash)
    out.push({
      kind: 'edited',
      path: 'settlementHash',
      expected: document.settlementHash,
      found: content,
      message: `the document has been edited since it was settled: its content hashes to ${short(content)}, not to its settlementHash ${short(document.settlementHash)}`,
    });
  const inputs = inputsHashOf(document);
  if (inputs !== document.inputsHash)
    out.push({
      kind: 'edited',
      path: 'inputsHash',
      expected: document.inputsHash,
      found: inputs,
      message: `the document's inputsHash ${short(document.inputsHash)} is not the hash of the contractHash, measurementsHash and options it records (${short(inputs)}): one of them was edited`,
    });
  if (document.engine.version !== ENGINE_VERSION)
    out.push({
      kind: 'engine',
      path: 'engine.version',
      expected: document.engine.version,
      found: ENGINE_VERSION,
      message: `the document was made by alliance-payments ${document.engine.version} and is verified by ${ENGINE_VERSION}: the figures below are compared, but a document is reproduced only by the version that made it`,
    });
  return out;
}

/** The options to settle with: the document's, or those given (each that differs reported). */
function optionsToSettle(document: Settlement, options: VerifyOptions | undefined) {
  const recorded = document.options;
  const optionDifferences: VerificationDifference[] = [];
  const pick = (name: 'asOf' | 'knownAt'): string | undefined => {
    const given = options?.[name];
    const used = given === undefined ? recorded[name] : given;
    if (used !== recorded[name])
      optionDifferences.push({
        kind: 'option',
        path: `options.${name}`,
        expected: recorded[name],
        found: used,
        message: `the document was settled with ${name} ${recorded[name] ?? '(none)'} and is verified with ${name} ${used ?? '(none)'}`,
      });
    return used ?? undefined;
  };
  const asOf = pick('asOf');
  const knownAt = pick('knownAt');
  const settleOptions = {
    period: recorded.period,
    ...(asOf === undefined ? {} : { asOf }),
    ...(knownAt === undefined ? {} : { knownAt }),
  };
  const given = options?.broughtForward;
  if (given !== undefined) {
    const issues = given === 'none' ? [] : settlementIssues(given, 'options.broughtForward');
    if (issues.length > 0) throw new ContractError(issues);
    const hash = given === 'none' ? 'none' : given.settlementHash;
    const expected =
      recorded.broughtForward === null || recorded.broughtForward === 'none'
        ? recorded.broughtForward
        : recorded.broughtForward.settlementHash;
    if (hash !== expected)
      optionDifferences.push({
        kind: 'option',
        path: 'options.broughtForward',
        expected,
        found: hash,
        message: `the document brought forward ${expected === null ? 'nothing' : expected === 'none' ? '"none"' : `settlement ${short(expected)}`}, and is verified bringing forward ${hash === 'none' ? '"none"' : `settlement ${short(hash)}`}`,
      });
    return { settleOptions: { ...settleOptions, broughtForward: given }, again: undefined, optionDifferences };
  }
  const again: BroughtAgain | undefined =
    recorded.broughtForward === null
      ? undefined
      : {
          year: document.resolution.year,
          brought: broughtForwardAgain(
            document.resolution.broughtForward,
            document.currency,
            'document.resolution.broughtForward',
          ),
        };
  return { settleOptions, again, optionDifferences };
}

/** Whether the files given are the ones the document was made from. */
function files(document: Settlement, settlement: Settlement): VerificationDifference[] {
  const out: VerificationDifference[] = [];
  for (const [part, name] of [
    ['contractHash', 'contract'],
    ['measurementsHash', 'measurements'],
  ] as const)
    if (document[part] !== settlement[part])
      out.push({
        kind: name,
        path: part,
        expected: document[part],
        found: settlement[part],
        message: `the ${name} given ${name === 'contract' ? 'is' : 'are'} not the ${name === 'contract' ? 'one' : 'ones'} the document was made from: ${name === 'contract' ? 'its' : 'their'} hash is ${short(settlement[part])}, the document's ${part} ${short(document[part])}`,
      });
  return out;
}

function measurementDifferences(diff: SettlementDiff): VerificationDifference[] {
  return diff.measurements.map((m) => {
    const key = [m.metric, m.party, m.cohort, m.person].filter((x) => x !== null).join(' ');
    const text = (v: typeof m.from) => (v === null ? null : `${v.value} (revision ${v.revision}, ${v.status})`);
    return {
      kind: 'measurement' as const,
      path: `measurements[${key}]`,
      expected: text(m.from),
      found: text(m.to),
      message: `the measurement of ${key} in force was ${text(m.from) ?? 'none'} in the document and is ${text(m.to) ?? 'none'} settled again`,
    };
  });
}

function figureDifferences(diff: SettlementDiff): VerificationDifference[] {
  const origins = new Map(diff.origins.map((o) => [o.node, o]));
  const one = (path: string, change: FigureChange): VerificationDifference => ({
    kind: 'figure',
    path,
    expected: change.from,
    found: change.to,
    node: change.node,
    because: change.because,
    message: `${path}: the document says ${change.from ?? 'nothing'}, settled again it is ${change.to ?? 'nothing'}${startsAt(change.because, origins)}`,
  });
  return [
    ...diff.parties.flatMap((p) => p.changes.map((c) => one(`parties[${p.id}].${c.figure}`, c))),
    ...diff.metrics.flatMap((m) =>
      m.changes.map((c) =>
        one(`${m.segment ? `segments[${m.segment.start}].` : ''}metrics[${m.pool}/${m.id}].${c.figure}`, c),
      ),
    ),
  ];
}

/** Where a difference starts, in words: each origin node and its raw inputs that changed. */
function startsAt(because: readonly string[], origins: ReadonlyMap<string, ChangeOrigin>): string {
  const words = because.flatMap((id) => {
    const o = origins.get(id);
    if (!o) return [];
    const inputs = o.inputs.map((i) => `${i.name} ${i.from ?? '(none)'} → ${i.to}`).join(', ');
    return [`${o.label} (${o.path}) ${o.from ?? '(new)'} → ${o.to}${inputs ? `, where ${inputs}` : ''}`];
  });
  return words.length === 0 ? '' : `; the difference starts at ${words.join('; and at ')}`;
}

/** What else differs, each part at its first differing path. */
function contentDifferences(
  document: Settlement,
  settlement: Settlement,
  explained: boolean,
): VerificationDifference[] {
  const keys = [...new Set([...Object.keys(document), ...Object.keys(settlement)])].filter(
    (key) => !HEAD.has(key) && (ALWAYS.includes(key) || !explained),
  );
  const a: Record<string, unknown> = { ...document };
  const b: Record<string, unknown> = { ...settlement };
  return keys.flatMap((key) => {
    const at = firstDifference(a[key], b[key], key);
    if (at === undefined) return [];
    return [
      {
        kind: 'content' as const,
        path: at.path,
        expected: at.expected,
        found: at.found,
        message: `${at.path}: the document says ${at.expected ?? 'nothing'}, settled again it is ${at.found ?? 'nothing'}`,
      },
    ];
  });
}

/** The first path at which two JSON values differ, with each side's value there (as JSON text when not a string). */
function firstDifference(
  a: unknown,
  b: unknown,
  path: string,
): { path: string; expected: string | null; found: string | null } | undefined {
  if (jcs(a) === jcs(b)) return undefined;
  const text = (v: unknown) => (v === undefined ? null : typeof v === 'string' ? v : jcs(v));
  const objectA = typeof a === 'object' && a !== null;
  const objectB = typeof b === 'object' && b !== null;
  if (objectA && objectB && Array.isArray(a) === Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = Array.isArray(a)
      ? Array.from({ length: Math.max(a.length, (b as unknown[]).length) }, (_, i) => String(i))
      : [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
    for (const key of keys) {
      const label = Array.isArray(a) ? `${path}[${labelOf(ra[key] ?? rb[key], key)}]` : `${path}.${key}`;
      const found = firstDifference(ra[key], rb[key], label);
      if (found) return found;
    }
  }
  return { path, expected: text(a), found: text(b) };
}

/** A list item named by its id (or party, pool, metric) where it has one, else by its index. */
function labelOf(item: unknown, index: string): string {
  if (typeof item !== 'object' || item === null) return index;
  const o = item as Record<string, unknown>;
  const id = [o.id, o.party, o.pool, o.metric].find((v) => typeof v === 'string');
  return typeof id === 'string' ? id : index;
}

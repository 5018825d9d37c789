import { inOurWords } from '../base/schema.js';
import { show, type Issue } from '../base/errors.js';
import { settlementSchema } from './schema.js';
import { limitIssues, SETTLEMENT_LIMITS } from '../base/limits.js';
import { settlementHashOf } from './document.js';

/**
 * The parts that identify a settlement and that every reader of one needs, named first when they
 * are missing; the rest follow in the order a settlement writes them.
 */
const FIRST = ['contract', 'period', 'currency', 'status', 'inputsHash', 'resolution'];
const ORDER = [
  ...FIRST,
  ...[
    'format',
    'engine',
    'variations',
    'rounding',
    'measurements',
    'metrics',
    'gateways',
    'pools',
    'riskShares',
    'pooledBudgets',
    'pointsSchemes',
    'rateCards',
    'paymentsOnAccount',
    'segments',
    'parties',
    'trace',
  ].filter((part) => !FIRST.includes(part)),
];
const rank = (part: string) => (ORDER.includes(part) ? ORDER.indexOf(part) : ORDER.length);

const sentence = (path: string, parts: readonly string[]) =>
  `${path} must be a settlement as settle returned it, but its ${parts.join(', ')} ${parts.length === 1 ? 'is' : 'are'} missing or not as settle writes ${parts.length === 1 ? 'it' : 'them'}`;

/**
 * The problems with a value given where a settlement is expected (a function's argument or an
 * option, named by `path`), checked against the settlement's schema: one issue naming every part
 * that is missing or malformed, or none when it is as `settle` writes it. A settlement split into
 * segments has each part's settlement checked too, and reported at its own path. What it brought
 * forward (`resolution.broughtForward`) is left to the reader that brings it again, which says
 * what each field must be.
 */
export function settlementIssues(value: unknown, path: string): Issue[] {
  const shape = settlementShapeIssues(value, path);
  // the value as given is hashed, not what the schema read of it
  return shape.length > 0 ? shape : sealIssues(value as { readonly settlementHash: string }, path);
}

/** The problems with a value given where a settlement is expected, but for its seal (`settlementHash`). */
export function settlementShapeIssues(value: unknown, path: string): Issue[] {
  const tooBig = limitIssues(value, SETTLEMENT_LIMITS, [path]);
  if (tooBig.length > 0) return tooBig;
  const parsed = settlementSchema.safeParse(value, { error: inOurWords });
  if (parsed.success) return [];
  const top = new Set<string>();
  const inSegment = new Map<number, { nested: boolean; own: Set<string> }>();
  for (const issue of parsed.error.issues) {
    const [part, index, field, ...rest] = issue.path;
    if (part === undefined && issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) top.add(key);
      continue;
    }
    if (part === undefined) {
      return [
        {
          path,
          code: 'invalid_settlement',
          message: `${path} must be a settlement as settle returned it, got ${show(value)}`,
        },
      ];
    }
    if (part === 'resolution' && index === 'broughtForward') continue;
    if (part === 'segments' && typeof index === 'number' && field !== undefined) {
      const segment = inSegment.get(index) ?? { nested: false, own: new Set<string>() };
      inSegment.set(index, segment);
      if (field === 'settlement' && rest.length > 0) segment.nested = true;
      else segment.own.add(String(field));
      continue;
    }
    top.add(String(part));
  }
  const issues: Issue[] = [];
  for (const [index, segment] of [...inSegment].sort(([a], [b]) => a - b)) {
    if (!segment.nested) {
      top.add('segments');
      continue;
    }
    const at = `${path}.segments[${index}].settlement`;
    const nested = settlementShapeIssues(segmentSettlement(value, index), at);
    const own = [...segment.own].filter((field) => field !== 'settlement');
    for (const issue of nested)
      issues.push(
        own.length > 0 && issue.path === at
          ? {
              ...issue,
              message: `${issue.message}; and the segment's ${own.join(', ')} ${own.length === 1 ? 'is' : 'are'} missing or not as settle writes ${own.length === 1 ? 'it' : 'them'}`,
            }
          : issue,
      );
  }
  const parts = [...top].sort((a, b) => rank(a) - rank(b));
  return parts.length > 0 ? [{ path, code: 'invalid_settlement', message: sentence(path, parts) }, ...issues] : issues;
}

/** The settlement of a value's segment `index`, as given (the value is known to be an object with segments). */
function segmentSettlement(value: unknown, index: number): unknown {
  const segments: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'segments') : undefined;
  const segment: unknown = Array.isArray(segments) ? segments[index] : undefined;
  return typeof segment === 'object' && segment !== null ? Reflect.get(segment, 'settlement') : undefined;
}

/**
 * A settlement whose content no longer gives its `settlementHash` was edited after it was settled
 * (a total raised, an amount carried forward changed, a hash or engine version rewritten): it is
 * refused wherever it is passed back in, so that no figure of an edited document moves money.
 */
function sealIssues(settlement: { readonly settlementHash: string }, path: string): Issue[] {
  const found = settlementHashOf(settlement);
  if (found === settlement.settlementHash) return [];
  return [
    {
      path: `${path}.settlementHash`,
      code: 'edited_settlement',
      message: `the settlement given as ${path} has been edited since it was settled: its content hashes to ${found.slice(0, 12)}…, not to its settlementHash ${settlement.settlementHash.slice(0, 12)}…; settle again from the contract and measurements instead of editing a settlement`,
    },
  ];
}

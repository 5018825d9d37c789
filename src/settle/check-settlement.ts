import { show, type Issue } from '../base/errors.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isSpan = (value: unknown) => isRecord(value) && isText(value.start) && isText(value.end);
const listOf = (value: unknown, item: (entry: Record<string, unknown>) => boolean) =>
  Array.isArray(value) && value.every((entry) => isRecord(entry) && item(entry));
const any = () => true;

/** What each part of a settlement must look like for the functions that read one back. */
const SHAPE: readonly (readonly [string, (s: Record<string, unknown>) => boolean])[] = [
  ['contract', (s) => isRecord(s.contract) && isText(s.contract.id) && isText(s.contract.version)],
  ['period', (s) => isRecord(s.period) && isText(s.period.id) && isSpan(s.period)],
  ['currency', (s) => isText(s.currency)],
  ['status', (s) => isText(s.status)],
  ['inputsHash', (s) => isText(s.inputsHash)],
  ['resolution', (s) => isRecord(s.resolution) && isSpan(s.resolution.year) && isSpan(s.resolution.coverage)],
  ['variations', (s) => listOf(s.variations, (v) => isText(v.id))],
  ['measurements', (s) => listOf(s.measurements, (m) => isText(m.metric))],
  ['metrics', (s) => listOf(s.metrics, (m) => isText(m.pool) && isText(m.id) && isRecord(m.trace))],
  ['pools', (s) => listOf(s.pools, (p) => isText(p.id))],
  ['riskShares', (s) => listOf(s.riskShares, (p) => isText(p.id))],
  ['segments', (s) => listOf(s.segments, any)],
  ['parties', (s) => listOf(s.parties, (p) => isText(p.id) && isRecord(p.trace))],
  ['trace', (s) => isRecord(s.trace)],
];

/**
 * The problems with a value given where a settlement is expected (a function's argument or an
 * option, named by `path`): one issue saying which parts are missing or malformed, or none when it
 * has the shape `settle` returns. A settlement split into segments has its parts checked too.
 */
export function settlementIssues(value: unknown, path: string): Issue[] {
  if (!isRecord(value)) {
    return [
      {
        path,
        code: 'invalid_settlement',
        message: `${path} must be a settlement as settle returned it, got ${show(value)}`,
      },
    ];
  }
  const bad = SHAPE.filter(([, ok]) => !ok(value)).map(([name]) => name);
  if (bad.length > 0) {
    return [
      {
        path,
        code: 'invalid_settlement',
        message: `${path} must be a settlement as settle returned it, but its ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} missing or not as settle writes ${bad.length === 1 ? 'it' : 'them'}`,
      },
    ];
  }
  return (value.segments as Record<string, unknown>[]).flatMap((segment, i) =>
    settlementIssues(segment.settlement, `${path}.segments[${i}].settlement`),
  );
}

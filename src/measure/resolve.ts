import { schemaIssueCode, type IssueCode } from '../base/codes.js';
import { inOurWords } from '../base/schema.js';
import { formatPath, listed, MeasurementError, said, type Issue } from '../base/errors.js';
import { suggestion } from '../base/suggest.js';
import { compareIds } from '../money/order.js';
import type { Contract } from '../contract/schema.js';
import type { Metric } from '../pools/outcome/schema.js';
import { Decimal } from '../money/decimal.js';
import { exclusionsText, exclusionsTotal, measurementSchema, type Measurement } from './schema.js';

/** A measurement ready to score: its value in the metric's unit, and how that was worked out. */
export interface ResolvedMeasurement {
  readonly measurement: Measurement;
  readonly value: Decimal;
  /** Where it was given: its index in the measurements passed to `settle`, for a problem's path. */
  readonly index: number;
  /** Plain-words working when the value came from a numerator and denominator. */
  readonly formula?: string;
}

/** Key of a measurement: measure, party, cohort and person ('' where not given). */
export const measurementKey = (measure: string, party?: string, cohort?: string, person?: string) =>
  `${measure}\u0000${party ?? ''}\u0000${cohort ?? ''}\u0000${person ?? ''}`;

/**
 * What a contract's pools read from the measurements, gathered from each pool kind (`pools/`):
 * the metrics they score (with a metric's `per` for ratios), every other measure they read, and
 * the `per` declared for a measure that is not a metric (a points indicator's percentage).
 */
export interface MeasuresRead {
  readonly metrics: Map<string, Metric>;
  readonly measures: Set<string>;
  readonly perOf: Map<string, string>;
  /** Per measure read as a ratio: its `per` (the metric's, else the one declared for the measure), parsed once. */
  readonly per: Map<string, Decimal>;
}

/** The ids a contract's measurements may name: its metrics and every other measure its pools read, sorted. */
const measureIds = (reads: MeasuresRead): string[] =>
  [...new Set([...reads.metrics.keys(), ...reads.measures])].sort((a, b) => compareIds(a, b));

/** Reports one problem with the measurements, at a path inside `measurements`. */
type Report = (path: PropertyKey[], code: IssueCode, message: string) => void;

/** One revision given of a measurement, for the checks across revisions. */
interface Revision {
  readonly index: number;
  readonly revision: number;
  readonly status: string;
  readonly received?: string;
}

/** A measurement's metric, period and party must be the contract's. */
function checkNames(
  contract: Contract,
  reads: MeasuresRead,
  m: Measurement,
  report: Report,
  known: { readonly periods: ReadonlySet<string>; readonly parties: ReadonlySet<string> },
): void {
  if (!reads.metrics.has(m.metric) && !reads.measures.has(m.metric)) {
    // the contract's own ids, in code-point order, so the message is the same on every machine
    report(
      ['metric'],
      'unknown_metric',
      `'${said(m.metric)}' is not a metric or other measure of contract '${contract.id}'${suggestion(m.metric, measureIds(reads), 'its measures')}`,
    );
  }
  if (!known.periods.has(m.period)) {
    report(
      ['period'],
      'unknown_period',
      `'${said(m.period)}' is not a period of contract '${contract.id}' (periods: ${listed(known.periods)})`,
    );
  }
  if (m.party !== undefined && !known.parties.has(m.party)) {
    report(['party'], 'unknown_party', `'${m.party}' is not a party of contract '${contract.id}'`);
  }
}

/** The message for a measurement given twice with the same revision. */
const duplicateMessage = (earlier: number, m: Measurement) =>
  `measurements[${earlier}] already gives '${m.metric}'${m.party ? ` for '${m.party}'` : ''}${m.cohort ? ` in cohort '${m.cohort}'` : ''}${m.person ? ` for person '${m.person}'` : ''} in period '${m.period}'${m.revision === undefined ? '' : ` as revision ${m.revision}`} (a restated figure needs a higher "revision")`;

/**
 * A value from a numerator and denominator less exclusions, in the metric's unit (× its `per`);
 * undefined, with the problem reported, when the ratio cannot be worked out.
 */
function ratioValue(
  m: Measurement,
  fraction: { readonly numerator: string; readonly denominator: string },
  per: Decimal | undefined,
  places: number,
  report: Report,
): { value: Decimal; formula: string } | undefined {
  const numerator = Decimal.of(fraction.numerator);
  const denominator = Decimal.of(fraction.denominator);
  const exclusions = Decimal.of(exclusionsTotal(m));
  const eligible = denominator.minus(exclusions);
  if (eligible.sign() <= 0) {
    report(
      ['exclusions'],
      'exclusions_exceed_denominator',
      `exclusions (${exclusionsText(m)}) leave nothing of the denominator (${fraction.denominator})`,
    );
  } else if (numerator.gt(eligible)) {
    report(
      ['numerator'],
      'numerator_exceeds_denominator',
      `numerator (${fraction.numerator}) is more than the denominator less exclusions (${eligible.toPlainString()})`,
    );
  } else if (!per) {
    report(
      [],
      'missing_per',
      `metric '${m.metric}' declares no "per" (100 for a percentage, 1000 per 1,000), so a numerator and denominator cannot be turned into its unit`,
    );
  } else {
    return {
      value: numerator.times(per).dividedBy(eligible, places),
      formula: `${fraction.numerator} / (${fraction.denominator} − ${exclusionsText(m)} excluded) × ${per.toPlainString()}`,
    };
  }
  return undefined;
}

/**
 * A measurement's value in its metric's unit: as given, or from its ratio; undefined, with the
 * problem reported, when it gives neither or both, or its ratio cannot be worked out.
 */
function valueOf(
  m: Measurement,
  per: Decimal | undefined,
  places: number,
  report: Report,
): { value: Decimal; formula: string | undefined } | undefined {
  const hasRatio = m.numerator !== undefined || m.denominator !== undefined || m.exclusions !== undefined;
  if (m.value !== undefined && !hasRatio) return { value: Decimal.of(m.value), formula: undefined };
  if (m.value === undefined && m.numerator !== undefined && m.denominator !== undefined)
    return ratioValue(m, { numerator: m.numerator, denominator: m.denominator }, per, places, report);
  report(
    [],
    'value_or_ratio',
    'a measurement needs either "value", or "numerator" and "denominator" (with optional "exclusions"), not both',
  );
  return undefined;
}

/**
 * Checks across the revisions of one measurement: a revision cannot have been received before
 * the one it revises, and a final figure is only ever restated by a later final one.
 */
function checkRevisions(versions: readonly Revision[], report: Report): void {
  if (versions.length < 2) return;
  const sorted = [...versions].sort((a, b) => a.revision - b.revision);
  // A revision cannot have been received before the one it revises: knownAt would then pick the later one first.
  sorted.forEach((v, i) => {
    const earlier = sorted
      .slice(0, i)
      .find((e) => e.received !== undefined && v.received !== undefined && v.received < e.received);
    if (earlier)
      report(
        [v.index, 'received'],
        'revision_backwards',
        `revision ${v.revision} was received on ${v.received}, before revision ${earlier.revision} (measurements[${earlier.index}]) on ${earlier.received}: a later revision cannot have been received earlier`,
      );
  });
  const firstFinal = sorted.find((v) => v.status === 'final');
  if (!firstFinal) return;
  for (const v of sorted)
    if (v.revision > firstFinal.revision && v.status !== 'final')
      report(
        [v.index, 'status'],
        'revision_backwards',
        `revision ${v.revision} is provisional, but revision ${firstFinal.revision} (measurements[${firstFinal.index}]) was already final: a final figure can only be restated by a later final revision`,
      );
}

/**
 * Checks every measurement against the contract and returns those of `periodId`, keyed by
 * measure and party. All problems in all periods are reported at once.
 * @throws MeasurementError listing every problem, each with its path (`measurements[3].denominator`)
 */
export function resolveMeasurements(
  contract: Contract,
  reads: MeasuresRead,
  input: unknown,
  periodId: string,
  places: number,
  knownAt?: string,
): Map<string, ResolvedMeasurement> {
  const issues: Issue[] = [];
  const add: Report = (path, code, message) =>
    issues.push({ path: formatPath(['measurements', ...path]), code, message });
  if (!Array.isArray(input)) {
    throw new MeasurementError([
      { path: 'measurements', code: 'invalid_type', message: 'measurements must be an array of measurement objects' },
    ]);
  }
  const known = {
    periods: new Set(contract.periods.map((p) => p.id)),
    parties: new Set(contract.parties.map((p) => p.id)),
  };
  const seen = new Map<string, number>();
  const revisions = new Map<string, Revision[]>();
  const latest = new Map<string, number>();
  const resolved = new Map<string, ResolvedMeasurement>();

  input.forEach((item, index) => {
    const parsed = measurementSchema.safeParse(item, { error: inOurWords });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        add([index, ...issue.path], schemaIssueCode(issue), issue.message);
      }
      return;
    }
    const m = parsed.data;
    const report: Report = (path, code, message) => add([index, ...path], code, message);
    checkNames(contract, reads, m, report, known);
    const key = `${m.period}\u0000${measurementKey(m.metric, m.party, m.cohort, m.person)}\u0000${m.revision ?? 1}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) report([], 'duplicate_measurement', duplicateMessage(earlier, m));
    else seen.set(key, index);
    let versions = revisions.get(key.slice(0, key.lastIndexOf('\u0000')));
    if (!versions) revisions.set(key.slice(0, key.lastIndexOf('\u0000')), (versions = []));
    versions.push({
      index,
      revision: m.revision ?? 1,
      status: m.status,
      ...(m.received === undefined ? {} : { received: m.received }),
    });

    // a metric the contract does not have has no "per" either: that is not a second mistake
    const metricKnown = reads.metrics.has(m.metric) || reads.measures.has(m.metric);
    const reportValue: Report = (path, code, message) => {
      if (metricKnown || code !== 'missing_per') report(path, code, message);
    };
    const found = valueOf(m, reads.per.get(m.metric), places, reportValue);
    // a figure received after `knownAt` was not known then: checked, but not used
    const knownThen = knownAt === undefined || m.received === undefined || m.received <= knownAt;
    if (found && m.period === periodId && knownThen && issues.length === 0) {
      const k = measurementKey(m.metric, m.party, m.cohort, m.person);
      // the highest revision given is the one in force; earlier ones are kept, not used
      if ((latest.get(k) ?? 0) < (m.revision ?? 1)) {
        latest.set(k, m.revision ?? 1);
        const { value, formula } = found;
        resolved.set(k, formula ? { measurement: m, value, index, formula } : { measurement: m, value, index });
      }
    }
  });
  // A final figure is only ever restated by a later final one: a provisional revision after a final goes backwards.
  for (const versions of revisions.values()) checkRevisions(versions, add);
  if (issues.length > 0) throw new MeasurementError(issues);
  return resolved;
}

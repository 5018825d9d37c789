import { ContractError } from '../base/errors.js';
import { Decimal } from '../money/decimal.js';
import { compareIds } from '../money/order.js';
import { settlementIssues } from '../settle/check-settlement.js';
import type { MeasurementUsed, Settlement } from '../settle/types.js';
import type { TraceNode } from '../base/trace.js';

/** One figure that changed, with the trace nodes where the change starts. */
export interface FigureChange {
  /** The figure's name in the statement: "earned", "total", "reconciliation.balance"… */
  readonly figure: string;
  readonly from: string | null;
  readonly to: string | null;
  /** to − from, when both are amounts. */
  readonly difference: string | null;
  /** The trace node of the figure in the later settlement. */
  readonly node: string | null;
  /** Where the change comes from: the changed trace nodes whose own inputs did not change. */
  readonly because: readonly string[];
}

/** A trace node where a change starts: what it is, its value before and after, and its raw inputs that changed. */
export interface ChangeOrigin {
  readonly node: string;
  readonly label: string;
  readonly path: string;
  readonly from: string | null;
  readonly to: string;
  readonly inputs: readonly { readonly name: string; readonly from: string | null; readonly to: string }[];
}

export interface MeasurementChange {
  readonly metric: string;
  readonly party: string | null;
  readonly cohort: string | null;
  readonly person: string | null;
  readonly from: Omit<MeasurementUsed, 'metric' | 'party' | 'cohort' | 'person'> | null;
  readonly to: Omit<MeasurementUsed, 'metric' | 'party' | 'cohort' | 'person'> | null;
}

/** What changed between two settlements, per party and per figure, and why. */
export interface SettlementDiff {
  /** "restatement" when both settle the same contract, period and coverage (so only inputs or versions moved). */
  readonly kind: 'restatement' | 'comparison';
  readonly from: { readonly contractVersion: string; readonly status: string; readonly inputsHash: string };
  readonly to: { readonly contractVersion: string; readonly status: string; readonly inputsHash: string };
  /** Variations in force in one settlement and not the other: "added" are in force only in `after`. */
  readonly variations: readonly (Settlement['variations'][number] & { readonly change: 'added' | 'removed' })[];
  /** Measurements whose revision, status or value differ, or that one settlement used and the other did not. */
  readonly measurements: readonly MeasurementChange[];
  readonly parties: readonly { readonly id: string; readonly changes: readonly FigureChange[] }[];
  /**
   * Per metric, the figures that changed. When either settlement is split into segments by a
   * variation, metrics are compared per segment (each named by `segment`) against the same metric
   * in the other settlement's segment holding that day, or in the whole period when it is not split.
   */
  readonly metrics: readonly {
    readonly pool: string;
    readonly id: string;
    /** The segment compared, when either settlement is split by a variation. */
    readonly segment?: { readonly start: string; readonly end: string };
    readonly changes: readonly FigureChange[];
  }[];
  /** Every node named in a `because`, explained. */
  readonly origins: readonly ChangeOrigin[];
}

const PARTY_FIGURES = [
  'contractValue',
  'contributed',
  'guaranteed',
  'earned',
  'redistributed',
  'returned',
  'shared',
  'priced',
  'total',
] as const;
const METRIC_FIGURES = ['measured', 'score', 'weight', 'weightedScore', 'atRisk', 'earnedByScore'] as const;

const difference = (from: string | null, to: string | null) => {
  const a = Decimal.parse(from);
  const b = Decimal.parse(to);
  return a && b ? b.minus(a).toFixed(Math.max(a.decimalPlaces, b.decimalPlaces)) : null;
};

const SEGMENT_NODE = /^segment:(\d{4}-\d{2}-\d{2}):([\s\S]*)$/;

type Segment = Settlement['segments'][number];

/** A node id of a segment's copied trace, as the segment's first day and the node's own id. */
function segmentNodeOf(id: string): { date: string; rest: string } | undefined {
  const match = SEGMENT_NODE.exec(id);
  if (!match) return undefined;
  const [, date, rest] = match;
  if (date === undefined || rest === undefined)
    throw new Error(`internal: segment node id '${id}' matched without its parts`);
  return { date, rest };
}

/** The segment of a split settlement that settles `date` (the last one starting on or before it). */
function segmentHolding(s: Settlement, date: string): Segment {
  const found =
    s.segments.reduce<Segment | undefined>((held, seg) => (seg.start <= date ? seg : held), undefined) ?? s.segments[0];
  if (!found) throw new Error('internal: a settlement not split into segments was asked for the segment holding a day');
  return found;
}

/**
 * The id of the node in `before` that a node of `after` is compared with: the same id; or, when
 * only one of them is split into segments by a variation, the node of the same figure in the
 * segment (or the whole period) that settles the same days. A node with no counterpart is new.
 */
function counterpartIn(before: Settlement, after: Settlement): (id: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (id) => {
    if (Object.hasOwn(before.trace, id)) return id;
    if (known.has(id)) return known.get(id);
    const inSegment = segmentNodeOf(id);
    const rest = inSegment ? inSegment.rest : id;
    const date = inSegment ? inSegment.date : after.resolution.coverage.start;
    const candidate = before.segments.length === 0 ? rest : `segment:${segmentHolding(before, date).start}:${rest}`;
    const found = candidate !== id && Object.hasOwn(before.trace, candidate) ? candidate : undefined;
    known.set(id, found);
    return found;
  };
}

/**
 * Traces changes between two settlements to where they start: a figure's `because` is the
 * changed nodes under it whose own inputs did not change. Remembers every origin it names.
 */
class ChangeTracer {
  /** Every node named in a `because` so far. */
  readonly origins = new Set<string>();
  private readonly counterpart: (id: string) => string | undefined;
  private readonly changedMemo = new Map<string, boolean>();
  private readonly originsMemo = new Map<string, readonly string[]>();

  constructor(
    private readonly before: Settlement,
    private readonly after: Settlement,
  ) {
    this.counterpart = counterpartIn(before, after);
  }

  /** The node `before` compares a node of `after` with, if any. */
  beforeNode(id: string): TraceNode | undefined {
    const other = this.counterpart(id);
    return other === undefined ? undefined : this.before.trace[other];
  }

  /** A node of `after` that is known to be there (it was found in its trace, or is an input of one that was). */
  afterNode(id: string): TraceNode {
    const node = this.after.trace[id];
    if (!node) throw new Error(`internal: trace node '${id}' is not in the later settlement`);
    return node;
  }

  /** Whether a node of `after` is new or has a different value from its counterpart. */
  changed(id: string): boolean {
    let result = this.changedMemo.get(id);
    if (result === undefined) {
      const b = this.after.trace[id];
      const a = this.beforeNode(id);
      result = b !== undefined && (a === undefined || a.value !== b.value);
      this.changedMemo.set(id, result);
    }
    return result;
  }

  /** The changed nodes under a changed node whose own inputs did not change (the node itself when none did). */
  originsOf(id: string): readonly string[] {
    const known = this.originsMemo.get(id);
    if (known) return known;
    this.originsMemo.set(id, []); // the trace is acyclic; this guards against a malformed one
    const changedInputs = this.afterNode(id).inputs.flatMap((i) =>
      i.node !== undefined && this.changed(i.node) ? [i.node] : [],
    );
    // sorted once per figure (in change), not at every level of the trace
    const result =
      changedInputs.length === 0 ? [id] : [...new Set(changedInputs.flatMap((input) => this.originsOf(input)))];
    this.originsMemo.set(id, result);
    return result;
  }

  /** One figure that changed, with where the change starts when its node changed. */
  change(figure: string, from: string | null, to: string | null, node: string | null): FigureChange {
    const because =
      node !== null && Object.hasOwn(this.after.trace, node) && this.changed(node)
        ? [...this.originsOf(node)].sort(compareIds)
        : [];
    for (const o of because) this.origins.add(o);
    return { figure, from, to, difference: difference(from, to), node, because };
  }
}

/** Per party in either settlement, the figures of its statement that changed. */
function partyChanges(before: Settlement, after: Settlement, tracer: ChangeTracer): SettlementDiff['parties'] {
  const beforeParties = new Map(before.parties.map((p) => [p.id, p]));
  const ids = [...new Set([...before.parties.map((p) => p.id), ...after.parties.map((p) => p.id)])].sort(compareIds);
  return ids.flatMap((id) => {
    const a = beforeParties.get(id);
    const b = after.parties.find((p) => p.id === id);
    const changes: FigureChange[] = [];
    for (const figure of PARTY_FIGURES) {
      const from = a ? a[figure] : null;
      const to = b ? b[figure] : null;
      if (from === to) continue;
      const refs = b?.trace as Record<string, string> | undefined;
      changes.push(tracer.change(figure, from, to, refs?.[figure] ?? null));
    }
    for (const figure of ['paidOnAccount', 'balance'] as const) {
      const from = a?.reconciliation?.[figure] ?? null;
      const to = b?.reconciliation?.[figure] ?? null;
      if (from === to) continue;
      changes.push(tracer.change(`reconciliation.${figure}`, from, to, b?.reconciliation?.trace[figure] ?? null));
    }
    return changes.length === 0 ? [] : [{ id, changes }];
  });
}

/** What metrics to compare: the whole period, or each segment with the other's days. */
function metricPairs(before: Settlement, after: Settlement) {
  const span = (seg: Segment) => ({ start: seg.start, end: seg.end });
  if (after.segments.length > 0)
    return after.segments.map((seg) => ({
      segment: span(seg),
      before: before.segments.length > 0 ? segmentHolding(before, seg.start).settlement.metrics : before.metrics,
      after: seg.settlement.metrics,
      prefix: `segment:${seg.start}:`,
    }));
  if (before.segments.length > 0)
    return before.segments.map((seg) => ({
      segment: span(seg),
      before: seg.settlement.metrics,
      after: after.metrics,
      prefix: '',
    }));
  return [{ segment: undefined, before: before.metrics, after: after.metrics, prefix: '' }];
}

/** Per metric (per segment when either is split), the figures that changed. */
function metricChanges(before: Settlement, after: Settlement, tracer: ChangeTracer): SettlementDiff['metrics'] {
  const metricKey = (m: { pool: string; id: string }) => `${m.pool}\u0000${m.id}`;
  return metricPairs(before, after).flatMap((pair) => {
    const beforeMetrics = new Map(pair.before.map((m) => [metricKey(m), m]));
    return pair.after.flatMap((m) => {
      const a = beforeMetrics.get(metricKey(m));
      const changes: FigureChange[] = [];
      for (const figure of METRIC_FIGURES) {
        const from = a ? a[figure] : null;
        const to = m[figure];
        if (from === to) continue;
        const ref = (m.trace as Record<string, string | undefined>)[figure];
        changes.push(tracer.change(figure, from, to, ref === undefined ? null : `${pair.prefix}${ref}`));
      }
      if (changes.length === 0) return [];
      return [{ pool: m.pool, id: m.id, ...(pair.segment ? { segment: pair.segment } : {}), changes }];
    });
  });
}

/** Measurements whose revision, status or value differ, or that only one settlement used. */
function measurementChanges(before: Settlement, after: Settlement): MeasurementChange[] {
  const keyOf = (m: MeasurementUsed) => [m.metric, m.party ?? '', m.cohort ?? '', m.person ?? ''].join('\u0000');
  const strip = (m: MeasurementUsed | undefined) =>
    m ? { revision: m.revision, status: m.status, value: m.value, source: m.source } : null;
  const beforeMeasured = new Map(before.measurements.map((m) => [keyOf(m), m]));
  const afterMeasured = new Map(after.measurements.map((m) => [keyOf(m), m]));
  return [...new Set([...beforeMeasured.keys(), ...afterMeasured.keys()])]
    .sort(compareIds)
    .flatMap((key): MeasurementChange[] => {
      const a = beforeMeasured.get(key);
      const b = afterMeasured.get(key);
      if (a && b && a.revision === b.revision && a.status === b.status && a.value === b.value) return [];
      const m = b ?? a;
      if (!m) throw new Error(`internal: measurement key '${key}' is in neither settlement`);
      return [{ metric: m.metric, party: m.party, cohort: m.cohort, person: m.person, from: strip(a), to: strip(b) }];
    });
}

/** Every node named in a `because`, explained: its value before and after, and its raw inputs that changed. */
function originsExplained(tracer: ChangeTracer): ChangeOrigin[] {
  return [...tracer.origins].sort(compareIds).map((id): ChangeOrigin => {
    const b = tracer.afterNode(id);
    const a = tracer.beforeNode(id);
    const beforeInputs = new Map((a?.inputs ?? []).map((i) => [i.name, i.value]));
    return {
      node: id,
      label: b.label,
      path: b.path,
      from: a?.value ?? null,
      to: b.value,
      inputs: b.inputs
        .filter((i) => beforeInputs.get(i.name) !== i.value)
        .map((i) => ({ name: i.name, from: beforeInputs.get(i.name) ?? null, to: i.value })),
    };
  });
}

/** Variations in force in one settlement and not the other. */
function variationChanges(before: Settlement, after: Settlement): SettlementDiff['variations'] {
  const variationIds = (s: Settlement) => new Set(s.variations.map((v) => v.id));
  return [
    ...after.variations.filter((v) => !variationIds(before).has(v.id)).map((v) => ({ ...v, change: 'added' as const })),
    ...before.variations
      .filter((v) => !variationIds(after).has(v.id))
      .map((v) => ({ ...v, change: 'removed' as const })),
  ];
}

/**
 * Compares two settlements figure by figure: per party and per metric, what changed, by how
 * much, and the trace nodes where each change starts (a measurement's new revision, an amount
 * varied by the contract). Neither settlement is changed. A settlement split into segments by a
 * variation is compared segment by segment with the other, so a change is traced to the varied
 * parameter inside the segment it applies to.
 *
 * @param before - the earlier settlement (e.g. the quarter-two provisional one)
 * @param after - the later one (e.g. the year end on final data)
 * @throws ContractError when either is not a settlement (invalid_settlement, naming `before` or `after`), or the
 * two are in different currencies (currency_mismatch)
 * @example
 * const diff = diffSettlements(provisional, final);
 * for (const party of diff.parties) for (const c of party.changes) console.log(party.id, c.figure, c.difference);
 */
export function diffSettlements(before: Settlement, after: Settlement): SettlementDiff {
  const shape = [...settlementIssues(before, 'before'), ...settlementIssues(after, 'after')];
  if (shape.length > 0) throw new ContractError(shape);
  return compareSettlements(before, after);
}

/** `diffSettlements` of two settlements already checked (their seals may not hold: verify reports that itself). */
export function compareSettlements(before: Settlement, after: Settlement): SettlementDiff {
  if (before.currency !== after.currency) {
    throw new ContractError([
      {
        path: 'after.currency',
        code: 'currency_mismatch',
        message: `settlements in ${before.currency} and ${after.currency} cannot be compared`,
      },
    ]);
  }
  const tracer = new ChangeTracer(before, after);
  const parties = partyChanges(before, after, tracer);
  const metrics = metricChanges(before, after, tracer);
  const measurements = measurementChanges(before, after);
  const origins = originsExplained(tracer);
  const same =
    before.contract.id === after.contract.id &&
    before.period.id === after.period.id &&
    before.resolution.coverage.end === after.resolution.coverage.end;
  const side = (s: Settlement) => ({ contractVersion: s.contract.version, status: s.status, inputsHash: s.inputsHash });
  return {
    kind: same ? 'restatement' : 'comparison',
    from: side(before),
    to: side(after),
    variations: variationChanges(before, after),
    measurements,
    parties,
    metrics,
    origins,
  };
}

import { itemAt } from '../base/lookup.js';
import type { Contract, Period } from '../contract/schema.js';
import { minorUnits } from '../money/currency.js';
import { Decimal, unitsText } from '../money/decimal.js';
import { compareIds } from '../money/order.js';
import { previousDay, proRata, type Span } from '../period/index.js';
import { calendarOf } from './resolve.js';
import { TraceBuilder, type TraceNode } from '../base/trace.js';
import type { BroughtForwardRecord, PartyStatement, Reconciliation, Settlement, SettlementSegment } from './types.js';

export const dayBefore = previousDay;

/** The variations in force on `date`, in date order. */
export function variationsOf(valid: Contract, date: string): Settlement['variations'] {
  return (valid.variations ?? [])
    .filter((v) => v.effectiveFrom <= date)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
    .map((v) => ({ id: v.id, effectiveFrom: v.effectiveFrom, version: v.version, clause: v.clause ?? null }));
}

const copyRecord = (record: BroughtForwardRecord | null): BroughtForwardRecord | null =>
  record === null
    ? null
    : { from: record.from === null ? null : { ...record.from }, pools: record.pools.map((p) => ({ ...p })) };

const MONEY_FIELDS = ['contributed', 'earned', 'redistributed', 'returned', 'shared', 'priced', 'total'] as const;

/**
 * Adds up the settlements of the parts of a period settled by different versions of the
 * contract (a variation took effect inside it and the contract splits such periods pro rata).
 * Each party's figures are the sums of its figures in the parts, traced to them; the parts are
 * kept whole in `segments`, their trace nodes copied under `segment:<start>:`.
 */
export function combineSegments(
  valid: Contract,
  period: Period,
  coverage: Span,
  parts: readonly { span: Span; contract: Contract; settlement: Settlement }[],
): Settlement {
  const scale = minorUnits(valid.currency);
  const money = (units: bigint) => unitsText(units, scale);
  const units = (text: string | null | undefined) => (text == null ? 0n : Decimal.of(text).toUnits(scale));
  const trace = new TraceBuilder();
  const prefix = (start: string, id: string) => `segment:${start}:${id}`;
  for (const part of parts) {
    for (const node of Object.values(part.settlement.trace) as TraceNode[]) {
      trace.add({
        ...node,
        id: prefix(part.span.start, node.id),
        label: `${node.label} [version ${part.settlement.contract.version}, ${part.span.start} to ${part.span.end}]`,
        inputs: node.inputs.map((i) =>
          i.node === undefined ? { ...i } : { ...i, node: prefix(part.span.start, i.node) },
        ),
      });
    }
  }
  const calendar = calendarOf(valid);
  const segments: SettlementSegment[] = parts.map((part) => ({
    start: part.span.start,
    end: part.span.end,
    contractVersion: part.settlement.contract.version,
    proRata: proRata(part.span, coverage, calendar).text,
    settlement: part.settlement,
  }));
  const ids = [...new Set(parts.flatMap((p) => p.settlement.parties.map((s) => s.id)))].sort(compareIds);
  const parties: PartyStatement[] = ids.map((id) => {
    const inParts = parts.flatMap((p) => {
      const statement = p.settlement.parties.find((s) => s.id === id);
      return statement ? [{ start: p.span.start, statement }] : [];
    });
    const first = itemAt(inParts, inParts.length - 1).statement;
    const field = (name: (typeof MONEY_FIELDS)[number] | 'guaranteed' | 'contractValue') => {
      const present = inParts.filter((p) => p.statement[name] !== null);
      if (present.length === 0) return { value: null, node: undefined };
      const total = present.reduce((s, p) => s + units(p.statement[name]), 0n);
      const node =
        name === 'contractValue'
          ? undefined
          : trace.add({
              id: `party:${id}:${name}`,
              label: `${first.name}: ${name} over the period`,
              value: money(total),
              formula: 'sum over the parts of the period settled by each version of the contract',
              inputs: present.map((p) => ({
                name: `from ${p.start}`,
                value: p.statement[name]!,
                ...(p.statement.trace[name as keyof typeof p.statement.trace] === undefined
                  ? {}
                  : { node: prefix(p.start, p.statement.trace[name as keyof typeof p.statement.trace]!) }),
              })),
              path: `parties[${id}]`,
            });
      return { value: money(total), node };
    };
    const figures = Object.fromEntries(MONEY_FIELDS.map((f) => [f, field(f)])) as Record<
      (typeof MONEY_FIELDS)[number],
      { value: string; node: string }
    >;
    const guaranteed = field('guaranteed');
    let reconciliation: Reconciliation | null = null;
    if (first.role === 'provider') {
      const paid = inParts.reduce((s, p) => s + units(p.statement.reconciliation?.paidOnAccount), 0n);
      const paidRef = trace.add({
        id: `party:${id}:paidOnAccount`,
        label: `${first.name}: paid on account`,
        value: money(paid),
        formula: 'sum over the parts of the period',
        inputs: inParts.map((p) => ({
          name: `from ${p.start}`,
          value: p.statement.reconciliation?.paidOnAccount ?? '0',
          ...(p.statement.reconciliation
            ? { node: prefix(p.start, p.statement.reconciliation.trace.paidOnAccount) }
            : {}),
        })),
        path: `parties[${id}]`,
      });
      const balance = units(figures.total.value) - paid;
      const balanceRef = trace.add({
        id: `party:${id}:balance`,
        label: `${first.name}: ${balance < 0n ? 'balance due back from it' : 'balance due to it'}`,
        value: money(balance),
        formula: 'total − paid on account (+ due to the party, − due back from it)',
        inputs: [
          { name: 'total', value: figures.total.value, node: figures.total.node },
          { name: 'paid on account', value: money(paid), node: paidRef },
        ],
        path: `parties[${id}]`,
      });
      reconciliation = {
        entitlement: figures.total.value,
        paidOnAccount: money(paid),
        balance: money(balance),
        direction: balance > 0n ? 'due-to-party' : balance < 0n ? 'due-from-party' : 'settled',
        trace: { paidOnAccount: paidRef, balance: balanceRef },
      };
    }
    return {
      id,
      name: first.name,
      role: first.role,
      contractValue: field('contractValue').value,
      contributed: figures.contributed.value,
      guaranteed: guaranteed.value,
      earned: figures.earned.value,
      redistributed: figures.redistributed.value,
      returned: figures.returned.value,
      shared: figures.shared.value,
      priced: figures.priced.value,
      total: figures.total.value,
      pools: [],
      riskShares: [],
      pricedOutcomes: [],
      reconciliation,
      trace: {
        contributed: figures.contributed.node,
        earned: figures.earned.node,
        redistributed: figures.redistributed.node,
        returned: figures.returned.node,
        shared: figures.shared.node,
        priced: figures.priced.node,
        total: figures.total.node,
        ...(guaranteed.node === undefined ? {} : { guaranteed: guaranteed.node }),
      },
    };
  });

  // payments on account: the year's schedules (the same in every part: each instalment follows the
  // version in force on its due date, whatever the part), paid over the whole period
  const paymentsOnAccount = itemAt(parts, 0).settlement.paymentsOnAccount.map((schedule) => {
    const rows = schedule.parties.map((row) => {
      const inParts = parts.flatMap((part) => {
        const r = part.settlement.paymentsOnAccount
          .find((s) => s.id === schedule.id)
          ?.parties.find((x) => x.party === row.party);
        return r ? [{ start: part.span.start, row: r }] : [];
      });
      const paid = inParts.reduce((s, p) => s + units(p.row.paid), 0n);
      const paidNode = trace.add({
        id: `onAccount:${schedule.id}:${row.party}:paid`,
        label: `${row.party}'s payments on account under schedule ${schedule.id}, ${coverage.start} to ${coverage.end}`,
        value: money(paid),
        formula: 'sum over the parts of the period',
        inputs: inParts.map((p) => ({
          name: `from ${p.start}`,
          value: p.row.paid,
          node: prefix(p.start, p.row.trace.paid),
        })),
        path: `paymentsOnAccount[${schedule.id}]`,
      });
      return {
        ...row,
        paid: money(paid),
        trace: { year: prefix(itemAt(parts, 0).span.start, row.trace.year), paid: paidNode },
      };
    });
    return { ...schedule, parties: rows, paid: money(rows.reduce((s, r) => s + units(r.paid), 0n)) };
  });
  const measurements = [
    ...new Map(parts.flatMap((p) => p.settlement.measurements).map((m) => [JSON.stringify(m), m])).values(),
  ].sort((a, b) =>
    compareIds(
      [a.metric, a.party ?? '', a.cohort ?? '', a.person ?? ''].join('\u0000'),
      [b.metric, b.party ?? '', b.cohort ?? '', b.person ?? ''].join('\u0000'),
    ),
  );
  const last = itemAt(parts, parts.length - 1).settlement;
  const year = last.resolution.year;
  return {
    format: last.format,
    engine: last.engine,
    contract: last.contract,
    variations: last.variations,
    period: {
      id: period.id,
      start: period.start,
      end: period.end,
      ...(period.measuredOver === undefined
        ? {}
        : { measuredOver: { start: period.measuredOver.start, end: period.measuredOver.end } }),
    },
    currency: valid.currency,
    rounding: last.rounding,
    status: parts.some((p) => p.settlement.status === 'provisional') ? 'provisional' : 'final',
    inputsHash: itemAt(parts, 0).settlement.inputsHash,
    resolution: {
      calendar: last.resolution.calendar,
      year,
      coverage,
      partOfYear:
        coverage.start === year.start && coverage.end === year.end ? null : proRata(coverage, year, calendar).text,
      inForce: [],
      adjusted: [],
      // every part brings in its part of the same year's amounts (a copy: parts share nothing mutable)
      broughtForward: copyRecord(itemAt(parts, 0).settlement.resolution.broughtForward),
    },
    metrics: [],
    gateways: [],
    pools: [],
    riskShares: [],
    pooledBudgets: [],
    pointsSchemes: [],
    rateCards: [],
    measurements,
    paymentsOnAccount,
    segments,
    parties,
    trace: trace.finish(),
  };
}

import { sealed } from './document.js';
import type { Contract, Period } from '../contract/schema.js';
import { minorUnits } from '../money/currency.js';
import { Decimal, unitsText } from '../money/decimal.js';
import { compareIds } from '../money/order.js';
import { previousDay, proRata, type Span } from '../period/index.js';
import { calendarOf } from './resolve.js';
import { TraceBuilder } from '../base/trace.js';
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

/** One part of a period, settled by the version of the contract in force in it. */
type Part = { readonly span: Span; readonly contract: Contract; readonly settlement: Settlement };

/** A party's statement in one part, named by the part's first day. */
type InPart = { readonly start: string; readonly statement: PartyStatement };

/** A party's money figures that every statement has, each summed over the parts and traced. */
type MoneyField = 'contributed' | 'earned' | 'redistributed' | 'returned' | 'shared' | 'priced' | 'total';

/** What every step of combining the parts writes with: the new trace, and the currency's minor units. */
interface Combining {
  readonly trace: TraceBuilder;
  readonly money: (units: bigint) => string;
  /** Money text in minor units (0 for none). */
  readonly units: (text: string | null | undefined) => bigint;
}

/** A part's trace node id, copied into the combined trace. */
const prefix = (start: string, id: string) => `segment:${start}:${id}`;

/** The first and last of a list the caller knows is not empty. */
function ends<T>(items: readonly T[], what: string): { first: T; last: T } {
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) throw new Error(`internal: no ${what} to combine`);
  return { first, last };
}

/** Every part's trace, its node ids under `segment:<start>:` and its labels naming the version and days. */
function copyPartTraces(trace: TraceBuilder, parts: readonly Part[]): void {
  for (const part of parts) {
    for (const node of Object.values(part.settlement.trace)) {
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
}

/** A figure over the period: the sum of the parts that give it (null when none does), traced to them. */
function sumOverParts(
  run: Combining,
  id: string,
  latest: PartyStatement,
  name: MoneyField | 'guaranteed',
  present: readonly { start: string; value: string; node: string | undefined }[],
): { value: string | null; node: string | undefined } {
  if (present.length === 0) return { value: null, node: undefined };
  const total = present.reduce((s, p) => s + run.units(p.value), 0n);
  const node = run.trace.add({
    id: `party:${id}:${name}`,
    label: `${latest.name}: ${name} over the period`,
    value: run.money(total),
    formula: 'sum over the parts of the period settled by each version of the contract',
    inputs: present.map((p) => ({
      name: `from ${p.start}`,
      value: p.value,
      ...(p.node === undefined ? {} : { node: prefix(p.start, p.node) }),
    })),
    path: `parties[${id}]`,
  });
  return { value: run.money(total), node };
}

/** A money figure every statement has, summed over the parts and traced. */
function moneyFigure(run: Combining, id: string, latest: PartyStatement, inParts: readonly InPart[], name: MoneyField) {
  const present = inParts.map((p) => ({ start: p.start, value: p.statement[name], node: p.statement.trace[name] }));
  const { value, node } = sumOverParts(run, id, latest, name, present);
  if (value === null || node === undefined) throw new Error(`internal: no part gives '${name}' for '${id}'`);
  return { value, node };
}

/** The parts that give the party a guaranteed payment (one with no contract value has none). */
const guaranteedIn = (inParts: readonly InPart[]) =>
  inParts.flatMap(({ start, statement }) =>
    statement.guaranteed === null ? [] : [{ start, value: statement.guaranteed, node: statement.trace.guaranteed }],
  );

/** The party's contract value over the period: the sum of the parts that declare one, or null when none does. */
function contractValueOver(run: Combining, inParts: readonly InPart[]): string | null {
  const declared = inParts.flatMap(({ statement }) =>
    statement.contractValue === null ? [] : [statement.contractValue],
  );
  return declared.length === 0 ? null : run.money(declared.reduce((s, value) => s + run.units(value), 0n));
}

/** A provider's paid on account over the period, and its balance against its total. */
function reconcile(
  run: Combining,
  id: string,
  latest: PartyStatement,
  inParts: readonly InPart[],
  total: { value: string; node: string },
): Reconciliation {
  const paid = inParts.reduce((s, p) => s + run.units(p.statement.reconciliation?.paidOnAccount), 0n);
  const paidRef = run.trace.add({
    id: `party:${id}:paidOnAccount`,
    label: `${latest.name}: paid on account`,
    value: run.money(paid),
    formula: 'sum over the parts of the period',
    inputs: inParts.map((p) => ({
      name: `from ${p.start}`,
      value: p.statement.reconciliation?.paidOnAccount ?? '0',
      ...(p.statement.reconciliation ? { node: prefix(p.start, p.statement.reconciliation.trace.paidOnAccount) } : {}),
    })),
    path: `parties[${id}]`,
  });
  const balance = run.units(total.value) - paid;
  const balanceRef = run.trace.add({
    id: `party:${id}:balance`,
    label: `${latest.name}: ${balance < 0n ? 'balance due back from it' : 'balance due to it'}`,
    value: run.money(balance),
    formula: 'total − paid on account (+ due to the party, − due back from it)',
    inputs: [
      { name: 'total', value: total.value, node: total.node },
      { name: 'paid on account', value: run.money(paid), node: paidRef },
    ],
    path: `parties[${id}]`,
  });
  return {
    entitlement: total.value,
    paidOnAccount: run.money(paid),
    balance: run.money(balance),
    direction: balance > 0n ? 'due-to-party' : balance < 0n ? 'due-from-party' : 'settled',
    trace: { paidOnAccount: paidRef, balance: balanceRef },
  };
}

/** One party's statement over the period: each figure the sum of its figures in the parts, traced to them. */
function combineParty(run: Combining, id: string, parts: readonly Part[]): PartyStatement {
  const inParts: InPart[] = parts.flatMap((p) => {
    const statement = p.settlement.parties.find((s) => s.id === id);
    return statement ? [{ start: p.span.start, statement }] : [];
  });
  // the name and role as the latest part gives them
  const latest = ends(inParts, `statement of '${id}'`).last.statement;
  const figure = (name: MoneyField) => moneyFigure(run, id, latest, inParts, name);
  const figures = {
    contributed: figure('contributed'),
    earned: figure('earned'),
    redistributed: figure('redistributed'),
    returned: figure('returned'),
    shared: figure('shared'),
    priced: figure('priced'),
    total: figure('total'),
  };
  const guaranteed = sumOverParts(run, id, latest, 'guaranteed', guaranteedIn(inParts));
  const reconciliation = latest.role === 'provider' ? reconcile(run, id, latest, inParts, figures.total) : null;
  return {
    id,
    name: latest.name,
    role: latest.role,
    contractValue: contractValueOver(run, inParts),
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
}

/**
 * Payments on account: the year's schedules (the same in every part: each instalment follows the
 * version in force on its due date, whatever the part), paid over the whole period.
 */
function combinePaymentsOnAccount(
  run: Combining,
  parts: readonly Part[],
  first: Part,
  coverage: Span,
): Settlement['paymentsOnAccount'] {
  return first.settlement.paymentsOnAccount.map((schedule) => {
    const rows = schedule.parties.map((row) => {
      const inParts = parts.flatMap((part) => {
        const r = part.settlement.paymentsOnAccount
          .find((s) => s.id === schedule.id)
          ?.parties.find((x) => x.party === row.party);
        return r ? [{ start: part.span.start, row: r }] : [];
      });
      const paid = inParts.reduce((s, p) => s + run.units(p.row.paid), 0n);
      const paidNode = run.trace.add({
        id: `onAccount:${schedule.id}:${row.party}:paid`,
        label: `${row.party}'s payments on account under schedule ${schedule.id}, ${coverage.start} to ${coverage.end}`,
        value: run.money(paid),
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
        paid: run.money(paid),
        trace: { year: prefix(first.span.start, row.trace.year), paid: paidNode },
      };
    });
    return { ...schedule, parties: rows, paid: run.money(rows.reduce((s, r) => s + run.units(r.paid), 0n)) };
  });
}

/** Every measurement any part used, once each, in order of metric, party, cohort and person. */
function measurementsOf(parts: readonly Part[]): Settlement['measurements'] {
  return [...new Map(parts.flatMap((p) => p.settlement.measurements).map((m) => [JSON.stringify(m), m])).values()].sort(
    (a, b) =>
      compareIds(
        [a.metric, a.party ?? '', a.cohort ?? '', a.person ?? ''].join('\u0000'),
        [b.metric, b.party ?? '', b.cohort ?? '', b.person ?? ''].join('\u0000'),
      ),
  );
}

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
  const run: Combining = {
    trace: new TraceBuilder(),
    money: (units) => unitsText(units, scale),
    units: (text) => (text == null ? 0n : Decimal.of(text).toUnits(scale)),
  };
  const { first, last: lastPart } = ends(parts, 'parts of the period');
  copyPartTraces(run.trace, parts);
  const calendar = calendarOf(valid);
  const segments: SettlementSegment[] = parts.map((part) => ({
    start: part.span.start,
    end: part.span.end,
    contractVersion: part.settlement.contract.version,
    proRata: proRata(part.span, coverage, calendar).text,
    settlement: part.settlement,
  }));
  const ids = [...new Set(parts.flatMap((p) => p.settlement.parties.map((s) => s.id)))].sort(compareIds);
  const parties = ids.map((id) => combineParty(run, id, parts));
  const paymentsOnAccount = combinePaymentsOnAccount(run, parts, first, coverage);
  const measurements = measurementsOf(parts);
  const last = lastPart.settlement;
  const year = last.resolution.year;
  return sealed({
    format: last.format,
    engine: last.engine,
    contract: last.contract,
    // every part was settled from the same files and options
    contractHash: first.settlement.contractHash,
    measurementsHash: first.settlement.measurementsHash,
    options: copyOptions(first.settlement.options),
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
    inputsHash: first.settlement.inputsHash,
    settlementHash: '',
    // every part settled the one contract, so its warnings are the same in each
    warnings: first.settlement.warnings,
    resolution: {
      calendar: last.resolution.calendar,
      year,
      coverage,
      partOfYear:
        coverage.start === year.start && coverage.end === year.end ? null : proRata(coverage, year, calendar).text,
      inForce: [],
      adjusted: [],
      // every part brings in its part of the same year's amounts (a copy: parts share nothing mutable)
      broughtForward: copyRecord(first.settlement.resolution.broughtForward),
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
    trace: run.trace.finish(),
  });
}

/** A copy of the options a part was settled with: parts share nothing mutable. */
function copyOptions(options: Settlement['options']): Settlement['options'] {
  const brought = options.broughtForward;
  return { ...options, broughtForward: brought === null || brought === 'none' ? brought : { ...brought } };
}

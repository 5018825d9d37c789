import { fractionText } from '../period/index.js';
import { compareIds } from '../money/order.js';
import type { AdjustedAmount, ResolvedContract } from './resolve.js';
import type { TraceBuilder } from '../base/trace.js';
import type { BroughtForwardRecord, SettlementResolution } from './types.js';

/**
 * Writes what resolving the contract did into the trace (one node per party in force part-way
 * and per amount cut or pro-rated) and returns the settlement's `resolution` section, with what
 * was brought forward from the previous year (and any part of it cut to what is settled).
 */
export function traceResolution(
  resolved: ResolvedContract,
  trace: TraceBuilder,
  brought: { readonly record: BroughtForwardRecord | null; readonly adjusted: readonly AdjustedAmount[] },
): SettlementResolution {
  const inForce = resolved.inForce.map((p) => ({
    party: p.party,
    // a party not in force at all in what is settled (it joins later, or has left) has no dates
    from: p.from <= p.to ? p.from : null,
    to: p.from <= p.to ? p.to : null,
    proRata: p.proRata.text,
    fraction: fractionText(p.proRata.fraction),
    trace: trace.add({
      id: `resolve:inForce:${p.party}`,
      label: `${p.party}'s time in force in what is settled`,
      value: fractionText(p.proRata.fraction),
      formula:
        p.from <= p.to
          ? `in force ${p.from} to ${p.to} of ${resolved.coverage.start} to ${resolved.coverage.end}: ${p.proRata.text}`
          : `not in force from ${resolved.coverage.start} to ${resolved.coverage.end}: ${p.proRata.text}`,
      inputs: [
        { name: 'joins', value: p.joins ?? 'from the start' },
        { name: 'leaves', value: p.leaves ?? 'at the end' },
      ],
      path: `parties[${p.party}]`,
    }),
  }));
  // a party's contract value pro-rated for its time in force links to that time's node
  const timeInForce = (path: string) => {
    const party = /^parties\[(.+)\]\.contractValue$/.exec(path)?.[1];
    const entry = inForce.find((p) => p.party === party);
    return entry === undefined
      ? []
      : [{ name: `${entry.party}'s time in force`, value: entry.fraction, node: entry.trace }];
  };
  const amounts =
    brought.adjusted.length === 0
      ? resolved.adjusted
      : [...resolved.adjusted, ...brought.adjusted].sort((a, b) => compareIds(a.path, b.path));
  const adjusted = amounts.map((a) => ({
    path: a.path,
    declared: a.declared,
    value: a.value,
    trace: trace.add({
      id: `resolve:${a.path}`,
      label: `${a.path} for what is settled`,
      value: a.value,
      formula: a.formula,
      inputs: [{ name: 'declared for the year', value: a.declared }, ...timeInForce(a.path)],
      path: a.path,
    }),
  }));
  return {
    calendar: { dayCount: resolved.calendar.dayCount, monthEnd: resolved.calendar.monthEnd },
    // copies: the resolution is kept for later settlements, which must share nothing mutable
    year: { start: resolved.year.start, end: resolved.year.end },
    coverage: { start: resolved.coverage.start, end: resolved.coverage.end },
    partOfYear: resolved.partOfYear?.text ?? null,
    inForce,
    adjusted,
    broughtForward:
      brought.record === null
        ? null
        : {
            from: brought.record.from === null ? null : { ...brought.record.from },
            pools: brought.record.pools.map((p) => ({ ...p })),
          },
  };
}

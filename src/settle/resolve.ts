import { itemAt } from '../base/lookup.js';
import { compile, isCompiledContract, memoized, MemoKey } from '../contract/compiled.js';
import type { Contract, Party, Period } from '../contract/schema.js';
import { Decimal } from '../money/decimal.js';
import { compareIds } from '../money/order.js';
import type { RoundingMode } from '../money/rounding.js';
import {
  DEFAULT_CALENDAR,
  ONE,
  wholeWeights,
  proRata,
  yearParts,
  type Calendar,
  type ProRata,
  type Span,
  type YearParts,
} from '../period/index.js';
import { changesInYear, cutPool } from '../pools/index.js';
import { YearAmounts } from './year-amounts.js';

/** A party in force for only part of what is settled: its dates and its pro rata. */
interface PartyInForce {
  readonly party: string;
  readonly from: string;
  readonly to: string;
  readonly joins: string | undefined;
  readonly leaves: string | undefined;
  readonly proRata: ProRata;
}

/** A declared amount changed for the period settled: where it is, what was declared, what is used and why. */
export interface AdjustedAmount {
  readonly path: string;
  readonly declared: string;
  readonly value: string;
  readonly formula: string;
}

/** The contract as it applies to what is settled: amounts for the part of the year, parties pro-rated. */
export interface ResolvedContract {
  readonly contract: Contract;
  readonly calendar: Calendar;
  /** The contract year the period belongs to. */
  readonly year: Span;
  /** What is settled: the period, or the period up to `asOf`. */
  readonly coverage: Span;
  /** How much of the year is settled, when less than all of it. */
  readonly partOfYear: ProRata | null;
  readonly inForce: readonly PartyInForce[];
  /** Per party, a whole-number weight for its time in force (for equal and fixed shares); null when all are in force throughout. */
  readonly timeWeights: ReadonlyMap<string, Decimal> | null;
  readonly adjusted: readonly AdjustedAmount[];
}

export function calendarOf(contract: Contract): Calendar {
  return {
    dayCount: contract.calendar?.dayCount ?? DEFAULT_CALENDAR.dayCount,
    monthEnd: contract.calendar?.monthEnd ?? DEFAULT_CALENDAR.monthEnd,
  };
}

/** The contract year a period belongs to: itself when it is a year, else the year around it (validated). */
export function yearOf(contract: Contract, period: Period): Period {
  if ((period.kind ?? 'year') === 'year') return period;
  return contract.periods.find((p) => (p.kind ?? 'year') === 'year' && p.start <= period.start && p.end >= period.end)!;
}

/**
 * The contract year of `period` cut into the parts that any of its amounts is split over, so that
 * what `coverage` gets of a year's amount adds up with the other parts to the year exactly: the
 * year's months, its declared periods, `coverage` itself and the days parties join and leave.
 * Null when `coverage` is the whole year.
 */
export function partsOfYear(contract: Contract, period: Period, coverage: Span, calendar: Calendar): YearParts | null {
  const yearPeriod = yearOf(contract, period);
  const year: Span = { start: yearPeriod.start, end: yearPeriod.end };
  if (coverage.start === year.start && coverage.end === year.end) return null;
  return yearParts(
    year,
    [
      // (the year's months are always parts: see yearParts)
      ...contract.periods.filter((p) => p.start >= year.start && p.end <= year.end && p !== yearPeriod),
      coverage,
      // the days parties join and leave, so that a party's amount is cut from its days in force
      ...contract.parties.flatMap((p) => [
        ...(p.joins === undefined ? [] : [{ start: p.joins, end: year.end }]),
        ...(p.leaves === undefined ? [] : [{ start: year.start, end: p.leaves }]),
      ]),
    ],
    calendar,
  );
}

/**
 * Resolves the contract for one settlement: the year's amounts cut to the part of the year
 * settled (a quarter, a month, a year to date, the days one version of the contract was in force), and each party that joins or leaves part-way
 * pro-rated by its days or months in force. The settlement pipeline asks `period/` for every
 * factor and never does date arithmetic itself. With nothing to resolve the contract is returned
 * as it is, so its cached plans stay in use.
 */
export function resolveContract(
  contract: Contract,
  period: Period,
  coverage: Span,
  mode: RoundingMode,
): ResolvedContract {
  // A resolution depends on the contract and what is settled alone: sweeps and schedules ask for
  // the same one again, and the resolved contract, compiled in turn, keeps its pools' plans.
  const key = new MemoKey<ResolvedContract>(
    `resolution\u0000${period.id}\u0000${coverage.start}\u0000${coverage.end}\u0000${mode}`,
  );
  return memoized(contract, key, () => {
    const resolved = resolveAnew(contract, period, coverage, mode);
    if (resolved.contract !== contract && isCompiledContract(contract)) compile(resolved.contract);
    return resolved;
  });
}

/** The parties in force for only part of `span`: their dates and pro rata (those in force throughout are left out). */
function partiesInForce(parties: readonly Party[], span: Span, calendar: Calendar): PartyInForce[] {
  const inForce: PartyInForce[] = [];
  for (const party of parties) {
    const from = party.joins !== undefined && party.joins > span.start ? party.joins : span.start;
    const to = party.leaves !== undefined && party.leaves < span.end ? party.leaves : span.end;
    if (from === span.start && to === span.end) continue;
    inForce.push({
      party: party.id,
      from,
      to,
      joins: party.joins,
      leaves: party.leaves,
      proRata: proRata({ start: from, end: to }, span, calendar),
    });
  }
  return inForce;
}

function resolveAnew(contract: Contract, period: Period, coverage: Span, mode: RoundingMode): ResolvedContract {
  const calendar = calendarOf(contract);
  const yearPeriod = yearOf(contract, period);
  const year: Span = { start: yearPeriod.start, end: yearPeriod.end };
  const wholeYear = coverage.start === year.start && coverage.end === year.end;
  const parts = partsOfYear(contract, yearPeriod, coverage, calendar);
  const partOfYear = wholeYear ? null : proRata(coverage, year, calendar);

  const inForce = partiesInForce(contract.parties, coverage, calendar);
  const rebases = contract.pools.some((pool) => changesInYear(pool, yearPeriod.id));
  if (!parts && inForce.length === 0 && !rebases) {
    return { contract, calendar, year, coverage, partOfYear, inForce, timeWeights: null, adjusted: [] };
  }
  const factors = new Map(inForce.map((p) => [p.party, p]));
  const amounts = new YearAmounts(contract, {
    year,
    coverage,
    calendar,
    mode,
    parts,
    partOfYear,
    factors,
    // for a part of a year: each party's days in force in the whole year, where fewer than all
    inYear: parts ? new Map(partiesInForce(contract.parties, year, calendar).map((p) => [p.party, p])) : new Map(),
  });
  const parties: Party[] = contract.parties.map((p) => amounts.party(p));
  const pools = contract.pools.map((pool) => cutPool(pool, amounts.cutter(yearPeriod.id)));

  let timeWeights: Map<string, Decimal> | null = null;
  if (inForce.length > 0) {
    // everyone else is in force throughout: a fraction of one
    const weights = wholeWeights(contract.parties.map((p) => factors.get(p.id)?.proRata.fraction ?? ONE));
    timeWeights = new Map(contract.parties.map((p, i) => [p.id, Decimal.fromInteger(itemAt(weights, i))]));
  }
  return {
    contract: { ...contract, parties, pools },
    calendar,
    year,
    coverage,
    partOfYear,
    // listed in code-point order, whatever the order of the input
    inForce: [...inForce].sort((a, b) => compareIds(a.party, b.party)),
    timeWeights,
    adjusted: [...amounts.adjusted].sort((a, b) => compareIds(a.path, b.path)),
  };
}

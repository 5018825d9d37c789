import type { Contract, Party, Period } from '../contract/schema.js';
import { minorUnits } from '../money/currency.js';
import { Decimal, RATIO_DECIMAL_PLACES, unitsText } from '../money/decimal.js';
import { compareIds } from '../money/order.js';
import type { RoundingMode } from '../money/rounding.js';
import {
  amountForSpan,
  DEFAULT_CALENDAR,
  fractionText,
  ONE,
  wholeWeights,
  proRata,
  scaleUnits,
  yearParts,
  type Calendar,
  type ProRata,
  type Span,
  type YearParts,
} from '../period/index.js';
import type { Cutter } from '../pools/context.js';
import { changesInYear, contributionsOnTheYear, cutPool } from '../pools/index.js';

/** A party in force for only part of what is settled: its dates and its pro rata. */
export interface PartyInForce {
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
  // the same one again, and a frozen resolved contract keeps its pools' cached plans.
  if (!Object.isFrozen(contract)) return resolveAnew(contract, period, coverage, mode);
  let cache = resolutions.get(contract);
  if (!cache) resolutions.set(contract, (cache = new Map()));
  const key = `${period.id}\u0000${coverage.start}\u0000${coverage.end}\u0000${mode}`;
  let resolved = cache.get(key);
  if (!resolved) {
    if (cache.size >= 64) cache.clear();
    resolved = resolveAnew(contract, period, coverage, mode);
    if (resolved.contract !== contract) deepFreeze(resolved.contract);
    cache.set(key, resolved);
  }
  return resolved;
}

const resolutions = new WeakMap<Contract, Map<string, ResolvedContract>>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function resolveAnew(contract: Contract, period: Period, coverage: Span, mode: RoundingMode): ResolvedContract {
  const calendar = calendarOf(contract);
  const yearPeriod = yearOf(contract, period);
  const year: Span = { start: yearPeriod.start, end: yearPeriod.end };
  const wholeYear = coverage.start === year.start && coverage.end === year.end;
  const parts = partsOfYear(contract, yearPeriod, coverage, calendar);
  const partOfYear = wholeYear ? null : proRata(coverage, year, calendar);

  const inForce: PartyInForce[] = [];
  for (const party of contract.parties) {
    const from = party.joins !== undefined && party.joins > coverage.start ? party.joins : coverage.start;
    const to = party.leaves !== undefined && party.leaves < coverage.end ? party.leaves : coverage.end;
    if (from === coverage.start && to === coverage.end) continue;
    inForce.push({
      party: party.id,
      from,
      to,
      joins: party.joins,
      leaves: party.leaves,
      proRata: proRata({ start: from, end: to }, coverage, calendar),
    });
  }
  const rebases = contract.pools.some((pool) => changesInYear(pool, yearPeriod.id));
  if (!parts && inForce.length === 0 && !rebases) {
    return { contract, calendar, year, coverage, partOfYear, inForce, timeWeights: null, adjusted: [] };
  }
  const factors = new Map(inForce.map((p) => [p.party, p]));
  // for a part of a year: each party's days in force in the whole year, where fewer than all
  const inYearOf = new Map<string, { from: string; to: string; proRata: ProRata }>();
  if (parts) {
    for (const party of contract.parties) {
      const from = party.joins !== undefined && party.joins > year.start ? party.joins : year.start;
      const to = party.leaves !== undefined && party.leaves < year.end ? party.leaves : year.end;
      if (from === year.start && to === year.end) continue;
      inYearOf.set(party.id, { from, to, proRata: proRata({ start: from, end: to }, year, calendar) });
    }
  }
  const minor = minorUnits(contract.currency);
  const adjusted: AdjustedAmount[] = [];

  /** A declared year amount in minor units (or finer, as declared), with the steps taken so far. */
  type Working = { units: bigint; scale: number; steps: string[] };
  /** The year's amount for `party`: pro-rated once for its days in force in the year, when fewer than all. */
  const forYear = (declared: string, party?: string, origin?: string): Working => {
    const value = Decimal.parse(declared)!;
    const scale = Math.max(minor, value.decimalPlaces);
    const working: Working = { units: value.toUnits(scale, mode), scale, steps: origin === undefined ? [] : [origin] };
    const inYear = parts && party !== undefined ? inYearOf.get(party) : undefined;
    if (inYear) {
      const before = unitsText(working.units, scale);
      working.units = scaleUnits(working.units, inYear.proRata.fraction, mode);
      working.steps.push(
        `${before} × ${fractionText(inYear.proRata.fraction)} for ${party}'s time in force in the year ${inYear.from} to ${inYear.to} (${inYear.proRata.text}), rounded ${mode} → ${unitsText(working.units, scale)}`,
      );
    }
    return working;
  };
  /**
   * A year amount cut to what is settled: split over the year's months (those `party` is in force
   * in), then each month over its parts, so the parts of a year add up to the year's amount; for
   * a whole year, only pro-rated for `party`'s time in force.
   */
  const cut = (working: Working, party?: string): bigint => {
    const { units, scale, steps } = working;
    if (parts) {
      const inYear = party === undefined ? undefined : inYearOf.get(party);
      const within = inYear === undefined ? undefined : { start: inYear.from, end: inYear.to };
      const part = amountForSpan(units, parts, coverage, scale, within);
      steps.push(
        `split over the year's months${within ? ' in force' : ''} by ${calendar.dayCount}, then each month over its parts (largest remainder): ${coverage.start} to ${coverage.end} is ${partOfYear!.text} → ${unitsText(part, scale)}`,
      );
      return part;
    }
    const inForceHere = party === undefined ? undefined : factors.get(party);
    if (!inForceHere) return units;
    const part = scaleUnits(units, inForceHere.proRata.fraction, mode);
    steps.push(
      `${unitsText(units, scale)} × ${fractionText(inForceHere.proRata.fraction)} for ${party}'s time in force ${inForceHere.from} to ${inForceHere.to} (${inForceHere.proRata.text}), rounded ${mode} → ${unitsText(part, scale)}`,
    );
    return part;
  };
  const note = (path: string, declared: string, units: bigint, working: Working): string => {
    const text = unitsText(units, working.scale);
    if (working.steps.length > 0) adjusted.push({ path, declared, value: text, formula: working.steps.join('; ') });
    return text;
  };
  /** A declared amount for what is settled: the year's amount cut to the coverage, pro-rated for `party`'s time in force. */
  const amount = (path: string, declared: string, party?: string): string => {
    const working = forYear(declared, party);
    return note(path, declared, cut(working, party), working);
  };

  // For a part of a year, what a party puts into outcome pools is worked out on the year (a
  // percentage of the year's contract value is a year amount) and cut like any other amount.
  const places = contract.rounding?.ratioDecimalPlaces ?? RATIO_DECIMAL_PLACES;
  const contributionsOf = new Map<
    string,
    { pool: string; path: string; declared: string; working: Working; part: bigint }[]
  >();
  if (parts) {
    for (const pool of contract.pools) {
      for (const c of contributionsOnTheYear(pool)) {
        const path = `pools[${pool.id}].contributions[party=${c.party}].amount`;
        let working: Working;
        let declared: string;
        if (c.amount !== undefined) {
          declared = c.amount;
          working = forYear(c.amount, c.party);
        } else {
          const value = contract.parties.find((p) => p.id === c.party)?.contractValue;
          if (value === undefined || c.percentOfContractValue === undefined) continue;
          const year = forYear(value, c.party);
          const exact = Decimal.fromUnits(year.units, year.scale)
            .times(Decimal.parse(c.percentOfContractValue)!)
            .dividedBy(Decimal.HUNDRED, places);
          declared = `${c.percentOfContractValue} % of ${value}`;
          working = {
            units: exact.toUnits(minor, mode),
            scale: minor,
            steps: [
              `${c.percentOfContractValue} % of the year's contract value ${unitsText(year.units, year.scale)} = ${exact.toPlainString()}, rounded ${mode} → ${unitsText(exact.toUnits(minor, mode), minor)}`,
            ],
          };
        }
        const entry = { pool: pool.id, path, declared, working: { ...working, steps: [...working.steps] }, part: 0n };
        entry.part = cut(entry.working, c.party);
        let list = contributionsOf.get(c.party);
        if (!list) contributionsOf.set(c.party, (list = []));
        list.push(entry);
      }
    }
  }
  const contributionPart = (pool: string, party: string) => {
    const entry = contributionsOf.get(party)?.find((e) => e.pool === pool);
    return entry && note(entry.path, entry.declared, entry.part, entry.working);
  };

  const parties: Party[] = contract.parties.map((p) => {
    if (p.contractValue === undefined) return p;
    const path = `parties[${p.id}].contractValue`;
    const atRisk = contributionsOf.get(p.id);
    if (!atRisk) return { ...p, contractValue: amount(path, p.contractValue, p.id) };
    // The guaranteed payment (the value less what is at risk) is cut as one amount, as its monthly
    // instalments are, so a year to date at a month end is what those instalments paid; the
    // value for the part is that plus the parts at risk.
    const working = forYear(p.contractValue, p.id);
    const lift = (e: (typeof atRisk)[number]) => e.working.units * 10n ** BigInt(working.scale - e.working.scale);
    const guaranteedYear = atRisk.reduce((g, e) => g - lift(e), working.units);
    const guaranteed = cut({ units: guaranteedYear, scale: working.scale, steps: [] }, p.id);
    const value = atRisk.reduce((v, e) => v + e.part * 10n ** BigInt(working.scale - e.working.scale), guaranteed);
    working.steps.push(
      `less ${atRisk.map((e) => `${unitsText(e.working.units, e.working.scale)} at risk in pool ${e.pool}`).join(', ')} = the year's guaranteed ${unitsText(guaranteedYear, working.scale)}, cut to ${coverage.start} to ${coverage.end} → ${unitsText(guaranteed, working.scale)}; plus ${atRisk.map((e) => `${unitsText(e.part, e.working.scale)} at risk in pool ${e.pool}`).join(', ')} for the part → ${unitsText(value, working.scale)}`,
    );
    return { ...p, contractValue: note(path, p.contractValue, value, working) };
  });
  const cutter: Cutter = {
    yearId: yearPeriod.id,
    partOfYear: parts !== null,
    amount,
    contributionPart,
    cutWhole: (units) => (parts ? amountForSpan(units, parts, coverage, minor) : units),
    settled: `${coverage.start} to ${coverage.end}${partOfYear ? ` (${partOfYear.text})` : ''}`,
    adjust: (path, declared, value, formula) => adjusted.push({ path, declared, value, formula }),
    minorUnits: minor,
    mode,
  };
  const pools = contract.pools.map((pool) => cutPool(pool, cutter));

  let timeWeights: Map<string, Decimal> | null = null;
  if (inForce.length > 0) {
    // everyone else is in force throughout: a fraction of one
    const weights = wholeWeights(contract.parties.map((p) => factors.get(p.id)?.proRata.fraction ?? ONE));
    timeWeights = new Map(contract.parties.map((p, i) => [p.id, Decimal.fromInteger(weights[i]!)]));
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
    adjusted: [...adjusted].sort((a, b) => compareIds(a.path, b.path)),
  };
}

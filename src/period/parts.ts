import { entry, itemAt } from '../base/lookup.js';
import { allocateUnits } from '../money/allocate.js';
import { Decimal } from '../money/decimal.js';
import { nextDay, previousDay, type IsoDate } from './dates.js';
import { proRata, type Calendar, type Span } from './day-count.js';
import { wholeWeights } from './fraction.js';
import { splitPeriod } from './split.js';

/**
 * A contract year cut into parts at its months and at the edges of the spans inside it (periods
 * settled, a year to date, the days a party joins or leaves). Each part lies in one month.
 */
export interface YearParts {
  readonly year: Span;
  readonly calendar: Calendar;
  readonly months: readonly Span[];
  readonly parts: readonly {
    readonly id: IsoDate;
    readonly span: Span;
    readonly weight: Decimal;
    /** Index in `months` of the month it lies in. */
    readonly month: number;
  }[];
}

/** Cuts `year` at its months and at the start and the day after the end of each span inside it. */
export function yearParts(year: Span, spans: readonly Span[], calendar: Calendar): YearParts {
  const months = splitPeriod(year, 'month', calendar.monthEnd);
  const cuts = new Set<IsoDate>(months.map((m) => m.start));
  for (const s of spans) {
    if (s.start > year.start && s.start <= year.end) cuts.add(s.start);
    const after = nextDay(s.end);
    if (after > year.start && after <= year.end) cuts.add(after);
  }
  const starts = [...cuts].sort();
  const spansOfYear = starts.map((start, i) => {
    const next = starts[i + 1];
    return { start, end: next === undefined ? year.end : previousDay(next) };
  });
  const weights = wholeWeights(spansOfYear.map((span) => proRata(span, year, calendar).fraction));
  let month = 0;
  return {
    year,
    calendar,
    months,
    parts: spansOfYear.map((span, i) => {
      while (span.start > months[month]!.end) month++;
      return { id: span.start, span, weight: Decimal.fromInteger(itemAt(weights, i)), month };
    }),
  };
}

/**
 * The part of a year's amount (in minor units of `scale`) that falls in `span`, for an amount
 * that runs over `within` (the whole year, or a party's days in force in it). The amount is split
 * over the year's months first, by largest remainder, exactly as monthly instalments split it, so
 * a span of whole months gets what those instalments pay; then each month's amount over its parts.
 * The parts of any amount add up to it exactly, and a quarter's amount is the sum of its months'.
 */
export function amountForSpan(units: bigint, parts: YearParts, span: Span, scale: number, within?: Span): bigint {
  const inForce = parts.parts.filter(
    (p) => within === undefined || (p.span.start >= within.start && p.span.end <= within.end),
  );
  const monthWeights = new Map<number, Decimal>();
  for (const p of inForce) monthWeights.set(p.month, (monthWeights.get(p.month) ?? Decimal.ZERO).plus(p.weight));
  if (monthWeights.size === 0) return 0n;
  // each month by its first day in force: ids in date order, the instalments' remainder tie-break
  const monthOf = new Map([...monthWeights.keys()].map((m) => [inForce.find((p) => p.month === m)!.id, m]));
  const byMonth = allocateUnits(
    units,
    [...monthOf].map(([id, month]) => ({ id, weight: entry(monthWeights, month) })),
    scale,
  );
  let total = 0n;
  for (const share of byMonth) {
    const index = entry(monthOf, share.id);
    const month = itemAt(parts.months, index);
    if (month.start >= span.start && month.end <= span.end) {
      total += share.units;
      continue;
    }
    const own = inForce.filter((p) => p.month === index);
    if (!own.some((p) => p.span.start >= span.start && p.span.end <= span.end)) continue;
    for (const s of allocateUnits(share.units, own, scale)) {
      const part = own.find((p) => p.id === s.id)!;
      if (part.span.start >= span.start && part.span.end <= span.end) total += s.units;
    }
  }
  return total;
}

import { allocateUnits } from '../money/allocate.js';
import { Decimal } from '../money/decimal.js';
import { nextDay, previousDay, type IsoDate } from './dates.js';
import { proRata, type Calendar, type Span } from './day-count.js';
import { wholeWeights } from './fraction.js';

/**
 * A contract year cut into parts at the edges of the periods settled inside it (quarters, months,
 * a year to date). A year's amount is split over the parts by their days or months with the
 * largest-remainder rule, so the parts of any amount add up to it exactly, and a quarter's amount
 * is the sum of its months' amounts whenever both are declared.
 */
export interface YearParts {
  readonly year: Span;
  readonly parts: readonly { readonly id: IsoDate; readonly span: Span; readonly weight: Decimal }[];
  readonly calendar: Calendar;
}

/** Cuts `year` at the start and the day after the end of each span inside it. */
export function yearParts(year: Span, spans: readonly Span[], calendar: Calendar): YearParts {
  const cuts = new Set<IsoDate>([year.start]);
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
  return {
    year,
    calendar,
    parts: spansOfYear.map((span, i) => ({
      id: span.start,
      span,
      weight: Decimal.fromInteger(weights[i]!),
    })),
  };
}

/**
 * The part of a year's amount (in minor units of `scale`) that falls in `span`: the amount split
 * over the year's parts by largest remainder, and the parts inside `span` added up.
 */
export function amountForSpan(units: bigint, parts: YearParts, span: Span, scale: number): bigint {
  const shares = allocateUnits(
    units,
    parts.parts.map((p) => ({ id: p.id, weight: p.weight })),
    scale,
  );
  const byId = new Map(shares.map((s) => [s.id, s.units]));
  let total = 0n;
  for (const p of parts.parts) if (p.span.start >= span.start && p.span.end <= span.end) total += byId.get(p.id)!;
  return total;
}

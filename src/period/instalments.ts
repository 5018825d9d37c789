import { entry, itemAt } from '../base/lookup.js';
import { allocateUnits } from '../money/allocate.js';
import { Decimal } from '../money/decimal.js';
import { earlierOf, laterOf, type IsoDate } from './dates.js';
import { proRata, type Calendar, type Span } from './day-count.js';
import { wholeWeights } from './fraction.js';
import { splitPeriod, type Frequency } from './split.js';

/** One instalment of a schedule: the part of the period it pays for, when it is due, and its amount. */
export interface Instalment {
  /** The start of the part it pays for: ids sort in date order, which is the remainder tie-break. */
  readonly id: IsoDate;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly due: IsoDate;
  /** The part's weight: its days (actual/actual) or months (twelfths), as a decimal string. */
  readonly weight: string;
  readonly units: bigint;
  readonly exactShare: Decimal;
  readonly unitsAdded: 0 | 1;
}

/**
 * Splits an amount for `period` into instalments of one frequency, paid for the part of the
 * period in `active` (the whole period unless a party joins or leaves part-way). Each part
 * weighs its days or months by the calendar; the amount is split by the largest-remainder rule,
 * so the instalments add up to it exactly; equal parts (twelfths) give the spare minor units to
 * the earliest instalments.
 * @example £1,000,000.00 monthly, twelfths: April to July £83,333.34, August to March £83,333.33.
 */
export function instalments(
  units: bigint,
  period: Span,
  frequency: Frequency,
  calendar: Calendar,
  due: 'start' | 'end',
  scale: number,
  active: Span = period,
): Instalment[] {
  const weighted = weightedParts(period, frequency, calendar, active);
  if (weighted.length === 0) return [];
  const shares = new Map(allocateUnits(units, weighted, scale).map((s) => [s.id, s]));
  return weighted.map((p) => {
    const s = entry(shares, p.id);
    return {
      id: p.id,
      start: p.start,
      end: p.end,
      due: due === 'start' ? p.start : p.end,
      weight: p.weight.toString(),
      units: s.units,
      exactShare: s.exactShare,
      unitsAdded: s.unitsAdded,
    };
  });
}

type WeightedPart = { readonly id: IsoDate; readonly start: IsoDate; readonly end: IsoDate; readonly weight: Decimal };
const partsCache = new Map<string, readonly WeightedPart[]>();

/** The parts of `period` in `active`, each weighted by its days or months; kept, since every party's schedule asks. */
function weightedParts(period: Span, frequency: Frequency, calendar: Calendar, active: Span): readonly WeightedPart[] {
  const key = [
    period.start,
    period.end,
    frequency,
    calendar.dayCount,
    calendar.monthEnd,
    active.start,
    active.end,
  ].join(' ');
  const cached = partsCache.get(key);
  if (cached) return cached;
  const parts = splitPeriod(period, frequency, calendar.monthEnd).flatMap((part) => {
    const start = laterOf(part.start, active.start);
    const end = earlierOf(part.end, active.end);
    if (start > end) return [];
    // the part's share of the period, by the calendar's day count
    return [{ start, end, share: proRata({ start, end }, period, calendar).fraction }];
  });
  const weights = wholeWeights(parts.map((p) => p.share));
  const weighted = parts.map((p, i) => ({
    id: p.start,
    start: p.start,
    end: p.end,
    weight: Decimal.fromInteger(itemAt(weights, i)),
  }));
  if (partsCache.size >= 1_000) partsCache.clear();
  partsCache.set(key, weighted);
  return weighted;
}

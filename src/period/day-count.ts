import { addMonthsTo, daysIn, earlierOf, laterOf, previousDay, type IsoDate, type MonthEnd } from './dates.js';
import { addFractions, divideFractions, fraction, fractionText, type Fraction } from './fraction.js';

/**
 * How a part of a period is measured for pro rata:
 * - `actual/actual`: actual days in the part over actual days in the period (182 of 365);
 * - `twelfths`: calendar months of the period's own month grid (months counted from its start),
 *   each whole month 1, a part month its days over that month's days; over the period's months.
 */
export type DayCount = 'actual/actual' | 'twelfths';

export interface Calendar {
  readonly dayCount: DayCount;
  readonly monthEnd: MonthEnd;
}

export const DEFAULT_CALENDAR: Calendar = { dayCount: 'actual/actual', monthEnd: 'clamp' };

export interface Span {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/** A part of a period, measured: the fraction of the period and how it was counted, in words. */
export interface ProRata {
  readonly fraction: Fraction;
  /** "182 of 365 days (actual/actual)", "6 of 12 months (twelfths)". */
  readonly text: string;
}

/** The months of `period`'s grid: [start, start + 1 month − 1 day], … the last one cut at the end. */
function monthGrid(period: Span, monthEnd: MonthEnd): Span[] {
  const months: Span[] = [];
  for (let k = 0; ; k++) {
    const start = addMonthsTo(period.start, k, monthEnd);
    if (start > period.end) return months;
    const end = previousDay(addMonthsTo(period.start, k + 1, monthEnd));
    months.push({ start, end });
  }
}

/** Months of `part` on `period`'s month grid: whole months count 1, a part month days/days-in-month. */
function monthsOf(part: Span, period: Span, monthEnd: MonthEnd): Fraction {
  let total = fraction(0n, 1n);
  for (const month of monthGrid(period, monthEnd)) {
    const start = laterOf(month.start, part.start);
    const end = earlierOf(month.end, part.end);
    if (start > end) continue;
    total = addFractions(total, fraction(BigInt(daysIn(start, end)), BigInt(daysIn(month.start, month.end))));
  }
  return total;
}

const monthsText = (f: Fraction) => (f.denominator === 1n ? `${f.numerator}` : fractionText(f));

/**
 * The fraction of `period` that `part` covers, by the calendar's day count. `part` is cut to the
 * period first; a part outside it is 0.
 * @example proRata({ start: '2025-10-01', end: '2026-03-31' }, { start: '2025-04-01', end: '2026-03-31' }, DEFAULT_CALENDAR)
 * // { fraction: 182/365, text: '182 of 365 days (actual/actual)' }
 */
export function proRata(part: Span, period: Span, calendar: Calendar): ProRata {
  const start = laterOf(part.start, period.start);
  const end = earlierOf(part.end, period.end);
  if (calendar.dayCount === 'twelfths') {
    const months = monthsOf({ start, end }, period, calendar.monthEnd);
    const all = monthsOf(period, period, calendar.monthEnd);
    return {
      fraction: start > end ? fraction(0n, 1n) : divideFractions(months, all),
      text: `${start > end ? '0' : monthsText(months)} of ${monthsText(all)} months (twelfths)`,
    };
  }
  const days = start > end ? 0 : daysIn(start, end);
  const all = daysIn(period.start, period.end);
  return { fraction: fraction(BigInt(days), BigInt(all)), text: `${days} of ${all} days (actual/actual)` };
}

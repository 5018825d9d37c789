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

/** Month `k` of `period`'s grid: [start + k months, start + k + 1 months − 1 day]. */
function gridMonth(period: Span, k: number, monthEnd: MonthEnd): Span {
  return {
    start: addMonthsTo(period.start, k, monthEnd),
    end: previousDay(addMonthsTo(period.start, k + 1, monthEnd)),
  };
}

/** The index of the grid month holding `date` (a date on or after the period's start). */
function gridIndex(date: string, period: Span, monthEnd: MonthEnd): number {
  const calendarMonths = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  const k = calendarMonths(date) - calendarMonths(period.start);
  // grid month k starts in the same calendar month as `date`, on or before it, or after it
  return addMonthsTo(period.start, k, monthEnd) <= date ? k : k - 1;
}

/** Days of `part` (inside one grid month) over the days of that month. */
const partOfMonth = (start: string, end: string, month: Span): Fraction =>
  fraction(BigInt(daysIn(start, end)), BigInt(daysIn(month.start, month.end)));

/**
 * Months of `part` on `period`'s month grid: whole months count 1, a part month days/days-in-month.
 * Worked out from the first and last months the part touches, with the whole months between
 * counted at once, so a schedule of n instalments costs n, not n² (a month-by-month walk over the
 * grid for every part took 5 s for 960 monthly instalments).
 */
function monthsOf(part: Span, period: Span, monthEnd: MonthEnd): Fraction {
  const first = gridIndex(part.start, period, monthEnd);
  const last = gridIndex(part.end, period, monthEnd);
  const firstMonth = gridMonth(period, first, monthEnd);
  if (first === last) return partOfMonth(part.start, part.end, firstMonth);
  const lastMonth = gridMonth(period, last, monthEnd);
  return addFractions(
    addFractions(partOfMonth(part.start, firstMonth.end, firstMonth), fraction(BigInt(last - first - 1), 1n)),
    partOfMonth(lastMonth.start, part.end, lastMonth),
  );
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
    const months = start > end ? fraction(0n, 1n) : monthsOf({ start, end }, period, calendar.monthEnd);
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

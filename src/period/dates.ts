import {
  addDays,
  addMonths,
  differenceInCalendarDays,
  formatISO,
  isLastDayOfMonth,
  lastDayOfMonth,
  parseISO,
} from 'date-fns';

/**
 * Calendar dates as ISO text ("2025-10-01"). Text compares in date order, so comparisons need no
 * Date at all; arithmetic goes through date-fns on local calendar dates and back to text, which
 * keeps every result independent of the machine's time zone. Nothing here reads today's date.
 */
export type IsoDate = string;

/** How a month is added to a date that is the last day of its month (design: declared, not implied). */
export type MonthEnd = 'clamp' | 'end-of-month';

const toDate = (date: IsoDate) => parseISO(date);
const toIso = (date: Date): IsoDate => formatISO(date, { representation: 'date' });

/** Days from `start` to `end`, both included: 2025-10-01 to 2026-03-31 is 182. */
export function daysIn(start: IsoDate, end: IsoDate): number {
  return differenceInCalendarDays(toDate(end), toDate(start)) + 1;
}

export function nextDay(date: IsoDate): IsoDate {
  return toIso(addDays(toDate(date), 1));
}

export function previousDay(date: IsoDate): IsoDate {
  return toIso(addDays(toDate(date), -1));
}

/**
 * `anchor` plus `months` calendar months. `clamp` keeps the day of month, or the month's last day
 * when the month is shorter (31 January + 1 month = 28 February; + 2 months = 31 March, always
 * counted from the anchor). `end-of-month` keeps an anchor that is a month's last day on the last
 * day of every month (30 April + 1 month = 31 May).
 */
export function addMonthsTo(anchor: IsoDate, months: number, monthEnd: MonthEnd): IsoDate {
  const date = toDate(anchor);
  const moved = addMonths(date, months);
  return toIso(monthEnd === 'end-of-month' && isLastDayOfMonth(date) ? lastDayOfMonth(moved) : moved);
}

export const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
export const earlierOf = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

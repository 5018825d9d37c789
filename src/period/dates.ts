import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, differenceInCalendarDays, formatISO, isLastDayOfMonth, lastDayOfMonth } from 'date-fns';

/**
 * Calendar dates as ISO text ("2025-10-01"). Text compares in date order, so comparisons need no
 * Date at all; arithmetic goes through date-fns on UTC calendar dates (`UTCDate`) and back to
 * text, which keeps every result independent of the machine's time zone. Nothing here reads
 * today's date.
 */
export type IsoDate = string;

/** How a month is added to a date that is the last day of its month (design: declared, not implied). */
export type MonthEnd = 'clamp' | 'end-of-month';

/**
 * A validated YYYY-MM-DD date as a date-fns `UTCDate`: date-fns then counts days and months on the
 * UTC calendar, where every day exists. Local dates would not do: in a zone that skipped a day
 * (Samoa skipped 30 December 2011) local midnight of that day does not exist.
 */
const toDate = (date: IsoDate): Date => {
  const d = new UTCDate(0);
  d.setFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return d;
};
const toIso = (date: Date): IsoDate => formatISO(date, { representation: 'date' });

/**
 * Results kept per argument text: a settlement asks the same few dates many times (every
 * instalment of every party). Bounded, so a long-lived process does not grow without limit.
 */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= 10_000) cache.clear();
      cache.set(key, (value = compute(key)));
    }
    return value;
  };
}

const days = memo((key) => differenceInCalendarDays(toDate(key.slice(11)), toDate(key.slice(0, 10))) + 1);
const shift = memo((key) => toIso(addDays(toDate(key.slice(0, 10)), Number(key.slice(11)))));

/** Days from `start` to `end`, both included: 2025-10-01 to 2026-03-31 is 182. */
export function daysIn(start: IsoDate, end: IsoDate): number {
  return days(`${start} ${end}`);
}

export function nextDay(date: IsoDate): IsoDate {
  return shift(`${date} 1`);
}

export function previousDay(date: IsoDate): IsoDate {
  return shift(`${date} -1`);
}

/**
 * `anchor` plus `months` calendar months. `clamp` keeps the day of month, or the month's last day
 * when the month is shorter (31 January + 1 month = 28 February; + 2 months = 31 March, always
 * counted from the anchor). `end-of-month` keeps an anchor that is a month's last day on the last
 * day of every month (30 April + 1 month = 31 May).
 */
export function addMonthsTo(anchor: IsoDate, months: number, monthEnd: MonthEnd): IsoDate {
  return monthsLater(`${anchor} ${months} ${monthEnd}`);
}

const monthsLater = memo((key) => {
  const [anchor, months, monthEnd] = key.split(' ') as [string, string, MonthEnd];
  const date = toDate(anchor);
  const moved = addMonths(date, Number(months));
  return toIso(monthEnd === 'end-of-month' && isLastDayOfMonth(date) ? lastDayOfMonth(moved) : moved);
});

export const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
export const earlierOf = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

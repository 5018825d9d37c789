import { addMonthsTo, previousDay, type IsoDate, type MonthEnd } from './dates.js';
import type { Span } from './day-count.js';

export type Frequency = 'month' | 'quarter' | 'half-year' | 'year';

const MONTHS: Record<Frequency, number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };

/**
 * Splits `period` into consecutive parts of one frequency counted from its start (months from
 * 1 April are April, May, …); the last part is cut at the period's end.
 * @example splitPeriod({ start: '2025-04-01', end: '2026-03-31' }, 'quarter', 'clamp')
 * // [{ start: '2025-04-01', end: '2025-06-30' }, …, { start: '2026-01-01', end: '2026-03-31' }]
 */
export function splitPeriod(period: Span, frequency: Frequency, monthEnd: MonthEnd): Span[] {
  const step = MONTHS[frequency];
  const parts: Span[] = [];
  for (let k = 0; ; k += step) {
    const start: IsoDate = addMonthsTo(period.start, k, monthEnd);
    if (start > period.end) return parts;
    const next = previousDay(addMonthsTo(period.start, k + step, monthEnd));
    parts.push({ start, end: next < period.end ? next : period.end });
  }
}

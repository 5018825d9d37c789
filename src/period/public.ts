import { ContractError, show, type Issue } from '../base/errors.js';
import { isIsoDate } from '../base/schema.js';
import { CURRENCY_CODES, isCurrencyCode, minorUnits } from '../money/currency.js';
import { Decimal, unitsText } from '../money/decimal.js';
import { DEFAULT_CALENDAR, proRata as proRataOf, type Calendar } from './day-count.js';
import { fractionText } from './fraction.js';
import { instalments as split } from './instalments.js';
import type { Frequency } from './split.js';

/** A span of days, both ends included, as YYYY-MM-DD dates. */
export interface Span {
  readonly start: string;
  readonly end: string;
}

/** A part of a period as a fraction of it, exactly, and in words. */
export interface ProRata {
  /** "182/365", "1/2", "1", "0". */
  readonly fraction: string;
  /** "182 of 365 days (actual/actual)", "6 of 12 months (twelfths)". */
  readonly text: string;
}

export interface InstalmentOptions {
  readonly frequency: Frequency;
  /** How parts are weighed (default "actual/actual"); "twelfths" makes every whole month equal. */
  readonly dayCount?: Calendar['dayCount'];
  readonly monthEnd?: Calendar['monthEnd'];
  /** When each instalment falls due: the start (default) or the end of the part it pays for. */
  readonly due?: 'start' | 'end';
  /** Only the part of the period in force (a party joining part-way); default the whole period. */
  readonly active?: Span;
}

const checkSpan = (span: unknown, path: string, issues: Issue[]): span is Span => {
  const s = span as Partial<Span> | undefined;
  const ok = (d: unknown) => typeof d === 'string' && isIsoDate(d);
  let good = true;
  for (const end of ['start', 'end'] as const) {
    if (!ok(s?.[end])) {
      issues.push({
        path: `${path}.${end}`,
        code: 'invalid_date',
        message: `${end} must be a real date written YYYY-MM-DD (years 1900 to 2999), got ${show(s?.[end])}`,
      });
      good = false;
    }
  }
  if (good && s!.end! < s!.start!) {
    issues.push({ path: `${path}.end`, code: 'end_before_start', message: `${s!.end} is before ${s!.start}` });
    good = false;
  }
  return good;
};

const calendarOf = (options?: { dayCount?: unknown; monthEnd?: unknown }, issues: Issue[] = []): Calendar => {
  const dayCount = options?.dayCount ?? DEFAULT_CALENDAR.dayCount;
  const monthEnd = options?.monthEnd ?? DEFAULT_CALENDAR.monthEnd;
  if (dayCount !== 'actual/actual' && dayCount !== 'twelfths')
    issues.push({
      path: 'options.dayCount',
      code: 'invalid_option',
      message: `day count must be "actual/actual" or "twelfths", got ${show(dayCount)}`,
    });
  if (monthEnd !== 'clamp' && monthEnd !== 'end-of-month')
    issues.push({
      path: 'options.monthEnd',
      code: 'invalid_option',
      message: `month-end handling must be "clamp" or "end-of-month", got ${show(monthEnd)}`,
    });
  return { dayCount, monthEnd } as Calendar;
};

/**
 * The fraction of `period` that `part` covers, by a day count: exact, never a float.
 * @example proRata({ start: '2025-10-01', end: '2026-03-31' }, { start: '2025-04-01', end: '2026-03-31' })
 * // { fraction: '182/365', text: '182 of 365 days (actual/actual)' }
 * @throws ContractError naming every bad date or option
 */
export function proRata(
  part: Span,
  period: Span,
  options?: { readonly dayCount?: Calendar['dayCount']; readonly monthEnd?: Calendar['monthEnd'] },
): ProRata {
  const issues: Issue[] = [];
  const a = checkSpan(part, 'part', issues);
  const b = checkSpan(period, 'period', issues);
  const calendar = calendarOf(options, issues);
  if (issues.length > 0 || !a || !b) throw new ContractError(issues);
  const result = proRataOf(part, period, calendar);
  return { fraction: fractionText(result.fraction), text: result.text };
}

/**
 * Splits an amount into instalments over a period (a year in twelve months, say), weighing each
 * part by its days or months, with the largest-remainder rule so the instalments add up to the
 * amount exactly; with equal parts the spare minor units go to the earliest instalments.
 *
 * @example
 * splitIntoInstalments({ amount: '1000000.00', currency: 'GBP' }, { start: '2025-04-01', end: '2026-03-31' },
 *   { frequency: 'month', dayCount: 'twelfths' }).map((i) => i.amount);
 * // April to July '83333.34', August to March '83333.33'
 * @throws ContractError naming every bad argument
 */
export function splitIntoInstalments(
  total: { readonly amount: string; readonly currency: string },
  period: Span,
  options: InstalmentOptions,
): { due: string; start: string; end: string; amount: string; unitsAdded: 0 | 1 }[] {
  const issues: Issue[] = [];
  const currency: unknown = total?.currency;
  if (!isCurrencyCode(currency))
    issues.push({
      path: 'total.currency',
      code: 'unknown_currency',
      message: `currency ${show(currency)} is not one of ${CURRENCY_CODES.join(', ')}`,
    });
  const amount = Decimal.parse(total?.amount);
  if (!amount)
    issues.push({
      path: 'total.amount',
      code: 'invalid_amount',
      message: `amount must be a decimal string such as "1000000.00", got ${show(total?.amount)}`,
    });
  else if (isCurrencyCode(currency) && amount.scale > minorUnits(currency))
    issues.push({
      path: 'total.amount',
      code: 'too_many_decimals',
      message: `amount ${total.amount} has more decimal places than ${currency} has (${minorUnits(currency)})`,
    });
  const periodOk = checkSpan(period, 'period', issues);
  const activeOk = options?.active === undefined || checkSpan(options.active, 'options.active', issues);
  if (periodOk && activeOk && options?.active !== undefined) {
    const { start, end } = options.active;
    if (start < period.start || end > period.end)
      issues.push({
        path: 'options.active',
        code: 'active_outside_period',
        message: `the part in force ${start} to ${end} is not inside the period ${period.start} to ${period.end}, so instalments could not add up to the amount`,
      });
  }
  const frequency = options?.frequency;
  if (!['month', 'quarter', 'half-year', 'year'].includes(frequency as string))
    issues.push({
      path: 'options.frequency',
      code: 'invalid_option',
      message: `frequency must be "month", "quarter", "half-year" or "year", got ${show(frequency)}`,
    });
  const due = options?.due ?? 'start';
  if (due !== 'start' && due !== 'end')
    issues.push({
      path: 'options.due',
      code: 'invalid_option',
      message: `due must be "start" or "end", got ${show(due)}`,
    });
  const calendar = calendarOf(options, issues);
  if (issues.length > 0 || !amount || !isCurrencyCode(currency) || !periodOk || !activeOk)
    throw new ContractError(issues);
  const scale = minorUnits(currency);
  return split(amount.toUnits(scale), period, frequency, calendar, due, scale, options.active ?? period).map((i) => ({
    due: i.due,
    start: i.start,
    end: i.end,
    amount: unitsText(i.units, scale),
    unitsAdded: i.unitsAdded,
  }));
}

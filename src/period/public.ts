import type * as z from 'zod';
import { parseArguments } from '../money/arguments.js';
import { minorUnits } from '../money/currency.js';
import { Decimal, unitsText } from '../money/decimal.js';
import {
  instalmentArguments,
  PRO_RATA,
  proRataArguments,
  SPLIT_INTO_INSTALMENTS,
  type InstalmentOptions,
  type ProRataOptions,
  type Span,
} from './arguments.js';
import { proRata as proRataOf } from './day-count.js';
import { fractionText } from './fraction.js';
import { instalments as split } from './instalments.js';

export type { InstalmentOptions, Span } from './arguments.js';

/** A part of a period as a fraction of it, exactly, and in words. */
export interface ProRata {
  /** "182/365", "1/2", "1", "0". */
  readonly fraction: string;
  /** "182 of 365 days (actual/actual)", "6 of 12 months (twelfths)". */
  readonly text: string;
}

/**
 * The fraction of `period` that `part` covers, by a day count: exact, never a float.
 * @example proRata({ start: '2025-10-01', end: '2026-03-31' }, { start: '2025-04-01', end: '2026-03-31' })
 * // { fraction: '182/365', text: '182 of 365 days (actual/actual)' }
 * @throws ContractError naming every bad date or option
 */
export function proRata(part: Span, period: Span, options?: ProRataOptions): ProRata {
  const args = parseArguments(proRataArguments, { part, period, options: options ?? {} }, PRO_RATA);
  const result = proRataOf(args.part, args.period, args.options);
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
  total: Readonly<z.input<typeof instalmentArguments>['total']>,
  period: Span,
  options: InstalmentOptions,
): { due: string; start: string; end: string; amount: string; unitsAdded: 0 | 1 }[] {
  const args = parseArguments(instalmentArguments, { total, period, options }, SPLIT_INTO_INSTALMENTS);
  const { frequency, due, dayCount, monthEnd, active } = args.options;
  const scale = minorUnits(args.total.currency);
  const units = Decimal.of(args.total.amount).toUnits(scale);
  return split(units, args.period, frequency, { dayCount, monthEnd }, due, scale, active ?? args.period).map((i) => ({
    due: i.due,
    start: i.start,
    end: i.end,
    amount: unitsText(i.units, scale),
    unitsAdded: i.unitsAdded,
  }));
}

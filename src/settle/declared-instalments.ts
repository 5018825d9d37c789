import { entry } from '../base/lookup.js';
import type { PaymentOnAccount } from '../contract/schema.js';
import { allocateUnits } from '../money/allocate.js';
import { Decimal } from '../money/decimal.js';
import { compareIds } from '../money/order.js';
import { earlierOf, laterOf } from '../period/dates.js';
import { splitPeriod, type Instalment, type Span } from '../period/index.js';
import type { ResolvedContract } from './resolve.js';

/**
 * Declared instalments (month of the year, percentage) for a party's time in force `active`.
 * The declared months that overlap it are kept, each cut to the days in force and falling due on
 * its first (or last) day in force, and their percentages re-weighted to add up to 100 % (largest
 * remainder). When none of them carries money in its time in force (a joiner after the last one,
 * a leaver before the first), the whole amount is one instalment for its time in force, due on its
 * first day in force (or, with `due: "end"`, its last). Either way the instalments add up exactly
 * to the amount, and none falls due outside the party's time in force.
 */
export function declaredInstalments(
  units: bigint,
  declared: NonNullable<PaymentOnAccount['instalments']>,
  year: ResolvedContract,
  active: Span,
  due: 'start' | 'end',
  scale: number,
): Instalment[] {
  if (active.start > active.end) return [];
  const months = splitPeriod(year.year, 'month', year.calendar.monthEnd);
  const rows = declared
    .flatMap((i) => {
      const month = months[i.month - 1];
      if (!month) return [];
      const start = laterOf(month.start, active.start);
      const end = earlierOf(month.end, active.end);
      return start > end ? [] : [{ id: start, start, end, weight: Decimal.of(i.percent) }];
    })
    .sort((a, b) => compareIds(a.id, b.id));
  if (!rows.some((r) => r.weight.gt(Decimal.ZERO))) {
    return [
      {
        id: active.start,
        start: active.start,
        end: active.end,
        due: due === 'start' ? active.start : active.end,
        weight: '100',
        units,
        exactShare: Decimal.fromUnits(units, scale),
        unitsAdded: 0,
      },
    ];
  }
  const shares = new Map(allocateUnits(units, rows, scale).map((s) => [s.id, s]));
  return rows.map((r) => {
    const s = entry(shares, r.id);
    return {
      id: r.id,
      start: r.start,
      end: r.end,
      due: due === 'start' ? r.start : r.end,
      weight: r.weight.toPlainString(),
      units: s.units,
      exactShare: s.exactShare,
      unitsAdded: s.unitsAdded,
    };
  });
}

import * as z from 'zod';
import { id, nonNegativeDecimal, percentage, strictObject } from '../../base/schema.js';
import type { Decimal } from '../../money/decimal.js';
import { decimalOf, plain, type StepCheckTools, type StepContext, type StepInput } from '../step.js';

/**
 * A corridor's rate looked up from a schedule by a measure, as the MSSP one-sided track's minimum
 * savings rate is looked up by the number of assigned beneficiaries (42 CFR 425.604(b)): each band
 * runs from its first count to its last, the rate moving linearly from the band's first rate to its
 * last; the open last band has one rate. The rate is rounded once, to the places the schedule
 * declares, with the contract's rounding mode, and that rounded rate is the one used and shown.
 */
const band = strictObject({
  /** The band's first count (inclusive). */
  from: nonNegativeDecimal('band start', '5000'),
  /** The band's last count (inclusive); left out on the last band only, which then has no end. */
  to: nonNegativeDecimal('band end', '5999').optional(),
  /** One rate for the whole band ("2"), or a rate at its first count moving linearly to one at its last. */
  percent: z.union([
    percentage('band rate'),
    strictObject({ from: percentage('rate at the band start'), to: percentage('rate at the band end') }),
  ]),
});

export const scheduleSchema = strictObject({
  /** The measure whose value picks the band (a pool-level measurement, such as assigned beneficiaries). */
  measure: id('schedule measure'),
  /** Decimal places of the percentage the rate is rounded to (CMS shows MSRs to one place: 3.9 %). */
  places: z
    .int({ error: 'schedule places must be a whole number of decimal places (0 to 10)' })
    .min(0, { error: 'schedule places must be at least 0' })
    .max(10, { error: 'schedule places must be at most 10' }),
  /** In ascending order of count, not overlapping. */
  bands: z.array(band).min(1),
});

export type Schedule = z.output<typeof scheduleSchema>;
type Band = Schedule['bands'][number];

const bandText = (b: Band) => {
  const range = b.to === undefined ? `${b.from} and over` : `${b.from} to ${b.to}`;
  const rate = typeof b.percent === 'string' ? `${b.percent} %` : `${b.percent.from} % to ${b.percent.to} %`;
  return `${range}: ${rate}`;
};

/**
 * The checks of a schedule the schema cannot make: bands in ascending order without overlaps, each
 * ending at or after it starts (after, when its rate moves), and only the last one open-ended.
 */
export function checkSchedule(schedule: Schedule, path: PropertyKey[], tools: StepCheckTools, what: string): void {
  schedule.bands.forEach((b, i) => {
    const at = [...path, 'bands', i];
    const last = i === schedule.bands.length - 1;
    if (b.to === undefined && !last)
      tools.add([...at, 'to'], 'band_open_not_last', `${what}: only the last band may leave out "to", band ${i} does`);
    if (b.to === undefined && typeof b.percent !== 'string')
      tools.add(
        [...at, 'percent'],
        'band_open_rate_moves',
        `${what}: a band with no end has one rate ("percent": "2"), not a rate moving from ${b.percent.from} % to ${b.percent.to} %`,
      );
    if (b.to !== undefined) {
      const from = decimalOf(b.from);
      const to = decimalOf(b.to);
      const moving = typeof b.percent !== 'string';
      if (moving ? !to.gt(from) : to.lt(from))
        tools.add(
          [...at, 'to'],
          'band_empty',
          `${what}: band ${i} ends at ${b.to}, ${moving ? 'which must be after' : 'before'} its start ${b.from}${moving ? ' for its rate to move across it' : ''}`,
        );
    }
    const previous = schedule.bands[i - 1];
    if (previous !== undefined && (previous.to === undefined || !decimalOf(b.from).gt(decimalOf(previous.to))))
      tools.add(
        [...at, 'from'],
        'bands_overlap',
        `${what}: band ${i} starts at ${b.from}, which must be after the end of band ${i - 1} (${previous.to ?? 'no end'}): bands go in ascending order without overlapping`,
      );
  });
}

/** The rate a schedule gives for the measured value, as a percentage, and how it was found. */
export interface ScheduledRate {
  readonly percent: Decimal;
  readonly formula: string;
  readonly inputs: StepInput[];
}

/**
 * The schedule's rate for the pool's measurement of its measure; undefined, with the problem
 * reported, when the measurement is missing or falls in no band.
 * @example
 * // bands 9000 to 9999 moving 3.1 % → 3.0 %, places 2, 9,500 measured:
 * // 3.1 + (9500 − 9000) × (3.0 − 3.1) / (9999 − 9000) = 3.0499… → 3.05 %
 */
export function scheduledRate(schedule: Schedule, ctx: StepContext, what: string): ScheduledRate | undefined {
  const found = ctx.count(schedule.measure);
  if (found === undefined) return undefined;
  const n = found.value;
  const b = schedule.bands.find((x) => n.gte(decimalOf(x.from)) && (x.to === undefined || n.lte(decimalOf(x.to))));
  if (b === undefined) {
    const [first] = schedule.bands;
    found.reject(
      'outside_schedule',
      first !== undefined && n.lt(decimalOf(first.from))
        ? `'${schedule.measure}' is ${plain(n)}, below the first band of ${what} (from ${first?.from}): the schedule gives no rate for it`
        : `'${schedule.measure}' is ${plain(n)}, which falls between the bands of ${what} (${schedule.bands.map(bandText).join('; ')})`,
    );
    return undefined;
  }
  const inputs: StepInput[] = [
    { name: schedule.measure, value: plain(n) },
    { name: 'band', value: bandText(b) },
  ];
  if (typeof b.percent === 'string' || b.to === undefined) {
    // an open band has one rate (checkSchedule refuses a moving one)
    const percent = decimalOf(typeof b.percent === 'string' ? b.percent : b.percent.from);
    return { percent, formula: `${percent.toAtLeast(schedule.places)} %, the rate of its band`, inputs };
  }
  const from = decimalOf(b.from);
  const span = decimalOf(b.to).minus(from);
  const start = decimalOf(b.percent.from);
  const rise = decimalOf(b.percent.to).minus(start);
  // one rounding, of the exact quotient: (start × span + (n − from) × rise) / span
  const percent = start.times(span).plus(n.minus(from).times(rise)).dividedBy(span, schedule.places, ctx.mode);
  const formula = `${b.percent.from} % + (${plain(n)} − ${b.from}) × (${b.percent.to} − ${b.percent.from}) / (${b.to} − ${b.from}) = ${percent.toFixed(schedule.places)} % (rounded ${ctx.mode} to ${schedule.places} decimal places, as the schedule declares)`;
  return { percent, formula, inputs };
}

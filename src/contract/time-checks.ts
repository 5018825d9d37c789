import type { IssueCode } from '../base/codes.js';
import { said } from '../base/errors.js';
import { entry, itemAt } from '../base/lookup.js';
import { Decimal } from '../money/decimal.js';
import { isIsoDate } from '../base/schema.js';
import { addMonthsTo, previousDay } from '../period/index.js';
import { list, record, string, type Raw } from '../base/raw.js';
import type { CheckTools } from '../pools/check-tools.js';

/**
 * The time checks a schema cannot make: periods inside the term and inside their contract year,
 * periods of one kind not overlapping, joining and leaving dates in order and inside the term,
 * and payment-on-account schedules that name real parties and pools and cover the year.
 * Written defensively: the input may also have failed the schema.
 */

type Add = (path: PropertyKey[], code: IssueCode, message: string) => void;
const dateOf = (value: unknown) => (typeof value === 'string' && isIsoDate(value) ? value : undefined);

export interface Term {
  readonly start: string | undefined;
  readonly end: string | undefined;
}

/** The longest a kind of period may be, in calendar months. */
// Only a year: a year is paid the year's amounts, so a longer one would be paid too little or
// twice; a part of a year is cut from its year by days, whatever it is called.
const MONTHS_OF: Readonly<Record<string, number>> = { year: 12 };

/** The first day `months` calendar months after `date` (its day of month, or the month's last day when shorter). */
const monthsAfter = (date: string, months: number): string => addMonthsTo(date, months, 'clamp');

/** Whole calendar months a period spans, a part month counted as one: 1 April to 30 September is 6. */
function monthsSpanned(start: string, end: string): number {
  let months = 1;
  while (monthsAfter(start, months) <= end) months++;
  return months;
}

/** Periods: ordered dates, inside the term, no longer than their kind; years do not overlap; a part of a year lies inside one year. */
export function checkPeriods(periods: unknown[], term: Term, add: Add): void {
  const spans: { start: string; end: string; index: number; kind: string }[] = [];
  periods.forEach((item, index) => {
    const period = record(item);
    const start = dateOf(period.start);
    const end = dateOf(period.end);
    if (!start || !end) return;
    const kind = typeof period.kind === 'string' ? period.kind : 'year';
    const measured = record(period.measuredOver);
    const measuredStart = dateOf(measured.start);
    const measuredEnd = dateOf(measured.end);
    if (measuredStart && measuredEnd && measuredEnd < measuredStart)
      add(
        ['periods', index, 'measuredOver', 'end'],
        'end_before_start',
        `the data for period ${String(period.id)} is measured over a span that ends (${measuredEnd}) before it starts (${measuredStart})`,
      );
    if (end < start)
      add(['periods', index, 'end'], 'end_before_start', `period ends (${end}) before it starts (${start})`);
    else {
      spans.push({ start, end, index, kind });
      // a year's amounts are for one year: a longer "year" would be paid one year's money for more
      const longest = MONTHS_OF[kind];
      if (longest !== undefined && end >= monthsAfter(start, longest))
        add(
          ['periods', index, 'end'],
          'period_too_long',
          `${kind === 'year' ? 'a contract year' : `a ${kind}`} is at most ${longest === 1 ? 'one month' : `${longest} months`}, but ${start} to ${end} is longer (it would end by ${previousDay(monthsAfter(start, longest))})`,
        );
    }
    if (term.start && term.end && (start < term.start || end > term.end)) {
      add(
        ['periods', index],
        'period_outside_term',
        `period ${start} to ${end} is not inside the term ${term.start} to ${term.end}`,
      );
    }
  });
  spans.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index));
  const years = spans.filter((s) => s.kind === 'year');
  for (const kind of new Set(spans.map((s) => s.kind))) {
    const same = spans.filter((s) => s.kind === kind);
    // against the period reaching furthest so far, not only the one before: a long period can
    // overlap several later ones
    let furthest = same[0];
    for (const span of same.slice(1)) {
      if (furthest && span.start <= furthest.end) {
        add(
          ['periods', span.index],
          'periods_overlap',
          `${kind === 'year' ? 'period' : kind} starting ${span.start} overlaps the ${kind === 'year' ? 'period' : kind} ending ${furthest.end}`,
        );
      }
      if (!furthest || span.end > furthest.end) furthest = span;
    }
  }
  for (const part of spans) {
    if (part.kind === 'year') continue;
    if (!years.some((y) => y.start <= part.start && y.end >= part.end)) {
      add(
        ['periods', part.index],
        'period_outside_year',
        `${part.kind} ${part.start} to ${part.end} is not inside any contract year (a period of kind "year"), so there is no year's amount to cut it from`,
      );
    }
  }
}

/** A party's joining and leaving dates: inside the term, and leaving no earlier than joining. */
export function checkPartyDates(party: Raw, index: number, term: Term, add: Add): void {
  const joins = dateOf(party.joins);
  const leaves = dateOf(party.leaves);
  const name = string(party.id) ?? `#${index}`;
  for (const [field, value] of [
    ['joins', joins],
    ['leaves', leaves],
  ] as const) {
    if (value && term.start && term.end && (value < term.start || value > term.end)) {
      add(
        ['parties', index, field],
        'date_outside_term',
        `party '${name}' ${field === 'joins' ? 'joins' : 'leaves'} on ${value}, outside the term ${term.start} to ${term.end}`,
      );
    }
  }
  if (joins && leaves && leaves < joins) {
    add(
      ['parties', index, 'leaves'],
      'leaves_before_joins',
      `party '${name}' leaves on ${leaves}, before it joins on ${joins}`,
    );
  }
}

/** How a schedule is paid: withheld, or instalments by frequency or declared (covering the year exactly); never two of these. */
function checkHowPaid(
  schedule: Raw,
  at: (...rest: PropertyKey[]) => PropertyKey[],
  scheduleId: string,
  longestYear: number | undefined,
  add: Add,
): void {
  // How it is paid: withheld, or instalments by frequency or declared; never two of these.
  const ways = ['withheld', 'frequency', 'instalments'].filter((w) => schedule[w] !== undefined);
  if (ways.length === 0)
    add(
      at(),
      'missing_frequency',
      `schedule '${scheduleId}' must say how it is paid: a "frequency", declared "instalments", or "withheld": true`,
    );
  else if (ways.length > 1)
    add(
      at(itemAt(ways, 1)),
      'conflicting_schedule',
      `schedule '${scheduleId}' gives both "${ways[0]}" and "${ways[1]}"`,
    );
  if (schedule.withheld !== undefined && (schedule.expected !== undefined || schedule.due !== undefined))
    add(at('withheld'), 'conflicting_schedule', `schedule '${scheduleId}' is withheld, so it pays nothing on account`);
  const instalments = Array.from(list(schedule.instalments));
  if (instalments.length > 0) {
    let total = Decimal.ZERO;
    let readable = true;
    const months = new Map<unknown, number>();
    instalments.forEach((instalment, i) => {
      const percent = Decimal.parse(record(instalment).percent);
      if (percent) total = total.plus(percent);
      else readable = false;
      const month = record(instalment).month;
      if (typeof month === 'number' && longestYear !== undefined && month > longestYear && month <= 12)
        add(
          at('instalments', i, 'month'),
          'instalment_outside_year',
          `month ${month} is in no contract year: the longest has ${longestYear} month${longestYear === 1 ? '' : 's'}`,
        );
      if (months.has(month))
        add(
          at('instalments', i, 'month'),
          'duplicate_instalment',
          `month ${String(month)} already has instalment ${entry(months, month) + 1}`,
        );
      else months.set(month, i);
    });
    if (readable && !total.eq(Decimal.HUNDRED))
      add(
        at('instalments'),
        'instalments_not_100',
        `the instalments of schedule '${scheduleId}' add up to ${total.toPlainString()} % of the year, not 100 %: a schedule must cover the year exactly`,
      );
  }
}

/** Payment-on-account schedules: what they pay, to whom, by whom, and instalments that cover the year. */
export function checkPaymentsOnAccount(contract: Raw, pools: unknown[], tools: CheckTools): void {
  const { add, checkUnique, checkMinorUnits, mustBeParty } = tools;
  const schedules = Array.from(list(contract.paymentsOnAccount));
  checkUnique(schedules, ['paymentsOnAccount'], 'schedule');
  const parties = Array.from(list(contract.parties), record);
  const commissioners = parties.filter((p) => p.role === 'commissioner').map((p) => string(p.id)!);
  const poolById = new Map(Array.from(pools, record).map((p) => [string(p.id), p]));
  const covered = new Map<string, string>();
  const yearMonths = Array.from(list(contract.periods), record).flatMap((p) => {
    const start = dateOf(p.start);
    const end = dateOf(p.end);
    return (p.kind ?? 'year') === 'year' && start && end && start <= end ? [monthsSpanned(start, end)] : [];
  });
  const longestYear = yearMonths.length > 0 ? Math.max(...yearMonths) : undefined;
  schedules.forEach((item, index) => {
    const schedule = record(item);
    const at = (...rest: PropertyKey[]) => ['paymentsOnAccount', index, ...rest];
    const scheduleId = string(schedule.id) ?? `#${index}`;
    let payees = [...tools.providers];
    if (schedule.pays === 'outcome') {
      const pool = poolById.get(string(schedule.pool));
      if (schedule.pool === undefined)
        add(
          at('pool'),
          'missing_pool',
          `schedule '${scheduleId}' pays outcome money, so it must name its outcome pool`,
        );
      else if (!pool || pool.kind !== 'outcome')
        add(at('pool'), 'unknown_pool', `'${said(schedule.pool)}' is not an outcome pool of this contract`);
      else if (pool.eligible !== undefined)
        payees = Array.from(list(pool.eligible)).flatMap((p) => (typeof p === 'string' ? [p] : []));
    } else if (schedule.pays === 'guaranteed') {
      for (const field of ['pool', 'expected', 'expectedOf'] as const)
        if (schedule[field] !== undefined)
          add(
            at(field),
            'unexpected_field',
            `schedule '${scheduleId}' pays the guaranteed payment, which has no ${field}`,
          );
    }
    if (schedule.parties !== undefined) {
      payees = [];
      Array.from(list(schedule.parties)).forEach((p, i) => {
        if (mustBeParty(p, at('parties', i), 'provider')) payees.push(p as string);
      });
    }
    if (schedule.pays === 'guaranteed') {
      for (const p of payees) {
        if (tools.contractValue(p) === undefined)
          add(
            at('parties'),
            'missing_contract_value',
            `schedule '${scheduleId}' pays '${p}' its guaranteed payment, but '${p}' has no contract value`,
          );
      }
    }
    for (const p of payees) {
      const key = `${String(schedule.pays)}\u0000${String(schedule.pool)}\u0000${p}`;
      const earlier = covered.get(key);
      if (earlier !== undefined)
        add(
          at('parties'),
          'duplicate_schedule',
          `'${p}' is already paid ${schedule.pays === 'outcome' ? `pool '${String(schedule.pool)}' money` : 'its guaranteed payment'} on account by schedule '${earlier}'`,
        );
      else covered.set(key, scheduleId);
    }
    if (schedule.payer !== undefined) mustBeParty(schedule.payer, at('payer'), 'commissioner');
    else if (commissioners.length !== 1)
      add(
        at('payer'),
        'missing_payer',
        `schedule '${scheduleId}' must name its payer: the contract has ${commissioners.length === 0 ? 'no commissioner' : `${commissioners.length} commissioners`}`,
      );
    const expectedOf = record(schedule.expectedOf);
    for (const [p, value] of Object.entries(expectedOf)) {
      if (!payees.includes(p))
        add(at('expectedOf', p), 'unexpected_party', `'${p}' is not paid by schedule '${scheduleId}'`);
      checkMinorUnits(value, at('expectedOf', p));
    }
    if (schedule.expectedOf !== undefined)
      for (const p of payees)
        if (!Object.hasOwn(expectedOf, p))
          add(at('expectedOf'), 'missing_expected', `schedule '${scheduleId}' gives no expected amount for '${p}'`);

    checkHowPaid(schedule, at, scheduleId, longestYear, add);
  });
}

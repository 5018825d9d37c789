import type { Contract, OutcomePool, Party, PaymentOnAccount } from '../contract/schema.js';
import { allocateUnits } from '../money/allocate.js';
import { compareIds, sortById } from '../money/order.js';
import { Decimal, unitsText } from '../money/decimal.js';
import { divideRounded } from '../money/rounding.js';
import { fractionText, instalments, ONE, splitPeriod, type Instalment, type Span } from '../period/index.js';
import { earlierOf, laterOf } from '../period/dates.js';
import { fullScore, type PoolContext } from './outcome-pool.js';
import type { ResolvedContract } from './resolve.js';
import { TraceBuilder } from './trace.js';
import type { PaymentOnAccountResult } from './types.js';

/** Per resolved contract year: each schedule's year amount and instalments per party. */
const yearlyCache = new WeakMap<Contract, Map<string, { owed: Owed; parts: Instalment[] }>>();

/** What one schedule pays one party on account, in minor units. */
interface Owed {
  readonly units: bigint;
  readonly formula: string;
  readonly inputs: { name: string; value: string }[];
}

/**
 * Payments on account for the contract year of the period settled: each schedule's year amount
 * per party (the guaranteed payment, or outcome money at the expected achievement), split into
 * instalments that add up to it exactly, and what fell due in what is settled.
 *
 * @param year - the contract resolved for its whole year (joiners and leavers pro-rated)
 * @param coverage - what is settled: instalments due inside it count as paid on account
 */
export function settlePaymentsOnAccount(
  year: ResolvedContract,
  coverage: Span,
  ctx: Omit<PoolContext, 'contract' | 'parties' | 'trace' | 'timeWeights' | 'measured' | 'issues' | 'periodId'>,
  trace: TraceBuilder,
): {
  schedules: PaymentOnAccountResult[];
  paid: ReadonlyMap<string, { units: bigint; node: string; schedule: string }[]>;
} {
  const contract: Contract = year.contract;
  if (!contract.paymentsOnAccount?.length) return { schedules: [], paid: new Map() };
  const { scale, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const parties = new Map<string, Party>(contract.parties.map((p) => [p.id, p]));
  const poolCtx: PoolContext = {
    ...ctx,
    contract,
    parties,
    periodId: '',
    measured: new Map(),
    trace: new TraceBuilder(),
    issues: [],
    timeWeights: year.timeWeights,
  };
  let cache = yearlyCache.get(contract);
  if (!cache) yearlyCache.set(contract, (cache = new Map()));
  const outcomePools = contract.pools.filter((p): p is OutcomePool => p.kind === 'outcome');
  let scores: Map<string, ReturnType<typeof fullScore>> | undefined;
  // computed only when a year amount is not yet known
  const fullScores = () => (scores ??= new Map(outcomePools.map((p) => [p.id, fullScore(p, poolCtx)])));
  const commissioners = contract.parties.filter((p) => p.role === 'commissioner').map((p) => p.id);
  const providers = contract.parties.filter((p) => p.role === 'provider').map((p) => p.id);
  const inForceOf = new Map(year.inForce.map((p) => [p.party, p]));
  const activeOf = new Map(year.inForce.map((p) => [p.party, { start: p.from, end: p.to }]));
  const paid = new Map<string, { units: bigint; node: string; schedule: string }[]>();

  const guaranteed = (party: string): Owed => {
    const value = Decimal.parse(parties.get(party)!.contractValue)!.toUnits(scale, mode);
    let atRisk = 0n;
    const inputs = [{ name: 'contract value for the year', value: money(value) }];
    for (const [pool, full] of fullScores()) {
      const c = full.contributed.get(party);
      if (c === undefined) continue;
      atRisk += c;
      inputs.push({ name: `at risk in pool ${pool}`, value: money(c) });
    }
    return { units: value - atRisk, formula: 'contract value − money at risk in outcome pools', inputs };
  };
  const outcome = (schedule: PaymentOnAccount, party: string): Owed => {
    const percent = Decimal.parse(schedule.expected ?? '100')!;
    const base = schedule.expectedOf?.[party];
    if (base === undefined) {
      // what it earns at full score comes from the year's resolved funding: already pro-rated
      const of = fullScores().get(schedule.pool!)!.earned.get(party) ?? 0n;
      return {
        units: divideRounded(of * percent.coefficient, 100n * 10n ** BigInt(percent.scale), mode),
        formula: `${percent.toPlainString()} % of what it earns from pool ${schedule.pool} if every metric scores 1, rounded ${mode}`,
        inputs: [
          { name: 'earned at full score', value: money(of) },
          { name: 'expected achievement %', value: percent.toPlainString() },
        ],
      };
    }
    // A declared amount (last year's earnings) is for a whole year: a joiner or leaver gets it for
    // its time in force, by the declared day count, like its contract value; rounded once.
    const of = Decimal.parse(base)!.toUnits(scale, mode);
    const inForce = inForceOf.get(party);
    const f = inForce?.proRata.fraction ?? ONE;
    return {
      units: divideRounded(
        of * percent.coefficient * f.numerator,
        100n * 10n ** BigInt(percent.scale) * f.denominator,
        mode,
      ),
      formula: inForce
        ? `${percent.toPlainString()} % of the declared amount × ${fractionText(f)} for ${party}'s time in force ${inForce.from} to ${inForce.to} (${inForce.proRata.text}), rounded ${mode} once`
        : `${percent.toPlainString()} % of the declared amount, rounded ${mode}`,
      inputs: [
        { name: 'declared amount', value: money(of) },
        { name: 'expected achievement %', value: percent.toPlainString() },
        ...(inForce ? [{ name: 'time in force', value: inForce.proRata.text }] : []),
      ],
    };
  };

  const schedules = sortById(contract.paymentsOnAccount ?? []).map((schedule): PaymentOnAccountResult => {
    const pool = schedule.pays === 'outcome' ? outcomePools.find((p) => p.id === schedule.pool) : undefined;
    const payees = [...(schedule.parties ?? (pool?.eligible ? pool.eligible : providers))].sort(compareIds);
    const payer = schedule.payer ?? commissioners[0]!;
    const frequency = schedule.frequency ?? 'month';
    const due = schedule.due ?? 'start';
    const rows = payees.map((party) => {
      // the year's amount and instalments depend on the contract and the year alone: kept per both
      const key = `${year.year.start}\u0000${year.year.end}\u0000${schedule.id}\u0000${party}`;
      let yearly = cache.get(key);
      if (!yearly) {
        const owed = schedule.pays === 'guaranteed' ? guaranteed(party) : outcome(schedule, party);
        const active = activeOf.get(party) ?? year.year;
        let parts: Instalment[] = [];
        if (!schedule.withheld && owed.units !== 0n) {
          parts = schedule.instalments
            ? declaredInstalments(owed.units, schedule, year, active, due, scale)
            : instalments(owed.units, year.year, frequency, year.calendar, due, scale, active);
        }
        cache.set(key, (yearly = { owed, parts }));
      }
      const { owed, parts } = yearly;
      const at = `onAccount:${schedule.id}:${party}`;
      const annualNode = trace.add({
        id: `${at}:year`,
        label: `${party}'s year amount on account under schedule ${schedule.id}`,
        value: money(schedule.withheld ? 0n : owed.units),
        formula: schedule.withheld ? 'withheld until the year-end reconciliation' : owed.formula,
        inputs: owed.inputs.map((i) => ({ ...i })),
        path: `paymentsOnAccount[${schedule.id}]`,
        clause: schedule.clause,
      });
      const inCoverage = parts.filter((p) => p.due >= coverage.start && p.due <= coverage.end);
      const paidUnits = inCoverage.reduce((s, p) => s + p.units, 0n);
      const paidNode = trace.add({
        id: `${at}:paid`,
        label: `${party}'s payments on account under schedule ${schedule.id}, ${coverage.start} to ${coverage.end}`,
        value: money(paidUnits),
        formula: `the instalments due ${coverage.start} to ${coverage.end} (the year amount split by ${schedule.instalments ? 'the declared percentages of the months in force, re-weighted to 100 % (none in force: one instalment for the time in force)' : `${frequency} parts weighted by ${year.calendar.dayCount}`}, largest remainder; spare minor units to the earliest of equal parts)`,
        inputs: [
          { name: 'year amount', value: money(schedule.withheld ? 0n : owed.units), node: annualNode },
          ...inCoverage.map((p) => ({ name: `due ${p.due}`, value: money(p.units) })),
        ],
        path: `paymentsOnAccount[${schedule.id}]`,
        clause: schedule.clause,
      });
      let list = paid.get(party);
      if (!list) paid.set(party, (list = []));
      list.push({ units: paidUnits, node: paidNode, schedule: schedule.id });
      return {
        party,
        year: money(schedule.withheld ? 0n : owed.units),
        instalments: parts.map((p) => ({
          due: p.due,
          start: p.start,
          end: p.end,
          amount: money(p.units),
          unitsAdded: p.unitsAdded,
        })),
        paid: money(paidUnits),
        trace: { year: annualNode, paid: paidNode },
      };
    });
    return {
      id: schedule.id,
      pays: schedule.pays,
      pool: schedule.pool ?? null,
      payer,
      withheld: schedule.withheld === true,
      parties: rows,
      paid: money(rows.reduce((s, r) => s + Decimal.parse(r.paid)!.toUnits(scale), 0n)),
      ...(schedule.clause === undefined ? {} : { clause: schedule.clause }),
    };
  });
  return { schedules, paid };
}

/**
 * Declared instalments (month of the year, percentage) for a party's time in force `active`.
 * The declared months that overlap it are kept, each cut to the days in force and falling due on
 * its first (or last) day in force, and their percentages re-weighted to add up to 100 % (largest
 * remainder). When none of them carries money in its time in force (a joiner after the last one,
 * a leaver before the first), the whole amount is one instalment for its time in force, due on its
 * first day in force (or, with `due: "end"`, its last). Either way the instalments add up exactly
 * to the amount, and none falls due outside the party's time in force.
 */
function declaredInstalments(
  units: bigint,
  schedule: PaymentOnAccount,
  year: ResolvedContract,
  active: Span,
  due: 'start' | 'end',
  scale: number,
): Instalment[] {
  if (active.start > active.end) return [];
  const months = splitPeriod(year.year, 'month', year.calendar.monthEnd);
  const rows = schedule
    .instalments!.flatMap((i) => {
      const month = months[i.month - 1];
      if (!month) return [];
      const start = laterOf(month.start, active.start);
      const end = earlierOf(month.end, active.end);
      return start > end ? [] : [{ id: start, start, end, weight: Decimal.parse(i.percent)! }];
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
    const s = shares.get(r.id)!;
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

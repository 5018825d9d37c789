import { entry, itemAt } from '../base/lookup.js';
import type { Contract, Party, PaymentOnAccount, Period } from '../contract/schema.js';
import type { OutcomePool } from '../pools/outcome/schema.js';
import { memoized, MemoKey, versionInForce } from '../contract/compiled.js';
import { compareIds, sortById } from '../money/order.js';
import { Decimal, RATIO_DECIMAL_PLACES, unitsText } from '../money/decimal.js';
import { divideRounded } from '../money/rounding.js';
import {
  fractionText,
  instalments,
  ONE,
  previousDay,
  type Instalment,
  type IsoDate,
  type Span,
} from '../period/index.js';
import { fullScore } from '../pools/outcome/settle.js';
import type { PoolContext } from '../pools/context.js';
import { resolveContract, type ResolvedContract } from './resolve.js';
import { declaredInstalments } from './declared-instalments.js';
import { TraceBuilder } from '../base/trace.js';
import type { PaymentOnAccountResult } from './types.js';

/** Per resolved contract year: each schedule's year amount and instalments per party. */
const YEARLY = new MemoKey<Map<string, { owed: Owed; parts: Instalment[] }>>('payments on account by year');

/** What one schedule pays one party on account, in minor units. */
interface Owed {
  readonly units: bigint;
  readonly formula: string;
  readonly inputs: { name: string; value: string }[];
}

/** A version of the contract in force for some days of a contract year, with the year resolved under it. */
export interface YearVersion {
  /** Its first and last days in force in the year. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The version resolved for the whole year (joiners and leavers pro-rated). */
  readonly year: ResolvedContract;
}

/**
 * The versions of the contract in force in a contract year, in date order: the one in force on its
 * first day, then one from each variation that takes effect inside it. Each is resolved for the
 * whole year, so that its schedules are whole years' schedules.
 */
export function yearVersions(valid: Contract, yearPeriod: Period): YearVersion[] {
  const starts = [
    yearPeriod.start,
    ...new Set(
      (valid.variations ?? []).map((v) => v.effectiveFrom).filter((d) => d > yearPeriod.start && d <= yearPeriod.end),
    ),
  ].sort();
  return starts.map((from, i) => {
    const version = versionInForce(valid, from);
    return {
      from,
      to: i + 1 < starts.length ? previousDay(itemAt(starts, i + 1)) : yearPeriod.end,
      year: resolveContract(version, yearPeriod, yearPeriod, version.rounding?.mode ?? 'half-up'),
    };
  });
}

type Context = Omit<PoolContext, 'contract' | 'parties' | 'trace' | 'timeWeights' | 'measured' | 'issues' | 'periodId'>;

/** One version's schedules: who each pays and, per party, its year amount and instalments (kept per version). */
function planFor(year: ResolvedContract, ctx: Context) {
  const contract: Contract = year.contract;
  // each version rounds by its own declaration
  const mode = contract.rounding?.mode ?? 'half-up';
  const { scale } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const parties = new Map<string, Party>(contract.parties.map((p) => [p.id, p]));
  const poolCtx: PoolContext = {
    ...ctx,
    mode,
    places: contract.rounding?.ratioDecimalPlaces ?? RATIO_DECIMAL_PLACES,
    point: contract.rounding?.point ?? 'pool',
    contract,
    parties,
    periodId: '',
    measured: new Map(),
    trace: new TraceBuilder(),
    issues: [],
    timeWeights: year.timeWeights,
  };
  const cache = memoized(contract, YEARLY, () => new Map<string, { owed: Owed; parts: Instalment[] }>());
  const outcomePools = contract.pools.filter((p): p is OutcomePool => p.kind === 'outcome');
  let scores: Map<string, ReturnType<typeof fullScore>> | undefined;
  // computed only when a year amount is not yet known
  const fullScores = () => (scores ??= new Map(outcomePools.map((p) => [p.id, fullScore(p, poolCtx)])));
  const commissioners = contract.parties.filter((p) => p.role === 'commissioner').map((p) => p.id);
  const providers = contract.parties.filter((p) => p.role === 'provider').map((p) => p.id);
  const inForceOf = new Map(year.inForce.map((p) => [p.party, p]));
  const activeOf = new Map(year.inForce.map((p) => [p.party, { start: p.from, end: p.to }]));

  const guaranteed = (party: string): Owed => {
    const value = Decimal.of(entry(parties, party).contractValue).toUnits(scale, mode);
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
    const percent = Decimal.of(schedule.expected ?? '100');
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
    const of = Decimal.of(base).toUnits(scale, mode);
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

  return {
    schedules: new Map((contract.paymentsOnAccount ?? []).map((s) => [s.id, s])),
    payees(schedule: PaymentOnAccount): string[] {
      const pool = schedule.pays === 'outcome' ? outcomePools.find((p) => p.id === schedule.pool) : undefined;
      return [...(schedule.parties ?? (pool?.eligible ? pool.eligible : providers))];
    },
    payer: (schedule: PaymentOnAccount) => schedule.payer ?? itemAt(commissioners, 0),
    /** The party's year amount under the schedule and its instalments, adding up to it exactly. */
    yearly(schedule: PaymentOnAccount, party: string): { owed: Owed; parts: Instalment[] } {
      // the year's amount and instalments depend on the contract and the year alone: kept per both
      const key = `${year.year.start}\u0000${year.year.end}\u0000${schedule.id}\u0000${party}`;
      let yearly = cache.get(key);
      if (!yearly) {
        const owed = schedule.pays === 'guaranteed' ? guaranteed(party) : outcome(schedule, party);
        const active = activeOf.get(party) ?? year.year;
        const due = schedule.due ?? 'start';
        let parts: Instalment[] = [];
        if (!schedule.withheld && owed.units !== 0n) {
          parts = schedule.instalments
            ? declaredInstalments(owed.units, schedule.instalments, year, active, due, scale)
            : instalments(owed.units, year.year, schedule.frequency ?? 'month', year.calendar, due, scale, active);
        }
        cache.set(key, (yearly = { owed, parts }));
      }
      return yearly;
    },
  };
}

/**
 * Payments on account for the contract year of the period settled: each schedule's year amount
 * per party (the guaranteed payment, or outcome money at the expected achievement), split into
 * instalments that add up to it exactly, and what fell due in what is settled. Each instalment
 * follows the version of the contract in force on the day it falls due: every version's schedule
 * is worked out for the whole year, and each version gives the instalments falling due in its
 * days. A party's amount for the year is then the sum of the instalments it is given.
 *
 * @param versions - the versions in force in the year, in date order (`yearVersions`)
 * @param coverage - what is settled: instalments due inside it count as paid on account
 */
export function settlePaymentsOnAccount(
  versions: readonly YearVersion[],
  coverage: Span,
  ctx: Context,
  trace: TraceBuilder,
): {
  schedules: PaymentOnAccountResult[];
  paid: ReadonlyMap<string, { units: bigint; node: string; schedule: string }[]>;
} {
  // nothing to pay on account: no plans to make (most settlements, and the hot path)
  if (versions.every((v) => !v.year.contract.paymentsOnAccount?.length)) return { schedules: [], paid: new Map() };
  const { scale } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const plans = versions.map((v) => ({ ...v, plan: planFor(v.year, ctx) }));
  const single = plans.length === 1;
  const ids = [...new Set(plans.flatMap((p) => [...p.plan.schedules.keys()]))];
  const paid = new Map<string, { units: bigint; node: string; schedule: string }[]>();

  const schedules = sortById(ids.map((id) => ({ id }))).map(({ id }): PaymentOnAccountResult => {
    const declaring = plans.flatMap((p) => {
      const schedule = p.plan.schedules.get(id);
      return schedule ? [{ ...p, schedule, payees: p.plan.payees(schedule) }] : [];
    });
    // what the schedule is: as the first version of the year that declares it says
    const { schedule, plan } = itemAt(declaring, 0);
    const payees = [...new Set(declaring.flatMap((d) => d.payees))].sort(compareIds);
    const describe = (s: PaymentOnAccount, calendar: ResolvedContract['calendar']) =>
      s.instalments
        ? 'the declared percentages of the months in force, re-weighted to 100 % (none in force: one instalment for the time in force)'
        : `${s.frequency ?? 'month'} parts weighted by ${calendar.dayCount}`;
    const rows = payees.map((party) => {
      const at = `onAccount:${id}:${party}`;
      // per version paying it: its year amount, and the instalments falling due in its days
      const pieces = declaring
        .filter((d) => d.payees.includes(party))
        .map((d) => {
          const { owed, parts } = d.plan.yearly(d.schedule, party);
          const taken = parts.filter((p) => p.due >= d.from && p.due <= d.to);
          return { ...d, owed, parts: taken };
        });
      const parts = pieces.flatMap((p) => p.parts.map((part) => ({ part, version: p.year.contract.version })));
      const yearUnits = parts.reduce((s, p) => s + p.part.units, 0n);
      const annualNode = yearAmountNode(
        trace,
        { at, party, id, clause: schedule.clause, single },
        pieces,
        yearUnits,
        money,
      );
      const inCoverage = parts.filter((p) => p.part.due >= coverage.start && p.part.due <= coverage.end);
      const paidUnits = inCoverage.reduce((s, p) => s + p.part.units, 0n);
      const paidNode = trace.add({
        id: `${at}:paid`,
        label: `${party}'s payments on account under schedule ${id}, ${coverage.start} to ${coverage.end}`,
        value: money(paidUnits),
        formula: `the instalments due ${coverage.start} to ${coverage.end} (the year amount split by ${single ? describe(schedule, itemAt(plans, 0).year.calendar) : 'the schedule of the version in force on each due date'}, largest remainder; spare minor units to the earliest of equal parts)`,
        inputs: [
          { name: 'year amount', value: money(yearUnits), node: annualNode },
          ...inCoverage.map((p) => ({
            name: single ? `due ${p.part.due}` : `due ${p.part.due} (version ${p.version})`,
            value: money(p.part.units),
          })),
        ],
        path: `paymentsOnAccount[${id}]`,
        clause: schedule.clause,
      });
      let list = paid.get(party);
      if (!list) paid.set(party, (list = []));
      list.push({ units: paidUnits, node: paidNode, schedule: id });
      return {
        party,
        year: money(yearUnits),
        instalments: parts.map(({ part: p }) => ({
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
      id,
      pays: schedule.pays,
      pool: schedule.pool ?? null,
      payer: plan.payer(schedule),
      withheld: schedule.withheld === true,
      parties: rows,
      paid: money(rows.reduce((s, r) => s + Decimal.of(r.paid).toUnits(scale), 0n)),
      ...(schedule.clause === undefined ? {} : { clause: schedule.clause }),
    };
  });
  return { schedules, paid };
}

/** One version's part of what a schedule pays a party in the year: its year amount and the instalments due in its days. */
interface Piece {
  readonly from: string;
  readonly to: string;
  readonly year: ResolvedContract;
  readonly schedule: PaymentOnAccount;
  readonly owed: Owed;
  readonly parts: readonly Instalment[];
}

/**
 * The trace node of a party's year amount under a schedule: the version's own working when one
 * version is in force all year, else the sum over the versions of the instalments due in each one's days.
 */
function yearAmountNode(
  trace: TraceBuilder,
  named: {
    readonly at: string;
    readonly party: string;
    readonly id: string;
    readonly clause: string | undefined;
    /** Whether one version of the contract is in force all year. */
    readonly single: boolean;
  },
  pieces: readonly Piece[],
  yearUnits: bigint,
  money: (units: bigint) => string,
): string {
  const { at, party, id } = named;
  if (named.single) {
    const { owed, schedule: s } = itemAt([...pieces], 0);
    return trace.add({
      id: `${at}:year`,
      label: `${party}'s year amount on account under schedule ${id}`,
      value: money(yearUnits),
      formula: s.withheld ? 'withheld until the year-end reconciliation' : owed.formula,
      inputs: owed.inputs.map((i) => ({ ...i })),
      path: `paymentsOnAccount[${id}]`,
      clause: s.clause,
    });
  } else {
    const versionNodes = pieces.map((p) => ({
      piece: p,
      node: trace.add({
        id: `${at}:year:${p.from}`,
        label: `${party}'s year amount on account under schedule ${id}, version ${p.year.contract.version} (in force ${p.from} to ${p.to})`,
        value: money(p.schedule.withheld ? 0n : p.owed.units),
        formula: p.schedule.withheld ? 'withheld until the year-end reconciliation' : p.owed.formula,
        inputs: p.owed.inputs.map((i) => ({ ...i })),
        path: `paymentsOnAccount[${id}]`,
        clause: p.schedule.clause,
      }),
    }));
    return trace.add({
      id: `${at}:year`,
      label: `${party}'s year amount on account under schedule ${id}`,
      value: money(yearUnits),
      formula:
        'the sum over the versions of the contract in force in the year of the instalments falling due in each version’s days, each version’s year amount split by its own schedule',
      inputs: versionNodes.map(({ piece, node }) => ({
        name: `version ${piece.year.contract.version}, due ${piece.from} to ${piece.to}: ${piece.parts.length} instalment(s) of its year amount ${money(piece.schedule.withheld ? 0n : piece.owed.units)}`,
        value: money(piece.parts.reduce((s, p) => s + p.units, 0n)),
        node,
      })),
      path: `paymentsOnAccount[${id}]`,
      clause: named.clause,
    });
  }
}

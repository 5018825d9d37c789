import { itemAt } from '../base/lookup.js';
import { CONTRACT_LIMITS, limitIssues, MEASUREMENT_LIMITS } from '../base/limits.js';
import { ContractError, listed, MeasurementError, show, type Issue } from '../base/errors.js';
import { defineContract } from '../contract/validate.js';
import { compiledOf, isCompiledContract, memoized, MemoKey, sortedById, versionInForce } from '../contract/compiled.js';
import { documentHead, sealed } from './document.js';
import { withParameterPaths } from './parameter-paths.js';
import type { ContractInput, Contract, Party, Period } from '../contract/schema.js';
import { isIsoDate } from '../base/schema.js';
import { resolveContract, yearOf } from './resolve.js';
import { combineSegments, dayBefore, variationsOf } from './segments.js';
import type { Span } from '../period/index.js';
import {
  bringAgain,
  broughtForwardAgain,
  broughtIntoCoverage,
  checkBroughtForward,
  NOTHING_BROUGHT,
  type BroughtAgain,
  type BroughtForward,
} from './brought-forward.js';
import { settlePaymentsOnAccount, yearVersions } from './on-account.js';
import { traceResolution } from './resolution.js';
import { minorUnits } from '../money/currency.js';
import { RATIO_DECIMAL_PLACES } from '../money/decimal.js';
import { compareIds } from '../money/order.js';
import { resolveMeasurements, type ResolvedMeasurement } from '../measure/resolve.js';
import type { MeasurementInput } from '../measure/schema.js';
import { ENGINE_VERSION } from '../version.js';
import { SETTLEMENT_FORMAT } from './schema.js';
import { settleOptionIssues, type BroughtForwardWithFiles, type SettleOptions } from './options.js';
import { settlementIssues } from './check-settlement.js';

export type { SettleOptions } from './options.js';
import type { PoolContext } from '../pools/context.js';
import type { SettlementLists } from '../pools/kind.js';
import { measuresRead, settlePools } from '../pools/index.js';
import { partyStatement } from './statements.js';
import { TraceBuilder } from '../base/trace.js';
import type { MeasurementUsed, Settlement } from './types.js';

/** Which measures a compiled version's pools read, with each ratio's `per` parsed, worked out once. */
const MEASURES_READ = new MemoKey<ReturnType<typeof measuresRead>>('measures read');

/** A date option checked: a real YYYY-MM-DD date, or nothing. */
function checkDate(value: unknown, name: 'asOf' | 'knownAt'): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new ContractError([
      {
        path: `options.${name}`,
        code: 'invalid_date',
        message: `${name} must be a real date written YYYY-MM-DD (years 1900 to 2999), got ${show(value)}`,
      },
    ]);
  }
  return value;
}

/** The `asOf` option checked: a real date inside the period, or nothing. */
function checkAsOf(value: unknown, period: Period): string | undefined {
  const asOf = checkDate(value, 'asOf');
  if (asOf === undefined) return undefined;
  if (asOf < period.start || asOf > period.end) {
    throw new ContractError([
      {
        path: 'options.asOf',
        code: 'as_of_outside_period',
        message: `asOf ${asOf} is not inside period '${period.id}' (${period.start} to ${period.end})`,
      },
    ]);
  }
  return asOf;
}

/**
 * Settles a contract for one period: scores every metric from the measurements, values each
 * pool, splits the money exactly between the parties and returns every figure with its trace.
 * Pure: the same inputs give a byte-identical settlement, whatever their order.
 *
 * @param contract - a contract from `defineContract`, or contract data (validated here)
 * @param measurements - measured values; those of other periods are checked but not used
 * @param options - `{ period }`: which of the contract's periods to settle
 * @throws ContractError when the contract or options are invalid; MeasurementError when the measurements are
 * @example
 * const settlement = settle(contract, measurements, { period: '2026-27' });
 * for (const party of settlement.parties) console.log(party.id, party.total);
 */
export function settle(
  contract: Contract | ContractInput,
  measurements: readonly MeasurementInput[],
  options: SettleOptions,
): Settlement {
  return settleBringing(contract, measurements, options, undefined);
}

/**
 * `settle`, bringing forward `again` (what an earlier settlement recorded it brought forward, for a
 * restatement) in place of the `broughtForward` option when given. Internal.
 */
export function settleBringing(
  contract: Contract | ContractInput,
  measurements: readonly MeasurementInput[],
  options: Omit<SettleOptions, 'broughtForward'> & { readonly broughtForward?: unknown },
  again: BroughtAgain | undefined,
): Settlement {
  const valid = isCompiledContract(contract) ? contract : defineContract(contract);
  // the options' size and depth (a settlement brought forward is checked as one), then the measurements'
  const given = typeof options === 'object' && options !== null ? { ...options, broughtForward: undefined } : options;
  const tooBig = limitIssues(given, CONTRACT_LIMITS, ['options']);
  if (tooBig.length > 0) throw new ContractError(tooBig);
  const measuredTooBig = limitIssues(measurements, MEASUREMENT_LIMITS, ['measurements']);
  if (measuredTooBig.length > 0) throw new MeasurementError(measuredTooBig);
  const period = valid.periods.find((p) => p.id === options?.period);
  if (!period) {
    throw new ContractError([
      {
        path: 'options.period',
        code: 'unknown_period',
        message: `${options?.period === undefined ? 'the period to settle must be given' : `period ${show(options.period)} is not a period of contract '${valid.id}'`} (periods: ${listed(valid.periods.map((p) => p.id))})`,
      },
    ]);
  }
  // every problem with the options at once
  const optionIssues: Issue[] = [];
  const checked = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      optionIssues.push(...error.issues);
      return undefined;
    }
  };
  const schemaIssues = settleOptionIssues(options);
  const refused = (name: string) => schemaIssues.filter((issue) => issue.path === `options.${name}`);
  optionIssues.push(...refused('asOf'));
  const asOf = refused('asOf').length > 0 ? undefined : checked(() => checkAsOf(options.asOf, period));
  optionIssues.push(...refused('knownAt'));
  const knownAt = refused('knownAt').length > 0 ? undefined : options.knownAt;
  const coverage: Span = { start: period.start, end: asOf ?? period.end };
  const brought =
    checked(() =>
      again === undefined
        ? checkBroughtForward(reproducedBroughtForward(options.broughtForward), valid, period)
        : bringAgain(again, valid, period),
    ) ?? NOTHING_BROUGHT;
  optionIssues.push(...schemaIssues.filter((issue) => issue.code === 'unknown_option'));
  if (optionIssues.length > 0) throw new ContractError(optionIssues);
  const segments = versionSegments(valid, coverage);
  if (segments.length === 1)
    return settleVersion(valid, itemAt(segments, 0), period, coverage, measurements, { asOf, knownAt }, brought);
  const parts = segments.map((segment) => ({
    ...segment,
    // money carried forward is a year amount: each version settles its part of it
    settlement: settleVersion(valid, segment, period, segment.span, measurements, { asOf, knownAt }, brought),
  }));
  return combineSegments(valid, period, coverage, parts);
}

/** Whether `broughtForward` was given with the files it was made from, rather than as a settlement. */
function withFiles(value: unknown): value is BroughtForwardWithFiles {
  return typeof value === 'object' && value !== null && !('format' in value) && 'settlement' in value;
}

/**
 * `broughtForward` given with the files it was made from (`{ settlement, contract, measurements }`):
 * settled again with the options it records, it must give the settlement given, byte for byte. A
 * hash catches an edit; this catches a forger who computed the hash again. Any other value is
 * returned as it is, for `checkBroughtForward`.
 */
function reproducedBroughtForward(value: unknown): unknown {
  if (!withFiles(value)) return value;
  const at = 'options.broughtForward';
  const shape = settlementIssues(value.settlement, `${at}.settlement`);
  if (shape.length > 0) throw new ContractError(shape);
  const s = value.settlement;
  const recorded = s.options;
  let again: Settlement;
  try {
    again = settleBringing(
      value.contract,
      value.measurements,
      {
        period: recorded.period,
        ...(recorded.asOf === null ? {} : { asOf: recorded.asOf }),
        ...(recorded.knownAt === null ? {} : { knownAt: recorded.knownAt }),
        ...(recorded.broughtForward === 'none' ? { broughtForward: 'none' } : {}),
      },
      recorded.broughtForward === null || recorded.broughtForward === 'none'
        ? undefined
        : {
            year: s.resolution.year,
            brought: broughtForwardAgain(
              s.resolution.broughtForward,
              s.currency,
              `${at}.settlement.resolution.broughtForward`,
            ),
          },
    );
  } catch (error) {
    // the previous year's own files are named as such
    const within = (issues: readonly Issue[]) => issues.map((i) => ({ ...i, path: `${at}.${i.path}` }));
    if (error instanceof MeasurementError) throw new MeasurementError(within(error.issues));
    if (error instanceof ContractError) throw new ContractError(within(error.issues));
    throw error;
  }
  if (again.settlementHash !== s.settlementHash)
    throw new ContractError([
      {
        path: `${at}.settlement`,
        code: 'brought_forward_not_reproduced',
        message: `the previous year's settlement (${s.settlementHash.slice(0, 12)}…) is not what its contract and measurements give when settled again (${again.settlementHash.slice(0, 12)}…): verifySettlement(settlement, contract, measurements) names each difference`,
      },
    ]);
  return s;
}

/**
 * The versions of the contract that settle `coverage`: one, unless a variation takes effect
 * inside it and the contract splits such a period pro rata, when each version settles its own days.
 */
function versionSegments(valid: Contract, coverage: Span): { span: Span; contract: Contract; at: string }[] {
  const changes = (valid.variations ?? [])
    .map((v) => v.effectiveFrom)
    .filter((d) => d > coverage.start && d <= coverage.end)
    .sort();
  const rule = valid.variationsInPeriod ?? 'pro-rata';
  if (changes.length === 0 || rule !== 'pro-rata') {
    const at = rule === 'version-at-end' ? coverage.end : coverage.start;
    return [{ span: coverage, contract: versionInForce(valid, at), at }];
  }
  const starts = [coverage.start, ...changes];
  return starts.map((start, i) => ({
    span: { start, end: i + 1 < starts.length ? dayBefore(itemAt(starts, i + 1)) : coverage.end },
    contract: versionInForce(valid, start),
    at: start,
  }));
}

/** Settles what one version of the contract covers. */
function settleVersion(
  valid: Contract,
  { contract: version, at }: { contract: Contract; at: string },
  period: Period,
  coverage: Span,
  measurements: readonly MeasurementInput[],
  { asOf, knownAt }: { asOf: string | undefined; knownAt: string | undefined },
  brought: BroughtForward,
): Settlement {
  const places = version.rounding?.ratioDecimalPlaces ?? RATIO_DECIMAL_PLACES;
  const mode = version.rounding?.mode ?? 'half-up';
  const resolved = resolveContract(version, period, coverage, mode);
  const inForce = resolved.contract;
  const point = version.rounding?.point ?? 'pool';
  const scale = minorUnits(version.currency);
  const reads = memoized(version, MEASURES_READ, () => measuresRead(version.pools));
  const measured = resolveMeasurements(version, reads, measurements, period.id, places, knownAt);
  const trace = new TraceBuilder();
  const issues: Issue[] = [];
  const parties = new Map<string, Party>(inForce.parties.map((p) => [p.id, p]));
  const carried = broughtIntoCoverage(brought, version, period, coverage);
  const resolution = traceResolution(resolved, trace, { record: brought.record, adjusted: carried.adjusted });
  const adjustedNodes = new Set(resolution.adjusted.map((a) => a.trace));
  const ctx: PoolContext = {
    adjustedNodes,
    contract: inForce,
    periodId: period.id,
    parties,
    measured,
    places,
    mode,
    point,
    scale,
    trace,
    issues,
    timeWeights: resolved.timeWeights,
    broughtForward: carried.pools,
  };

  const settled = settlePools(sortedById(version, inForce.pools), ctx);
  const lists: SettlementLists = {
    metrics: [],
    gateways: [],
    pools: [],
    riskShares: [],
    pooledBudgets: [],
    pointsSchemes: [],
    rateCards: [],
  };
  for (const pool of settled) pool.list(lists);
  if (issues.length > 0) throw new MeasurementError(issues);
  // Each instalment on account follows the version of the contract in force on the day it falls due.
  const onAccount = settlePaymentsOnAccount(
    yearVersions(valid, yearOf(valid, period)),
    resolved.coverage,
    { places, mode, point, scale, broughtForward: NOTHING_BROUGHT.pools, adjustedNodes: new Set<string>() },
    trace,
  );

  const statements = sortedById(version, inForce.parties).map((party) =>
    partyStatement(party, settled, onAccount, trace, scale, adjustedNodes),
  );

  const used = measurements.filter((m) => (m as { period?: unknown }).period === period.id);
  const head = documentHead(valid, used, {
    period: period.id,
    asOf: asOf ?? null,
    knownAt: knownAt ?? null,
    broughtForward: brought.option,
  });
  return sealed({
    format: SETTLEMENT_FORMAT,
    engine: { name: 'alliance-payments', version: ENGINE_VERSION },
    contract: { id: version.id, name: version.name, version: version.version },
    contractHash: head.contractHash,
    measurementsHash: head.measurementsHash,
    options: head.options,
    variations: variationsOf(valid, at),
    period: {
      id: period.id,
      start: period.start,
      end: period.end,
      ...(period.measuredOver === undefined
        ? {}
        : { measuredOver: { start: period.measuredOver.start, end: period.measuredOver.end } }),
    },
    currency: valid.currency,
    rounding: { mode, point, ratioDecimalPlaces: places },
    status: asOf !== undefined || settled.some((o) => o.provisional) ? 'provisional' : 'final',
    inputsHash: head.inputsHash,
    settlementHash: '',
    warnings: (compiledOf(valid)?.warnings ?? []).map((w) => ({ path: w.path, code: w.code, message: w.message })),
    resolution,
    metrics: lists.metrics.sort((a, b) => compareIds(a.pool, b.pool) || compareIds(a.id, b.id)),
    gateways: lists.gateways,
    pools: lists.pools,
    riskShares: lists.riskShares,
    pooledBudgets: lists.pooledBudgets,
    pointsSchemes: lists.pointsSchemes,
    rateCards: lists.rateCards,
    measurements: measurementsUsed(measured),
    paymentsOnAccount: onAccount.schedules,
    segments: [],
    parties: statements,
    trace: withParameterPaths([version, inForce], trace.finish()),
  });
}

/** The measurements in force, listed in key order (measure, party, cohort, person). */
function measurementsUsed(measured: ReadonlyMap<string, ResolvedMeasurement>): MeasurementUsed[] {
  return [...measured.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([, { measurement: m, value }]) => ({
      metric: m.metric,
      party: m.party ?? null,
      cohort: m.cohort ?? null,
      person: m.person ?? null,
      revision: m.revision ?? 1,
      status: m.status,
      value: value.toPlainString(),
      source: m.source ?? null,
    }));
}

import { inOurWords } from '../../base/schema.js';
import { formatPath } from '../../base/errors.js';
import { Decimal } from '../../money/decimal.js';
import { checkScoring, scoringRules, type Scoring } from '../../score/index.js';
import { listed, said, show } from '../../base/errors.js';
import type { At, PoolCheckTools } from '../check-tools.js';
import { list, record, string, type Raw } from '../../base/raw.js';

/**
 * The checks of an outcome pool that its schema cannot make: eligible providers, one contribution
 * per party, a fixed distribution adding up to 100 %, destinations naming a commissioner, metric
 * ids unique across the contract, weights adding up to 100 %, accountable providers with something
 * to split by, and each scoring rule's own checks (for every rebased baseline too). Written
 * defensively: the input may also have failed the schema.
 */

type SplitWeight = (partyId: string) => Decimal | undefined;

/** Checks one outcome pool. */
export function checkOutcomePool(pool: Raw, at: At, poolId: string, tools: PoolCheckTools): void {
  const eligible = eligibleProviders(pool, at, poolId, tools);
  const contributed = checkContributions(pool, at, poolId, tools);
  const { basis, splitWeight } = checkDistribution(pool, at, poolId, eligible, contributed, tools);
  checkDestinations(pool, at, tools);
  checkMetrics(pool, at, poolId, { eligible, basis, splitWeight }, tools);
  tools.checkUnique(list(pool.gateways), at('gateways'), 'gateway');
}

function eligibleProviders(pool: Raw, at: At, poolId: string, tools: PoolCheckTools): string[] {
  const { add, mustBeParty, providers, partyById } = tools;
  let eligible = [...providers];
  if (pool.eligible !== undefined) {
    eligible = [];
    list(pool.eligible).forEach((partyId, i) => {
      if (mustBeParty(partyId, at('eligible', i), 'provider')) eligible.push(partyId as string);
    });
  }
  if (eligible.length === 0 && partyById.size > 0) {
    add(at('eligible'), 'no_providers', `pool '${poolId}' has no provider that could earn from it`);
  }

  return eligible;
}

/** Each party's contribution, checked; returns what each contributed (for a distribution by contribution). */
function checkContributions(pool: Raw, at: At, poolId: string, tools: PoolCheckTools): Map<string, Decimal> {
  const { add, mustBeParty, checkMinorUnits, contractValue, partyById, atRiskPercent } = tools;
  const contributions = list(pool.contributions);
  const contributed = new Map<string, Decimal>();
  const contributors = new Set<string>();
  contributions.forEach((item, i) => {
    const contribution = record(item);
    const path = at('contributions', i);
    const known = mustBeParty(contribution.party, [...path, 'party']);
    const hasAmount = contribution.amount !== undefined;
    const hasPercent = contribution.percentOfContractValue !== undefined;
    if (hasAmount === hasPercent) {
      add(path, 'contribution_kind', 'a contribution needs exactly one of "amount" or "percentOfContractValue"');
      return;
    }
    checkMinorUnits(contribution.amount, [...path, 'amount']);
    if (!known) return;
    const partyId = contribution.party as string;
    if (contributors.has(partyId)) {
      add(
        [...path, 'party'],
        'duplicate_contribution',
        `party '${partyId}' already contributes to pool '${poolId}'; declare one contribution per party`,
      );
      return;
    }
    contributors.add(partyId);
    let value = Decimal.parse(contribution.amount);
    if (hasPercent) {
      const percent = Decimal.parse(contribution.percentOfContractValue);
      const base = contractValue(partyId);
      if (!base && partyById.get(partyId)?.contractValue !== undefined) return; // badly written: reported by the schema
      if (!base) {
        add(
          [...path, 'percentOfContractValue'],
          'missing_contract_value',
          `party '${partyId}' has no contract value to take ${typeof contribution.percentOfContractValue === 'string' ? contribution.percentOfContractValue : show(contribution.percentOfContractValue)} % of`,
        );
        return;
      }
      if (percent) {
        value = base.times(percent).dividedBy(Decimal.HUNDRED, 18);
        const sum = atRiskPercent.get(partyId);
        const total = (sum?.total ?? Decimal.ZERO).plus(percent);
        atRiskPercent.set(partyId, { total, path: [...path, 'percentOfContractValue'] });
      }
    }
    if (value) contributed.set(partyId, (contributed.get(partyId) ?? Decimal.ZERO).plus(value));
  });

  return contributed;
}

function checkDistribution(
  pool: Raw,
  at: At,
  poolId: string,
  eligible: readonly string[],
  contributed: ReadonlyMap<string, Decimal>,
  tools: PoolCheckTools,
): { basis: string; splitWeight: SplitWeight } {
  const { add, mustBeParty, contractValue } = tools;
  const distribution = record(pool.distribution);
  const basis = string(distribution.basis) ?? 'contract-value';
  const shares = record(distribution.shares);
  if (basis === 'fixed') {
    if (distribution.shares === undefined) {
      add(
        at('distribution', 'shares'),
        'missing_shares',
        'a "fixed" distribution needs shares: provider id → percentage',
      );
    } else {
      let sum = Decimal.ZERO;
      let complete = true;
      for (const [partyId, share] of Object.entries(shares)) {
        const path = at('distribution', 'shares', partyId);
        if (mustBeParty(partyId, path, 'provider') && !eligible.includes(partyId)) {
          add(path, 'not_eligible', `'${partyId}' has a share but is not eligible for pool '${poolId}'`);
        }
        const value = Decimal.parse(share);
        if (value) sum = sum.plus(value);
        else complete = false;
      }
      for (const partyId of eligible) {
        if (!Object.hasOwn(shares, partyId))
          add(at('distribution', 'shares'), 'missing_share', `eligible provider '${partyId}' has no share`);
      }
      if (complete && !sum.eq(Decimal.HUNDRED)) {
        add(
          at('distribution', 'shares'),
          'shares_not_100',
          `the shares of pool '${poolId}' add up to ${sum.toPlainString()} %, not 100 %`,
        );
      }
    }
  } else if (distribution.shares !== undefined) {
    add(at('distribution', 'shares'), 'unexpected_shares', `shares are only used with basis "fixed", not "${basis}"`);
  }
  const splitWeight = (partyId: string): Decimal | undefined => {
    if (basis === 'equal') return Decimal.ONE;
    if (basis === 'fixed') return Decimal.parse(shares[partyId]);
    if (basis === 'contribution') return contributed.get(partyId) ?? Decimal.ZERO;
    return contractValue(partyId);
  };

  return { basis, splitWeight };
}

function checkDestinations(pool: Raw, at: At, tools: PoolCheckTools): void {
  const { add, mustBeParty } = tools;
  for (const key of ['unearned', 'forfeited'] as const) {
    const destination = record(pool[key]);
    if (destination.to === 'commissioner') {
      if (destination.party === undefined)
        add(at(key, 'party'), 'missing_party', `"to": "commissioner" needs the "party" that keeps the money`);
      else mustBeParty(destination.party, at(key, 'party'), 'commissioner');
    } else if (destination.party !== undefined && typeof destination.to === 'string') {
      add(
        at(key, 'party'),
        'unexpected_party',
        `"party" is only used with "to": "commissioner", not "${destination.to}"`,
      );
    }
  }
}

interface Split {
  readonly eligible: readonly string[];
  readonly basis: string;
  readonly splitWeight: SplitWeight;
}

function checkMetrics(pool: Raw, at: At, poolId: string, split: Split, tools: PoolCheckTools): void {
  const { add } = tools;
  // Metrics
  const metrics = list(pool.metrics);
  let weightSum = Decimal.ZERO;
  let weightsReadable = true;
  const unweighted: number[] = [];
  metrics.forEach((item, metricIndex) => {
    checkMetric(record(item), at('metrics', metricIndex), metricIndex, poolId, split, tools);
    const metric = record(item);
    if (metric.weight === undefined) unweighted.push(metricIndex);
    else {
      const weight = Decimal.parse(metric.weight);
      if (weight) weightSum = weightSum.plus(weight);
      else weightsReadable = false;
    }
  });
  if (unweighted.length > 0 && unweighted.length < metrics.length) {
    for (const metricIndex of unweighted) {
      add(
        at('metrics', metricIndex, 'weight'),
        'missing_weight',
        `pool '${poolId}' weights some metrics, so every metric needs a weight (or leave all out for equal weights)`,
      );
    }
  } else if (unweighted.length === 0 && weightsReadable && metrics.length > 0 && !weightSum.eq(Decimal.HUNDRED)) {
    add(
      at('metrics'),
      'weights_not_100',
      `the metric weights of pool '${poolId}' add up to ${weightSum.toPlainString()} %, not 100 %`,
    );
  }
}

function checkMetric(
  metric: Raw,
  path: PropertyKey[],
  metricIndex: number,
  poolId: string,
  split: Split,
  tools: PoolCheckTools,
): void {
  const { add, metricIds } = tools;
  const metricId = string(metric.id);
  if (metricId !== undefined) {
    const earlier = metricIds.get(metricId);
    if (earlier) add([...path, 'id'], 'duplicate_id', `metric id '${metricId}' is already used by ${earlier}`);
    else metricIds.set(metricId, formatPath(path));
  }

  checkAccountable(metric, path, metricId, poolId, split, tools);
  checkMetricScoring(metric, path, metricId ?? `#${metricIndex}`, tools);
}

function checkAccountable(
  metric: Raw,
  path: PropertyKey[],
  metricId: string | undefined,
  poolId: string,
  { eligible, basis, splitWeight }: Split,
  tools: PoolCheckTools,
): void {
  const { add, mustBeParty, partyById } = tools;
  const accountable: string[] = metric.accountable === undefined ? [...eligible] : [];
  list(metric.accountable).forEach((partyId, i) => {
    if (!mustBeParty(partyId, [...path, 'accountable', i], 'provider')) return;
    if (!eligible.includes(partyId as string)) {
      add(
        [...path, 'accountable', i],
        'not_eligible',
        `'${said(partyId)}' is accountable for metric '${metricId}' but not eligible for pool '${poolId}'`,
      );
    } else accountable.push(partyId as string);
  });
  if (metric.accountable !== undefined && list(metric.accountable).length === 0) {
    add([...path, 'accountable'], 'no_accountable', `metric '${metricId}' lists no accountable provider`);
  }
  if (accountable.length > 0) {
    const weights = accountable.map(splitWeight);
    const missing = accountable.filter((_, i) => weights[i] === undefined);
    const unreadable = missing.some((p) => partyById.get(p)?.contractValue !== undefined);
    if (missing.length > 0 && basis === 'contract-value' && !unreadable) {
      add(
        [...path, 'accountable'],
        'missing_contract_value',
        `metric '${metricId}' is split by contract value, but ${listed(missing, (id) => `'${id}'`)} ${missing.length === 1 ? 'has' : 'have'} none`,
      );
    } else if (missing.length === 0 && weights.every((w) => w!.isZero())) {
      add(
        [...path, 'accountable'],
        'zero_weights',
        `metric '${metricId}' is split by ${basis}, but its accountable providers' ${basis === 'contribution' ? 'contributions' : basis === 'fixed' ? 'fixed shares' : 'contract values'} add up to zero`,
      );
    }
  }
}

/** The scoring rule's own checks, against the baseline and against each rebased baseline. */
function checkMetricScoring(metric: Raw, path: PropertyKey[], metricName: string, tools: PoolCheckTools): void {
  const { add } = tools;
  const scoring = scoringOf(record(metric.scoring));
  const direction = metric.direction;
  if (scoring && (direction === 'higher-is-better' || direction === 'lower-is-better')) {
    const rebased = Object.entries(record(metric.baselines));
    const facts = {
      direction: direction as 'higher-is-better' | 'lower-is-better',
      baseline: string(metric.baseline) ?? string(rebased[0]?.[1]),
    };
    for (const problem of checkScoring(scoring, facts, metricName)) {
      add([...path, 'scoring', ...problem.path], problem.code, problem.message);
    }
    for (const [periodId, value] of rebased) {
      if (!tools.periods.has(periodId)) {
        add(
          [...path, 'baselines', periodId],
          'unknown_period',
          `'${periodId}' is not a period of this contract, so there is no year to rebase the baseline for`,
        );
        continue;
      }
      for (const problem of checkScoring(scoring, { ...facts, baseline: string(value) }, metricName)) {
        add([...path, 'baselines', periodId], problem.code, `for ${periodId}: ${problem.message}`);
      }
    }
  }
}

/** The scoring declaration if it passes its own rule's schema (so its checks can run), else undefined. */
function scoringOf(scoring: Raw): Scoring | undefined {
  const rule = scoringRules.find((candidate) => candidate.type === scoring.type);
  const result = rule?.schema.safeParse(scoring, { error: inOurWords });
  return result?.success ? (result.data as Scoring) : undefined;
}

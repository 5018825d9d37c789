import { ContractError, formatPath, show, type Issue } from '../base/errors.js';
import { isIsoDate } from '../base/schema.js';
import { isCurrencyCode, minorUnits } from '../money/currency.js';
import { checkRiskSharePool, type CheckTools } from './risk-share-checks.js';
import { checkPooledBudget } from './pooled-budget-checks.js';
import { checkPointsScheme } from './points-checks.js';
import { checkRateCard } from './rate-card-checks.js';
import { checkPartyDates, checkPaymentsOnAccount, checkPeriods } from './time-checks.js';
import { applyChange, dataInForce, isProblem, type Variation } from './variation.js';
import { Decimal } from '../money/decimal.js';
import { ruleFor, scoringRules, type Scoring } from '../score/index.js';
import { contractSchema, type Contract } from './schema.js';
import { compile } from './compiled.js';
import { list, record, string, type Raw } from './raw.js';

/** The outcome of `validateContract`: the typed contract, or every problem found. */
export type ContractValidation =
  | { readonly success: true; readonly contract: Contract; readonly issues: readonly [] }
  | { readonly success: false; readonly contract?: undefined; readonly issues: readonly Issue[] };

/** A date only when it is a real YYYY-MM-DD date (others were reported by the schema). */
const date = (value: unknown): string | undefined =>
  typeof value === 'string' && isIsoDate(value) ? value : undefined;

/**
 * Checks a contract against the schema and against everything a schema cannot say: ids unique
 * and references resolved, weights and shares adding up to 100 %, thresholds ordered with the
 * metric's direction, dates inside the term, amounts within the currency's minor units. Every
 * problem is returned at once, each with its path (design.md section 6). The input is not changed.
 *
 * @example
 * const result = validateContract(JSON.parse(file));
 * if (!result.success) for (const issue of result.issues) console.log(`${issue.path}: ${issue.message}`);
 */
export function validateContract(input: unknown): ContractValidation {
  const issues: Issue[] = [];
  const parsed = contractSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const params = (issue as { params?: { code?: string } }).params;
      issues.push({ path: formatPath(issue.path), code: params?.code ?? issue.code, message: issue.message });
    }
  }
  checkMeaning(record(input), issues);
  const versions = checkVariations(record(input), issues);
  if (issues.length > 0 || !parsed.success) return { success: false, issues };
  return { success: true, contract: compile(parsed.data, versions), issues: [] };
}

/**
 * Variations: unique ids, dated inside the term and never two on one day, paths that exist and
 * may be varied; and every version they make is itself a valid contract. Returns the versions.
 */
function checkVariations(contract: Raw, issues: Issue[]): { from: string; contract: Contract }[] {
  const add = (path: PropertyKey[], code: string, message: string) =>
    issues.push({ path: formatPath(path), code, message });
  const items = Array.from(list(contract.variations), record);
  if (items.length === 0) return [];
  const term = record(contract.term);
  const start = date(term.start);
  const end = date(term.end);
  const seenIds = new Map<string, number>();
  const seenDates = new Map<string, number>();
  // a settlement names the version it used: two versions with one label could not be told apart
  const seenVersions = new Map<string, number | 'base'>();
  const baseVersion = string(contract.version);
  if (baseVersion !== undefined) seenVersions.set(baseVersion, 'base');
  let readable = true;
  items.forEach((v, i) => {
    const variationId = string(v.id);
    const version = string(v.version);
    if (version !== undefined) {
      const earlier = seenVersions.get(version);
      if (earlier !== undefined)
        add(
          ['variations', i, 'version'],
          'duplicate_version',
          `version '${version}' is already ${earlier === 'base' ? "the contract's own version" : `the version of variations[${earlier}]`}: each variation makes a new version`,
        );
      else seenVersions.set(version, i);
    }
    if (variationId !== undefined) {
      if (seenIds.has(variationId))
        add(
          ['variations', i, 'id'],
          'duplicate_id',
          `variation id '${variationId}' is already used by variations[${seenIds.get(variationId)}]`,
        );
      else seenIds.set(variationId, i);
    }
    const from = date(v.effectiveFrom);
    if (!from) {
      readable = false;
      return;
    }
    if (start && from <= start)
      add(
        ['variations', i, 'effectiveFrom'],
        'variation_before_start',
        `variation '${variationId ?? i}' takes effect on ${from}, ${from === start ? 'the day' : 'before'} the contract starts (${start}): declare the contract as it is from its start instead`,
      );
    else if (end && from > end)
      add(
        ['variations', i, 'effectiveFrom'],
        'variation_outside_term',
        `variation '${variationId ?? i}' takes effect on ${from}, after the term ends (${end})`,
      );
    if (seenDates.has(from))
      add(
        ['variations', i, 'effectiveFrom'],
        'variations_overlap',
        `variations[${seenDates.get(from)}] also takes effect on ${from}: two versions cannot both be in force from one day (put their changes in one variation)`,
      );
    else seenDates.set(from, i);
    Array.from(list(v.changes), record).forEach((change, j) => {
      if (typeof change.path !== 'string') return;
      const applied = applyChange(contract, change.path, change.value);
      if (isProblem(applied)) add(['variations', i, 'changes', j, 'path'], applied.code, applied.message);
    });
  });
  if (!readable || issues.length > 0) return [];
  const parsedVariations = items.map((v) => v as unknown as Variation);
  const versions: { from: string; contract: Contract }[] = [];
  for (const [i, v] of items.entries()) {
    const from = v.effectiveFrom as string;
    const result = validateContract(dataInForce(contract, parsedVariations, from));
    if (!result.success) {
      for (const issue of result.issues)
        add(
          ['variations', i],
          issue.code,
          `in version ${String(v.version)} (from ${from}): ${issue.path}: ${issue.message}`,
        );
    } else versions.push({ from, contract: result.contract });
  }
  return versions.sort((a, b) => (a.from < b.from ? -1 : 1));
}

/**
 * Declares a contract: validates it and returns it typed and frozen, ready to `settle`.
 * @throws ContractError listing every problem, each with its path and what is expected
 * @example
 * const contract = defineContract(JSON.parse(readFileSync('contract.json', 'utf8')));
 */
export function defineContract(input: unknown): Contract {
  const result = validateContract(input);
  if (!result.success) throw new ContractError(result.issues);
  return result.contract;
}

/** The checks a schema cannot make. Written defensively: the input may also have failed the schema. */
function checkMeaning(contract: Raw, issues: Issue[]): void {
  const add = (path: PropertyKey[], code: string, message: string) =>
    issues.push({ path: formatPath(path), code, message });
  const currency = isCurrencyCode(contract.currency) ? contract.currency : undefined;

  const checkMinorUnits = (value: unknown, path: PropertyKey[]) => {
    const amount = Decimal.parse(value);
    if (currency && amount && amount.scale > minorUnits(currency)) {
      add(
        path,
        'too_many_decimals',
        `${String(value)} has more decimal places than ${currency} has (${minorUnits(currency)})`,
      );
    }
  };
  const checkUnique = (items: unknown[], path: PropertyKey[], what: string, seen = new Map<string, string>()) => {
    items.forEach((item, index) => {
      const itemId = string(record(item).id);
      if (itemId === undefined) return;
      const earlier = seen.get(itemId);
      if (earlier !== undefined)
        add([...path, index, 'id'], 'duplicate_id', `${what} id '${itemId}' is already used by ${earlier}`);
      else seen.set(itemId, formatPath([...path, index]));
    });
  };

  // Term and periods
  const term = record(contract.term);
  const termStart = date(term.start);
  const termEnd = date(term.end);
  if (termStart && termEnd && termEnd < termStart) {
    add(['term', 'end'], 'end_before_start', `the term ends (${termEnd}) before it starts (${termStart})`);
  }
  const periods = list(contract.periods);
  checkUnique(periods, ['periods'], 'period');
  const termDates = { start: termStart, end: termEnd };
  checkPeriods(periods, termDates, add);

  // Parties
  const parties = list(contract.parties);
  checkUnique(parties, ['parties'], 'party');
  const partyById = new Map<string, Raw>();
  parties.forEach((item, index) => {
    const party = record(item);
    const partyId = string(party.id);
    if (partyId !== undefined && !partyById.has(partyId)) partyById.set(partyId, party);
    checkMinorUnits(party.contractValue, ['parties', index, 'contractValue']);
    checkPartyDates(party, index, termDates, add);
  });
  const providers = [...partyById.values()].filter((p) => p.role === 'provider').map((p) => string(p.id)!);
  const contractValue = (partyId: string) => Decimal.parse(partyById.get(partyId)?.contractValue);
  const mustBeParty = (partyId: unknown, path: PropertyKey[], role?: 'provider' | 'commissioner'): boolean => {
    if (typeof partyId !== 'string') return false;
    const party = partyById.get(partyId);
    if (!party) {
      add(
        path,
        'unknown_party',
        `'${partyId}' is not a party of this contract (parties: ${[...partyById.keys()].join(', ') || 'none'})`,
      );
      return false;
    }
    if (role && party.role !== role) {
      add(
        path,
        `not_a_${role}`,
        `'${partyId}' must be a ${role} here, but it is ${typeof party.role === 'string' ? `a ${party.role}` : show(party.role)}`,
      );
      return false;
    }
    return true;
  };

  // Pools
  const pools = list(contract.pools);
  checkUnique(pools, ['pools'], 'pool');
  const metricIds = new Map<string, string>();
  const atRiskPercent = new Map<string, { total: Decimal; path: PropertyKey[] }>();
  const riskShareTools: CheckTools = {
    periods: new Set(periods.flatMap((p) => (typeof record(p).id === 'string' ? [record(p).id as string] : []))),
    add,
    checkMinorUnits,
    checkUnique,
    mustBeParty,
    contractValue,
    providers,
    outcomePools: new Set(
      pools.flatMap((p) =>
        record(p).kind === 'outcome' && typeof record(p).id === 'string' ? [record(p).id as string] : [],
      ),
    ),
  };
  pools.forEach((poolItem, poolIndex) => {
    const pool = record(poolItem);
    const at = (...rest: PropertyKey[]) => ['pools', poolIndex, ...rest];
    const poolId = string(pool.id) ?? `#${poolIndex}`;
    if (pool.kind === 'risk-share') {
      checkRiskSharePool(pool, at, riskShareTools);
      return;
    }
    if (pool.kind === 'pooled-budget') {
      checkPooledBudget(pool, at, riskShareTools);
      return;
    }
    if (pool.kind === 'points') {
      checkPointsScheme(pool, at, riskShareTools);
      return;
    }
    if (pool.kind === 'rate-card') {
      checkRateCard(pool, at, riskShareTools);
      return;
    }

    let eligible = providers;
    if (pool.eligible !== undefined) {
      eligible = [];
      list(pool.eligible).forEach((partyId, i) => {
        if (mustBeParty(partyId, at('eligible', i), 'provider')) eligible.push(partyId as string);
      });
    }
    if (eligible.length === 0 && partyById.size > 0) {
      add(at('eligible'), 'no_providers', `pool '${poolId}' has no provider that could earn from it`);
    }

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

    // Metrics
    const metrics = list(pool.metrics);
    let weightSum = Decimal.ZERO;
    let weightsReadable = true;
    const unweighted: number[] = [];
    metrics.forEach((item, metricIndex) => {
      const metric = record(item);
      const path = at('metrics', metricIndex);
      const metricId = string(metric.id);
      if (metricId !== undefined) {
        const earlier = metricIds.get(metricId);
        if (earlier) add([...path, 'id'], 'duplicate_id', `metric id '${metricId}' is already used by ${earlier}`);
        else metricIds.set(metricId, formatPath(path));
      }
      if (metric.weight === undefined) unweighted.push(metricIndex);
      else {
        const weight = Decimal.parse(metric.weight);
        if (weight) weightSum = weightSum.plus(weight);
        else weightsReadable = false;
      }

      const accountable = metric.accountable === undefined ? eligible : [];
      list(metric.accountable).forEach((partyId, i) => {
        if (!mustBeParty(partyId, [...path, 'accountable', i], 'provider')) return;
        if (!eligible.includes(partyId as string)) {
          add(
            [...path, 'accountable', i],
            'not_eligible',
            `'${String(partyId)}' is accountable for metric '${metricId}' but not eligible for pool '${poolId}'`,
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
            `metric '${metricId}' is split by contract value, but ${missing.map((p) => `'${p}'`).join(', ')} ${missing.length === 1 ? 'has' : 'have'} none`,
          );
        } else if (missing.length === 0 && weights.every((w) => w!.isZero())) {
          add(
            [...path, 'accountable'],
            'zero_weights',
            `metric '${metricId}' is split by ${basis}, but its accountable providers' ${basis === 'contribution' ? 'contributions' : basis === 'fixed' ? 'fixed shares' : 'contract values'} add up to zero`,
          );
        }
      }

      const scoring = scoringOf(record(metric.scoring));
      const direction = metric.direction;
      if (scoring && (direction === 'higher-is-better' || direction === 'lower-is-better')) {
        const rebased = Object.entries(record(metric.baselines));
        const facts = {
          direction: direction as 'higher-is-better' | 'lower-is-better',
          baseline: string(metric.baseline) ?? string(rebased[0]?.[1]),
        };
        for (const problem of ruleFor(scoring).check(scoring, facts, metricId ?? `#${metricIndex}`)) {
          add([...path, 'scoring', ...problem.path], problem.code, problem.message);
        }
        for (const [periodId, value] of rebased) {
          if (!riskShareTools.periods.has(periodId)) {
            add(
              [...path, 'baselines', periodId],
              'unknown_period',
              `'${periodId}' is not a period of this contract, so there is no year to rebase the baseline for`,
            );
            continue;
          }
          for (const problem of ruleFor(scoring).check(
            scoring,
            { ...facts, baseline: string(value) },
            metricId ?? `#${metricIndex}`,
          )) {
            add([...path, 'baselines', periodId], problem.code, `for ${periodId}: ${problem.message}`);
          }
        }
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

    checkUnique(list(pool.gateways), at('gateways'), 'gateway');
  });

  checkPaymentsOnAccount(contract, pools, riskShareTools);

  for (const [partyId, { total, path }] of atRiskPercent) {
    if (total.gt(Decimal.HUNDRED)) {
      add(
        path,
        'at_risk_over_100',
        `party '${partyId}' has ${total.toPlainString()} % of its contract value at risk across pools, more than 100 %`,
      );
    }
  }
}

/** The scoring declaration if it passes its own rule's schema (so its checks can run), else undefined. */
function scoringOf(scoring: Raw): Scoring | undefined {
  const rule = scoringRules.find((candidate) => candidate.type === scoring.type);
  const result = rule?.schema.safeParse(scoring);
  return result?.success ? (result.data as Scoring) : undefined;
}

import { schemaIssueCode, type IssueCode } from '../base/codes.js';
import { followsOn, followsOnMisspeltValue, withoutMisspelt } from './follow-on.js';
import { compareIds } from '../money/order.js';
import { ContractError, formatPath, listed, said, show, type Issue } from '../base/errors.js';
import { isIsoDate, inOurWords } from '../base/schema.js';
import { isCurrencyCode, minorUnits } from '../money/currency.js';
import type { CheckTools } from '../pools/check-tools.js';
import { checkOutcomePool } from '../pools/outcome/checks.js';
import { POOL_CHECKS, type Pool } from '../pools/schema.js';
import { checkPartyDates, checkPaymentsOnAccount, checkPeriods } from './time-checks.js';
import { applyChange, dataInForce, isProblem, type Variation } from './variation.js';
import { Decimal } from '../money/decimal.js';
import { contractSchema, type Contract } from './schema.js';
import { compile } from './compiled.js';
import { list, record, string, type Raw } from '../base/raw.js';
import { CONTRACT_LIMITS, limitIssues } from '../base/limits.js';

/**
 * The outcome of `validateContract`: the typed contract, or every problem found; and, either way,
 * the warnings: what is probably a mistake but is read as written and changes no figure (a rate
 * of "0.02" read as 0.02 % where the scheme may mean 2 %). `settle` repeats them in its settlement.
 */
export type ContractValidation =
  | {
      readonly success: true;
      readonly contract: Contract;
      readonly issues: readonly [];
      readonly warnings: readonly Issue[];
    }
  | {
      readonly success: false;
      readonly contract?: undefined;
      readonly issues: readonly Issue[];
      readonly warnings: readonly Issue[];
    };

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
  const tooBig = limitIssues(input, CONTRACT_LIMITS);
  if (tooBig.length > 0) return { success: false, issues: tooBig, warnings: [] };
  const issues: Issue[] = [];
  const parsed = contractSchema.safeParse(input, { error: inOurWords });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({ path: formatPath(issue.path), code: schemaIssueCode(issue), message: issue.message });
    }
  }
  const reported = withoutMisspelt(issues);
  issues.splice(0, issues.length, ...reported);
  const meaning: Issue[] = [];
  const warned: Issue[] = [];
  checkMeaning(record(input), meaning, warned);
  const parties = list(record(input).parties);
  issues.push(
    ...meaning.filter((issue) => !followsOn(issue, issues) && !followsOnMisspeltValue(issue, issues, parties)),
  );
  const warnings = warned.filter((warning) => !followsOn(warning, issues));
  const versions = checkVariations(
    record(input),
    parsed.success ? (parsed.data.variations ?? []) : undefined,
    issues,
    warnings,
  );
  if (issues.length > 0 || !parsed.success) return { success: false, issues, warnings };
  return { success: true, contract: compile(parsed.data, versions, forSettlement(warnings)), issues: [], warnings };
}

/** The path of each warning by the ids it passes through, for the settlement (see `keyedPath`). */
const KEYED = new WeakMap<Issue, string>();

/**
 * A path by the ids of the entries it passes through (`pools[system].steps[corridor].loss`) in
 * place of their positions (`pools[0].steps[2].loss`), as the trace writes paths: the settlement
 * repeats the warnings, and a settlement is byte-identical whatever the order of entries in the file.
 */
function keyedPath(input: unknown, path: readonly PropertyKey[]): string {
  let at: unknown = input;
  let out = '';
  for (const segment of path) {
    const entry = Array.isArray(at) && typeof segment === 'number' ? (at as unknown[])[segment] : undefined;
    at = typeof segment === 'number' ? entry : record(at)[String(segment)];
    const id = typeof segment === 'number' ? string(record(entry).id) : undefined;
    if (typeof segment === 'number') out += `[${id ?? segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** The warnings as the settlement repeats them: by keyed path, in one order whatever the file's. */
function forSettlement(warnings: readonly Issue[]): Issue[] {
  return warnings
    .map((w) => ({ path: KEYED.get(w) ?? w.path, code: w.code, message: w.message }))
    .sort((a, b) => compareIds(a.path, b.path) || compareIds(a.code, b.code) || compareIds(a.message, b.message));
}

/**
 * Variations: unique ids, dated inside the term and never two on one day, paths that exist and
 * may be varied; and every version they make is itself a valid contract. Returns the versions.
 */
function checkVariations(
  contract: Raw,
  parsedVariations: readonly Variation[] | undefined,
  issues: Issue[],
  warnings: Issue[],
): { from: string; contract: Contract }[] {
  const add = (path: PropertyKey[], code: IssueCode, message: string) =>
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
  // the variations as the schema read them: only when it read the whole contract
  if (!readable || issues.length > 0 || parsedVariations === undefined) return [];
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
    // a warning the contract as declared already has is not repeated for each version that keeps it
    for (const warning of result.warnings)
      if (!warnings.some((w) => w.code === warning.code && w.path === warning.path))
        warnings.push({
          path: formatPath(['variations', i]),
          code: warning.code,
          message: `in version ${String(v.version)} (from ${from}): ${warning.path}: ${warning.message}`,
        });
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

const isPoolKind = (kind: unknown): kind is Pool['kind'] =>
  typeof kind === 'string' && Object.hasOwn(POOL_CHECKS, kind);

type Add = (path: PropertyKey[], code: IssueCode, message: string) => void;

/** The checks every part of a contract uses: amounts within the currency's minor units, ids unique in a list. */
function generalChecks(currency: string | undefined, add: Add): Pick<CheckTools, 'checkMinorUnits' | 'checkUnique'> {
  const checkMinorUnits = (value: unknown, path: PropertyKey[]) => {
    const amount = Decimal.parse(value);
    if (currency !== undefined && isCurrencyCode(currency) && amount && amount.scale > minorUnits(currency)) {
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

  return { checkMinorUnits, checkUnique };
}

/** The parties: ids unique, amounts and dates checked; and the lookups the pools' checks use. */
function checkParties(
  contract: Raw,
  termDates: { start: string | undefined; end: string | undefined },
  { add, checkMinorUnits, checkUnique }: Pick<CheckTools, 'add' | 'checkMinorUnits' | 'checkUnique'>,
) {
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
  const providers = [...partyById].filter(([, p]) => p.role === 'provider').map(([id]) => id);
  const contractValue = (partyId: string) => Decimal.parse(partyById.get(partyId)?.contractValue);
  const mustBeParty = (partyId: unknown, path: PropertyKey[], role?: 'provider' | 'commissioner'): boolean => {
    if (typeof partyId !== 'string') return false;
    const party = partyById.get(partyId);
    if (!party) {
      add(
        path,
        'unknown_party',
        `'${said(partyId)}' is not a party of this contract (parties: ${listed(partyById.keys())})`,
      );
      return false;
    }
    if (role && party.role !== role) {
      add(
        path,
        role === 'provider' ? 'not_a_provider' : 'not_a_commissioner',
        `'${partyId}' must be a ${role} here, but it is ${typeof party.role === 'string' ? `a ${party.role}` : show(party.role)}`,
      );
      return false;
    }
    return true;
  };

  return { partyById, providers, contractValue, mustBeParty };
}

/** The checks a schema cannot make. Written defensively: the input may also have failed the schema. */
function checkMeaning(contract: Raw, issues: Issue[], warnings: Issue[]): void {
  const add = (path: PropertyKey[], code: IssueCode, message: string) =>
    issues.push({ path: formatPath(path), code, message });
  const warn = (path: PropertyKey[], code: IssueCode, message: string) => {
    const warning = { path: formatPath(path), code, message };
    KEYED.set(warning, keyedPath(contract, path));
    warnings.push(warning);
  };
  const currency = isCurrencyCode(contract.currency) ? contract.currency : undefined;

  const { checkMinorUnits, checkUnique } = generalChecks(currency, add);

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

  const { partyById, providers, contractValue, mustBeParty } = checkParties(contract, termDates, {
    add,
    checkMinorUnits,
    checkUnique,
  });

  // Pools
  const pools = list(contract.pools);
  checkUnique(pools, ['pools'], 'pool');
  const metricIds = new Map<string, string>();
  const atRiskPercent = new Map<string, { total: Decimal; path: PropertyKey[] }>();
  const riskShareTools: CheckTools = {
    periods: new Set(periods.flatMap((p) => (typeof record(p).id === 'string' ? [record(p).id as string] : []))),
    add,
    warn,
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
    const check = isPoolKind(pool.kind) ? POOL_CHECKS[pool.kind] : checkOutcomePool;
    check(pool, at, poolId, { ...riskShareTools, partyById, atRiskPercent, metricIds });
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

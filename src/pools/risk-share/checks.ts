import { inOurWords } from '../../base/schema.js';
import { listed, said, show } from '../../base/errors.js';
import { Decimal } from '../../money/decimal.js';
import { checkStep, sharedSides, stepSchema, stepSides } from '../../share/index.js';
import { at as valueAt, list, record, string, type Raw } from '../../base/raw.js';
import type { At, CheckTools } from '../check-tools.js';

/**
 * The checks of a risk-share pool that its schema cannot make: the order names each step once,
 * a gateway that sets the loss rate comes before a rate step, shares add up to 100 %, members and
 * the commissioner exist. Each step's own checks (bands without gaps, rate floors under ceilings,
 * limits with one basis...) are its module's under `share/`, run on a step that passes its schema.
 * Written defensively: the input may also have failed the schema.
 */

const decimal = (value: unknown) => Decimal.parse(value);
const given = (value: unknown) => value !== undefined;

/** What the checks of one pool share: its id, the place it sits at, the contract's tools. */
interface PoolChecks {
  readonly pool: Raw;
  readonly poolId: string;
  readonly at: At;
  readonly tools: CheckTools;
}

/**
 * Reports, through `tools.add`, what is wrong with a risk-share pool beyond its schema, in the
 * order a reader meets it: members, budget, the order of the steps, each step, the distribution.
 * @example
 * checkRiskSharePool(record(contract.pools[0]), (...rest) => ['pools', 0, ...rest], tools);
 * // e.g. tools.add(['pools', 0, 'order', 2], 'unknown_step', "the order names step 'ratee', ...")
 */
export function checkRiskSharePool(pool: Raw, at: At, tools: CheckTools): void {
  const checks: PoolChecks = { pool, poolId: string(pool.id) ?? '?', at, tools };
  const members = checkMembers(checks);
  checkBudgets(checks, members);
  const ordered = checkOrder(checks);
  checkSteps(checks, members, ordered);
  checkSides(checks);
  checkDistribution(checks, members);
  checkMemberCaps(checks, members);
}

/** The members (every provider unless declared), each a provider, and the commissioner. */
function checkMembers({ pool, poolId, at, tools }: PoolChecks): string[] {
  let members = [...tools.providers];
  if (pool.members !== undefined) {
    members = [];
    list(pool.members).forEach((partyId, i) => {
      if (tools.mustBeParty(partyId, at('members', i), 'provider')) members.push(partyId as string);
    });
  }
  if (members.length === 0)
    tools.add(at('members'), 'no_members', `risk-share pool '${poolId}' has no provider to share its gain or loss`);
  tools.mustBeParty(pool.commissioner, at('commissioner'), 'commissioner');
  return members;
}

/** Budget: one total, or one per member. */
function checkBudgets({ pool, poolId, at, tools }: PoolChecks, members: readonly string[]): void {
  const { add, checkMinorUnits } = tools;
  if (given(pool.budget) === given(pool.budgets)) {
    add(
      at('budget'),
      'budget_kind',
      `risk-share pool '${poolId}' needs exactly one of "budget" (for the alliance) or "budgets" (per member)`,
    );
  }
  checkMinorUnits(pool.budget, at('budget'));
  checkMinorUnits(pool.revenue, at('revenue'));
  if (given(pool.budgets)) {
    const budgets = record(pool.budgets);
    for (const [partyId, value] of Object.entries(budgets)) {
      checkMinorUnits(value, at('budgets', partyId));
      if (!members.includes(partyId))
        add(
          at('budgets', partyId),
          'unexpected_party',
          `'${partyId}' has a budget but is not a member of pool '${poolId}'`,
        );
    }
    const missing = members.filter((m) => !Object.hasOwn(budgets, m));
    if (missing.length > 0)
      add(at('budgets'), 'missing_budget', `members ${listed(missing, (id) => `'${id}'`)} have no budget`);
  }
}

/** Step ids are unique, and the order names each declared step once: step id → its place in the order. */
function checkOrder({ pool, poolId, at, tools }: PoolChecks): Map<string, number> {
  const { add } = tools;
  const steps = list(pool.steps);
  tools.checkUnique(steps, at('steps'), 'step');
  const stepIds = new Map<string, number>();
  steps.forEach((item, index) => {
    const stepId = string(record(item).id);
    if (stepId !== undefined && !stepIds.has(stepId)) stepIds.set(stepId, index);
  });
  const ordered = new Map<string, number>();
  list(pool.order).forEach((item, k) => {
    const stepId = string(item);
    if (stepId === undefined) return;
    const earlier = ordered.get(stepId);
    if (!stepIds.has(stepId)) {
      add(
        at('order', k),
        'unknown_step',
        `the order names step '${said(stepId)}', which pool '${poolId}' does not declare (steps: ${listed(stepIds.keys())})`,
      );
    } else if (earlier !== undefined) {
      add(at('order', k), 'duplicate_step', `step '${stepId}' is already in the order at position ${earlier + 1}`);
    } else ordered.set(stepId, k);
  });
  for (const [stepId, index] of stepIds) {
    if (!ordered.has(stepId))
      add(at('steps', index), 'step_not_in_order', `step '${stepId}' is declared but the order does not apply it`);
  }
  return ordered;
}

/**
 * Each step that passes its schema by its own module's checks; then, across steps, a gateway
 * that sets the loss rate must come before a rate step that uses it.
 */
function checkSteps({ pool, at, tools }: PoolChecks, members: readonly string[], ordered: Map<string, number>): void {
  const steps = list(pool.steps);
  const revenueKnown = given(pool.revenue) || members.every((m) => tools.contractValue(m) !== undefined);
  const rateSteps: number[] = [];
  steps.forEach((item, index) => {
    const raw = record(item);
    if (raw.type === 'rate') {
      const k = ordered.get(string(raw.id) ?? `#${index}`);
      if (k !== undefined) rateSteps.push(k);
    }
    const parsed = stepSchema.safeParse(item, { error: inOurWords });
    if (!parsed.success) return;
    const path = (rest: PropertyKey[]) => at('steps', index, ...rest);
    checkStep(parsed.data, {
      add: (rest, code, message) => tools.add(path(rest), code, message),
      warn: (rest, code, message) => tools.warn(path(rest), code, message),
      written: (rest) => valueAt(item, rest),
      checkMinorUnits: (value, rest) => tools.checkMinorUnits(value, path(rest)),
      outcomePools: tools.outcomePools,
      revenueKnown,
    });
  });
  steps.forEach((item) => {
    const step = record(item);
    const stepId = string(step.id);
    if (step.type !== 'gateway' || stepId === undefined || !given(record(step.onFail).lossPercent)) return;
    const k = ordered.get(stepId);
    if (k !== undefined && !rateSteps.some((r) => r > k))
      tools.add(
        at('order', k),
        'gateway_after_rate',
        `gateway '${stepId}' sets the loss rate, so a rate step must come after it in the order`,
      );
  });
}

const SIDE_WORDS = { gain: 'gains', loss: 'losses' } as const;

/**
 * Which sides the members share is never left to a default: a pool whose steps share one side
 * only must say whether it means to (`sides`), a declared side needs a step that shares it, and a
 * step may not name a side the pool does not share.
 */
function checkSides({ pool, poolId, at, tools }: PoolChecks): void {
  const steps = list(pool.steps).flatMap((item, index) => {
    const parsed = stepSchema.safeParse(item, { error: inOurWords });
    return parsed.success ? [{ index, step: parsed.data, sides: stepSides(parsed.data) }] : [];
  });
  if (steps.length !== list(pool.steps).length) return; // a step the schema refused: its sides are unknown
  const declared = pool.sides === 'gain' || pool.sides === 'loss' || pool.sides === 'both' ? pool.sides : undefined;
  if (pool.sides !== undefined && declared === undefined) return; // refused by the schema
  const shared = new Set(steps.flatMap((s) => s.sides.shares));
  if (declared === undefined) {
    if (shared.size === 2) return;
    const only = [...shared][0];
    tools.add(
      at('sides'),
      'unclear_sides',
      only === undefined
        ? `no step of pool '${poolId}' shares a gain or a loss (a rate or bands step does): add one, and say which sides the members share with "sides": "gain", "loss" or "both"`
        : `the steps of pool '${poolId}' share ${SIDE_WORDS[only]} only, so it is unclear whether the members share ${SIDE_WORDS[only === 'gain' ? 'loss' : 'gain']}: write "sides": "${only}" if ${SIDE_WORDS[only === 'gain' ? 'loss' : 'gain']} are wholly the commissioner's, or "sides": "both" with a step that shares them (e.g. a rate step with "${only === 'gain' ? 'loss' : 'gain'}": { "percent": "100" } for all of them)`,
    );
    return;
  }
  const sides = sharedSides(declared, []);
  for (const side of sides)
    if (!shared.has(side))
      tools.add(
        at('sides'),
        'side_without_share',
        `pool '${poolId}' shares ${SIDE_WORDS[side]} ("sides": "${declared}"), but no step says at what share: add a rate or bands step for the ${side} side (e.g. "${side}": { "percent": "100" } for all of it)`,
      );
  for (const { index, step, sides: named } of steps)
    for (const side of named.names)
      if (!sides.includes(side))
        tools.add(
          at('steps', index),
          'step_for_unshared_side',
          `step '${step.id}' is declared for ${SIDE_WORDS[side]}, but pool '${poolId}' shares ${SIDE_WORDS[sides[0] ?? 'gain']} only ("sides": "${declared}"): remove its ${side} part, or write "sides": "both"`,
        );
}

/** How the alliance's share is split between the members: each basis has what it reads. */
function checkDistribution({ pool, poolId, at, tools }: PoolChecks, members: readonly string[]): void {
  const { add, contractValue } = tools;
  const distribution = record(pool.distribution);
  if (distribution.basis === 'fixed') {
    if (!given(distribution.shares))
      add(
        at('distribution', 'shares'),
        'missing_shares',
        'a "fixed" distribution needs "shares": member id → percentage',
      );
    else checkFixedShares(add, at('distribution', 'shares'), record(distribution.shares), members, poolId, 'member');
  } else if (given(distribution.shares)) {
    add(
      at('distribution', 'shares'),
      'unexpected_shares',
      `shares are only read with basis "fixed", not ${show(distribution.basis)}`,
    );
  }
  if (distribution.basis === 'measure' && !given(distribution.measure))
    add(
      at('distribution', 'measure'),
      'missing_measure',
      'a "measure" distribution needs the "measure" whose values are the weights',
    );
  if (distribution.basis === 'contribution') {
    if (typeof distribution.pool !== 'string' || !tools.outcomePools.has(distribution.pool))
      add(
        at('distribution', 'pool'),
        'unknown_pool',
        `a "contribution" distribution needs "pool": an outcome pool of this contract whose contributions are the weights (outcome pools: ${listed(tools.outcomePools)})`,
      );
  }
  if (distribution.basis === 'budget' && !given(pool.budgets))
    add(at('distribution', 'basis'), 'missing_budgets', 'a "budget" distribution needs per-member "budgets"');
  if (distribution.basis === 'contract-value') {
    for (const m of members)
      if (contractValue(m) === undefined)
        add(at('distribution', 'basis'), 'missing_contract_value', `member '${m}' has no contract value to split by`);
  }
}

/** Per-member caps: for members only, each with one basis the contract can compute. */
function checkMemberCaps({ pool, poolId, at, tools }: PoolChecks, members: readonly string[]): void {
  const { add, checkMinorUnits, contractValue } = tools;
  const distribution = record(pool.distribution);
  for (const [partyId, capsItem] of Object.entries(record(distribution.caps))) {
    if (!members.includes(partyId))
      add(
        at('distribution', 'caps', partyId),
        'unexpected_party',
        `'${partyId}' has a cap but is not a member of pool '${poolId}'`,
      );
    list(capsItem).forEach((capItem, j) => {
      const cap = record(capItem);
      if (given(cap.amount) === given(cap.percentOfContractValue))
        add(
          at('distribution', 'caps', partyId, j),
          'member_cap_basis',
          'a member cap needs exactly one of "amount" or "percentOfContractValue"',
        );
      checkMinorUnits(cap.amount, at('distribution', 'caps', partyId, j, 'amount'));
      if (given(cap.percentOfContractValue) && members.includes(partyId) && contractValue(partyId) === undefined)
        add(
          at('distribution', 'caps', partyId, j, 'percentOfContractValue'),
          'missing_contract_value',
          `member '${partyId}' has no contract value for a cap in per cent of it`,
        );
    });
  }
}

/**
 * Fixed shares, one per party that takes part, adding up to 100 %: shared by risk-share pools
 * (members) and pooled budgets (partners).
 */
export function checkFixedShares(
  add: CheckTools['add'],
  path: PropertyKey[],
  shares: Raw,
  parties: readonly string[],
  poolId: string,
  noun: 'member' | 'partner',
): void {
  let total: Decimal | undefined = Decimal.ZERO;
  for (const [partyId, value] of Object.entries(shares)) {
    const share = decimal(value);
    total = share && total ? total.plus(share) : undefined;
    if (!parties.includes(partyId))
      add(
        [...path, partyId],
        'unexpected_share',
        `'${said(partyId)}' has a share but is not a ${noun} of pool '${poolId}' (${noun}s: ${listed(parties)})`,
      );
  }
  const missing = parties.filter((p) => !Object.hasOwn(shares, p));
  if (missing.length > 0) add(path, 'missing_share', `${noun}s ${listed(missing, (id) => `'${id}'`)} have no share`);
  if (total && !total.eq(Decimal.HUNDRED))
    add(path, 'shares_not_100', `the shares of pool '${poolId}' add up to ${total.toPlainString()} %, not 100 %`);
}

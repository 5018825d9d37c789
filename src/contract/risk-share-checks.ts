import { Decimal } from '../money/decimal.js';
import { list, record, string, type Raw } from './raw.js';

/**
 * The checks of a risk-share pool that its schema cannot make: the order names each step once,
 * bands run from 0 without gaps or overlaps, rate floors under ceilings, shares add up to 100 %,
 * limits have a basis the contract can compute, members and the commissioner exist. Written
 * defensively: the input may also have failed the schema.
 */

export interface CheckTools {
  readonly add: (path: PropertyKey[], code: string, message: string) => void;
  readonly checkMinorUnits: (value: unknown, path: PropertyKey[]) => void;
  readonly checkUnique: (items: unknown[], path: PropertyKey[], what: string) => void;
  readonly mustBeParty: (partyId: unknown, path: PropertyKey[], role?: 'provider' | 'commissioner') => boolean;
  readonly contractValue: (partyId: string) => Decimal | undefined;
  readonly providers: readonly string[];
  readonly outcomePools: ReadonlySet<string>;
  readonly periods: ReadonlySet<string>;
}

const decimal = (value: unknown) => Decimal.parse(value);
const given = (value: unknown) => value !== undefined;

export function checkRiskSharePool(pool: Raw, at: (...rest: PropertyKey[]) => PropertyKey[], tools: CheckTools): void {
  const { add, checkMinorUnits, checkUnique, mustBeParty, contractValue } = tools;
  const poolId = string(pool.id) ?? '?';

  // Members and the commissioner
  let members = [...tools.providers];
  if (pool.members !== undefined) {
    members = [];
    list(pool.members).forEach((partyId, i) => {
      if (mustBeParty(partyId, at('members', i), 'provider')) members.push(partyId as string);
    });
  }
  if (members.length === 0)
    add(at('members'), 'no_members', `risk-share pool '${poolId}' has no provider to share its gain or loss`);
  mustBeParty(pool.commissioner, at('commissioner'), 'commissioner');

  // Budget: one total, or one per member
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
      add(at('budgets'), 'missing_budget', `members ${missing.map((m) => `'${m}'`).join(', ')} have no budget`);
  }

  // Steps and their order
  const steps = list(pool.steps);
  checkUnique(steps, at('steps'), 'step');
  const stepIds = new Map<string, number>();
  steps.forEach((item, index) => {
    const stepId = string(record(item).id);
    if (stepId !== undefined && !stepIds.has(stepId)) stepIds.set(stepId, index);
  });
  const order = list(pool.order);
  const ordered = new Map<string, number>();
  order.forEach((item, k) => {
    const stepId = string(item);
    if (stepId === undefined) return;
    if (!stepIds.has(stepId)) {
      add(
        at('order', k),
        'unknown_step',
        `the order names step '${stepId}', which pool '${poolId}' does not declare (steps: ${[...stepIds.keys()].join(', ') || 'none'})`,
      );
    } else if (ordered.has(stepId)) {
      add(
        at('order', k),
        'duplicate_step',
        `step '${stepId}' is already in the order at position ${ordered.get(stepId)! + 1}`,
      );
    } else ordered.set(stepId, k);
  });
  for (const [stepId, index] of stepIds) {
    if (!ordered.has(stepId))
      add(at('steps', index), 'step_not_in_order', `step '${stepId}' is declared but the order does not apply it`);
  }

  const revenueKnown = given(pool.revenue) || members.every((m) => contractValue(m) !== undefined);
  const rateSteps: number[] = [];
  steps.forEach((item, index) => {
    const step = record(item);
    const path = (...rest: PropertyKey[]) => at('steps', index, ...rest);
    const stepId = string(step.id) ?? `#${index}`;
    switch (step.type) {
      case 'corridor':
      case 'rate':
      case 'bands':
        if (!given(step.gain) && !given(step.loss))
          add(path(), 'no_side', `step '${stepId}' declares neither a "gain" nor a "loss" side, so it does nothing`);
        break;
    }
    if (step.type === 'rate') {
      const k = ordered.get(stepId);
      if (k !== undefined) rateSteps.push(k);
      for (const side of ['gain', 'loss'] as const) {
        if (!given(step[side])) continue;
        const spec = record(step[side]);
        const hasPercent = given(spec.percent);
        const hasOneMinus = given(spec.oneMinusGain);
        if (!hasPercent && !hasOneMinus)
          add(
            path(side),
            'rate_missing',
            `the ${side} rate of step '${stepId}' needs "percent"${side === 'loss' ? ' or "oneMinusGain"' : ''}`,
          );
        if (hasPercent && hasOneMinus)
          add(
            path(side),
            'rate_conflict',
            `the ${side} rate of step '${stepId}' gives both "percent" and "oneMinusGain"; give one`,
          );
        if (hasOneMinus && side === 'gain')
          add(path(side, 'oneMinusGain'), 'one_minus_gain_on_gain', '"oneMinusGain" belongs on the loss side');
        if (hasOneMinus && side === 'loss' && !given(step.gain))
          add(
            path(side, 'oneMinusGain'),
            'one_minus_gain_without_gain',
            `the loss rate of step '${stepId}' is 1 − the gain rate, but the step declares no gain rate`,
          );
        if (given(spec.quality)) {
          const quality = record(spec.quality);
          if (given(quality.measure) === given(quality.pool))
            add(
              path(side, 'quality'),
              'quality_source',
              'a quality score comes from exactly one of "measure" or "pool"',
            );
          else if (typeof quality.pool === 'string' && !tools.outcomePools.has(quality.pool))
            add(
              path(side, 'quality', 'pool'),
              'unknown_pool',
              `'${quality.pool}' is not an outcome pool of this contract (outcome pools: ${[...tools.outcomePools].join(', ') || 'none'})`,
            );
          if (hasOneMinus)
            add(
              path(side, 'quality'),
              'rate_conflict',
              'a rate of 1 − the gain rate takes its quality from the gain rate',
            );
        }
        const floor = decimal(spec.floor);
        const ceiling = decimal(spec.ceiling);
        if (floor && ceiling && floor.gt(ceiling))
          add(
            path(side, 'floor'),
            'floor_above_ceiling',
            `the ${side} rate floor of step '${stepId}' (${spec.floor} %) is above its ceiling (${spec.ceiling} %)`,
          );
      }
    }
    if (step.type === 'bands') {
      for (const side of ['gain', 'loss'] as const) {
        const bands = list(step[side]);
        let previousTo: Decimal | undefined = Decimal.ZERO;
        bands.forEach((bandItem, j) => {
          const band = record(bandItem);
          const from = decimal(band.from);
          const to = decimal(band.to);
          if (!from) return;
          if (j === 0 && !from.isZero())
            add(
              path(side, 0, 'from'),
              'bands_not_from_zero',
              `the first ${side} band must start at 0 %, not ${band.from} %`,
            );
          else if (j > 0 && previousTo !== undefined && from.gt(previousTo))
            add(
              path(side, j, 'from'),
              'bands_gap',
              `${side} band ${j + 1} starts at ${band.from} % but band ${j} ends at ${previousTo.toPlainString()} %: a gap`,
            );
          else if (j > 0 && previousTo !== undefined && from.lt(previousTo))
            add(
              path(side, j, 'from'),
              'bands_overlap',
              `${side} band ${j + 1} starts at ${band.from} % but band ${j} ends at ${previousTo.toPlainString()} %: they overlap`,
            );
          if (band.to === undefined && j < bands.length - 1)
            add(path(side, j, 'to'), 'band_open_not_last', `only the last ${side} band may leave out "to" (and above)`);
          if (to && to.lte(from))
            add(
              path(side, j, 'to'),
              'band_empty',
              `${side} band ${j + 1} ends (${band.to} %) at or before it starts (${band.from} %)`,
            );
          previousTo = to;
        });
      }
    }
    if (step.type === 'cap') {
      list(step.limits).forEach((limitItem, j) => {
        const limit = record(limitItem);
        const bases = ['amount', 'percentOfBudget', 'percentOfRevenue'].filter((key) => given(limit[key]));
        if (bases.length !== 1)
          add(
            path('limits', j),
            'limit_basis',
            'a limit needs exactly one of "amount", "percentOfBudget" or "percentOfRevenue"',
          );
        checkMinorUnits(limit.amount, path('limits', j, 'amount'));
        if (given(limit.percentOfRevenue) && !revenueKnown)
          add(
            path('limits', j, 'percentOfRevenue'),
            'revenue_unknown',
            `a limit in per cent of revenue needs the pool's "revenue", or a contract value for every member`,
          );
      });
    }
    if (step.type === 'adjustment') {
      if (given(step.amount) === given(step.exceptional))
        add(path(), 'adjustment_kind', `adjustment '${stepId}' needs exactly one of "amount" or "exceptional"`);
      checkMinorUnits(step.amount, path('amount'));
      const event = record(step.exceptional);
      const affected = decimal(event.affectedMonths);
      const months = decimal(event.months);
      if (affected && months && affected.gt(months))
        add(
          path('exceptional', 'affectedMonths'),
          'affected_months',
          `${event.affectedMonths} affected months is more than the ${event.months} months of the period`,
        );
    }
  });
  // A gateway that sets the loss rate must come before a rate step that uses it.
  steps.forEach((item) => {
    const step = record(item);
    const stepId = string(step.id);
    if (step.type !== 'gateway' || stepId === undefined || !given(record(step.onFail).lossPercent)) return;
    const k = ordered.get(stepId);
    if (k !== undefined && !rateSteps.some((r) => r > k))
      add(
        at('order', k),
        'gateway_after_rate',
        `gateway '${stepId}' sets the loss rate, so a rate step must come after it in the order`,
      );
  });

  // Distribution between the members
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
      `shares are only read with basis "fixed", not "${String(distribution.basis)}"`,
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
        `a "contribution" distribution needs "pool": an outcome pool of this contract whose contributions are the weights (outcome pools: ${[...tools.outcomePools].join(', ') || 'none'})`,
      );
  }
  if (distribution.basis === 'budget' && !given(pool.budgets))
    add(at('distribution', 'basis'), 'missing_budgets', 'a "budget" distribution needs per-member "budgets"');
  if (distribution.basis === 'contract-value') {
    for (const m of members)
      if (contractValue(m) === undefined)
        add(at('distribution', 'basis'), 'missing_contract_value', `member '${m}' has no contract value to split by`);
  }
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
        `'${partyId}' has a share but is not a ${noun} of pool '${poolId}' (${noun}s: ${parties.join(', ')})`,
      );
  }
  const missing = parties.filter((p) => !Object.hasOwn(shares, p));
  if (missing.length > 0)
    add(path, 'missing_share', `${noun}s ${missing.map((p) => `'${p}'`).join(', ')} have no share`);
  if (total && !total.eq(Decimal.HUNDRED))
    add(path, 'shares_not_100', `the shares of pool '${poolId}' add up to ${total.toPlainString()} %, not 100 %`);
}

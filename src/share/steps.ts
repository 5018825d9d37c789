import type { Band, Limit, Rate, Step } from '../contract/risk-share.js';
import { Decimal } from '../money/decimal.js';
import type { RoundingMode } from '../money/rounding.js';

/**
 * The steps of a risk-share pool as pure functions. Each takes the amount being shared (a
 * magnitude: of the gain, or of the loss) and returns the amount after it, exactly, with its
 * working in plain words. Money is rounded only by a `round` step, by an exceptional-event
 * reduction (a sum of money), and once at the end by the pool.
 */

export type Side = 'gain' | 'loss';

/** What the steps need from the pool and the settlement around it. */
export interface StepContext {
  readonly side: Side;
  readonly budget: Decimal;
  /** The alliance's revenue, for percent-of-revenue limits (undefined when it cannot be known). */
  readonly revenue: Decimal | undefined;
  readonly scale: number;
  readonly places: number;
  readonly mode: RoundingMode;
  /** A quality score in [0, 1]: a measure's value or an outcome pool's weighted score, with how it was found. */
  readonly quality: (source: NonNullable<Rate['quality']>) => { score: Decimal; input: StepInput };
  /** A pool-level measurement, or undefined when there is none. */
  readonly measured: (measure: string) => { value: Decimal } | undefined;
}

export interface StepInput {
  readonly name: string;
  readonly value: string;
  readonly node?: string;
}

/** What applying a step did. */
export interface StepOutcome {
  readonly applied: boolean;
  readonly amount: Decimal;
  readonly formula: string;
  readonly inputs: StepInput[];
  /** Set by a failed gateway: the loss rate later rate steps must use. */
  readonly lossRate?: Decimal;
  /** Gateways only: whether the condition was met (undefined when no measurement and missing policy "fail"). */
  readonly met?: boolean;
}

/** Per cent as a fraction, exactly ("2.5" → 0.025). */
export const fraction = (percent: string): Decimal => {
  const p = Decimal.parse(percent)!;
  return Decimal.fromUnits(p.coefficient, p.scale + 2);
};

const plain = (value: Decimal) => value.toPlainString();
const pct = (rate: Decimal) => `${plain(rate.times(Decimal.HUNDRED))} %`;

/** The value of a cap or limit basis, or undefined when it cannot be computed (no revenue). */
export function limitValue(limit: Limit, ctx: Pick<StepContext, 'budget' | 'revenue'>): Decimal | undefined {
  if (limit.amount !== undefined) return Decimal.parse(limit.amount)!;
  if (limit.percentOfBudget !== undefined) return ctx.budget.times(fraction(limit.percentOfBudget));
  if (limit.percentOfRevenue !== undefined && ctx.revenue !== undefined)
    return ctx.revenue.times(fraction(limit.percentOfRevenue));
  return undefined;
}

const describeLimit = (limit: Limit): string =>
  limit.amount !== undefined
    ? limit.amount
    : limit.percentOfBudget !== undefined
      ? `${limit.percentOfBudget} % of the budget`
      : `${limit.percentOfRevenue} % of revenue`;

/** A rate spec worked out: the fraction, and how. */
export function rateOf(
  spec: Rate,
  ctx: StepContext,
  gainRate?: () => { rate: Decimal; formula: string; inputs: StepInput[] },
): { rate: Decimal; formula: string; inputs: StepInput[] } {
  let rate: Decimal;
  let formula: string;
  const inputs: StepInput[] = [];
  if (spec.oneMinusGain && gainRate) {
    const gain = gainRate();
    rate = Decimal.ONE.minus(gain.rate);
    formula = `1 − gain rate ${plain(gain.rate)} = ${plain(rate)}`;
    inputs.push({ name: 'gain rate', value: plain(gain.rate) }, ...gain.inputs);
  } else {
    rate = fraction(spec.percent!);
    formula = `${spec.percent} %`;
    inputs.push({ name: 'rate', value: `${spec.percent} %` });
    if (spec.quality) {
      const { score, input } = ctx.quality(spec.quality);
      rate = rate.times(score);
      formula += ` × quality score ${plain(score)} = ${plain(rate)}`;
      inputs.push(input);
    }
  }
  if (spec.floor !== undefined && rate.lt(fraction(spec.floor))) {
    rate = fraction(spec.floor);
    formula += `, raised to the floor of ${spec.floor} %`;
    inputs.push({ name: 'floor', value: `${spec.floor} %` });
  }
  if (spec.ceiling !== undefined && rate.gt(fraction(spec.ceiling))) {
    rate = fraction(spec.ceiling);
    formula += `, lowered to the ceiling of ${spec.ceiling} %`;
    inputs.push({ name: 'ceiling', value: `${spec.ceiling} %` });
  }
  return { rate, formula, inputs };
}

/** Marginal bands: each band's share applies only to the slice of the amount inside it. */
function applyBands(bands: readonly Band[], amount: Decimal, budget: Decimal): { amount: Decimal; formula: string } {
  let total = Decimal.ZERO;
  const slices: string[] = [];
  for (const band of bands) {
    const from = budget.times(fraction(band.from));
    const to = band.to === undefined ? undefined : budget.times(fraction(band.to));
    const top = to === undefined ? amount : Decimal.min(amount, to);
    if (top.lte(from)) continue;
    const slice = top.minus(from);
    const share = slice.times(fraction(band.percent));
    total = total.plus(share);
    slices.push(
      `${band.percent} % of ${plain(slice)} (${band.from} %${band.to === undefined ? ' and above' : ` to ${band.to} %`} of the budget) = ${plain(share)}`,
    );
  }
  return { amount: total, formula: slices.length ? slices.join(' + ') : 'no slice of the amount falls in a band' };
}

const appliesTo = (applies: 'gain' | 'loss' | 'both' | undefined, fallback: 'gain' | 'both', side: Side) =>
  (applies ?? fallback) === 'both' || (applies ?? fallback) === side;

/**
 * Applies one step to the amount being shared.
 * @param lossRate - the loss rate a failed gateway set earlier, if any
 */
export function applyStep(step: Step, amount: Decimal, ctx: StepContext, lossRate: Decimal | undefined): StepOutcome {
  const { side } = ctx;
  const skip = (why: string): StepOutcome => ({ applied: false, amount, formula: `not applied: ${why}`, inputs: [] });
  const amountInput = { name: 'amount before', value: plain(amount) };
  switch (step.type) {
    case 'corridor': {
      const percent = side === 'gain' ? step.gain : step.loss;
      if (percent === undefined) return skip(`no corridor for a ${side}`);
      const threshold = ctx.budget.times(fraction(percent));
      const inputs = [amountInput, { name: 'corridor', value: `${percent} % of the budget = ${plain(threshold)}` }];
      if (amount.lt(threshold))
        return {
          applied: true,
          amount: Decimal.ZERO,
          formula: `${plain(amount)} is below the corridor of ${plain(threshold)}: nothing is shared`,
          inputs,
        };
      if (step.sharing === 'first-pound')
        return {
          applied: true,
          amount,
          formula: `${plain(amount)} reaches the corridor of ${plain(threshold)}: shared from the first pound`,
          inputs,
        };
      const beyond = amount.minus(threshold);
      return {
        applied: true,
        amount: beyond,
        formula: `${plain(amount)} reaches the corridor; only the part beyond it is shared: ${plain(amount)} − ${plain(threshold)} = ${plain(beyond)}`,
        inputs,
      };
    }
    case 'rate': {
      const spec = side === 'gain' ? step.gain : step.loss;
      if (lossRate !== undefined && side === 'loss') {
        const result = amount.times(lossRate);
        return {
          applied: true,
          amount: result,
          formula: `${plain(amount)} × ${pct(lossRate)} (the loss rate set by a failed gateway) = ${plain(result)}`,
          inputs: [amountInput, { name: 'loss rate', value: pct(lossRate) }],
        };
      }
      if (spec === undefined) return skip(`no rate for a ${side}`);
      const worked = rateOf(spec, ctx, step.gain ? () => rateOf(step.gain!, ctx) : undefined);
      const result = amount.times(worked.rate);
      return {
        applied: true,
        amount: result,
        formula: `${plain(amount)} × rate (${worked.formula}) = ${plain(result)}`,
        inputs: [amountInput, ...worked.inputs],
      };
    }
    case 'bands': {
      const bands = side === 'gain' ? step.gain : step.loss;
      if (bands === undefined) return skip(`no bands for a ${side}`);
      const worked = applyBands(bands, amount, ctx.budget);
      return {
        applied: true,
        amount: worked.amount,
        formula: `${worked.formula} → ${plain(worked.amount)}`,
        inputs: [amountInput, { name: 'budget', value: plain(ctx.budget) }],
      };
    }
    case 'cap': {
      if (step.applies !== side) return skip(`a ${step.applies === 'gain' ? 'cap on gains' : 'limit on losses'}`);
      const limits = step.limits.map((limit) => ({ limit, value: limitValue(limit, ctx)! }));
      const smallest = limits.reduce((a, b) => (b.value.lt(a.value) ? b : a));
      const result = Decimal.min(amount, smallest.value);
      const what = side === 'gain' ? 'cap' : 'limit';
      return {
        applied: true,
        amount: result,
        formula: `${what} = the smallest of ${limits.map((l) => `${describeLimit(l.limit)} = ${plain(l.value)}`).join('; ')} = ${plain(smallest.value)}; ${amount.gt(smallest.value) ? `${plain(amount)} is held to it` : `${plain(amount)} is within it`}`,
        inputs: [amountInput, ...limits.map((l) => ({ name: describeLimit(l.limit), value: plain(l.value) }))],
      };
    }
    case 'deduction': {
      if (!appliesTo(step.applies, 'gain', side)) return skip(`a deduction from ${step.applies ?? 'gain'}s only`);
      const kept = Decimal.ONE.minus(fraction(step.percent));
      const result = amount.times(kept);
      return {
        applied: true,
        amount: result,
        formula: `${plain(amount)} less ${step.percent} % withheld = ${plain(amount)} × ${plain(kept)} = ${plain(result)}`,
        inputs: [amountInput, { name: 'withheld', value: `${step.percent} %` }],
      };
    }
    case 'adjustment': {
      if (!appliesTo(step.applies, 'both', side)) return skip(`an adjustment to ${step.applies}s only`);
      if (step.amount !== undefined) {
        const adjusted = amount.plus(Decimal.parse(step.amount)!);
        const result = adjusted.sign() < 0 ? Decimal.ZERO : adjusted;
        return {
          applied: true,
          amount: result,
          formula: `${plain(amount)} + (${step.amount}) = ${plain(adjusted)}${adjusted.sign() < 0 ? ', not below zero: 0' : ''}`,
          inputs: [amountInput, { name: 'adjustment', value: step.amount }],
        };
      }
      const event = step.exceptional!;
      const months = Decimal.parse(event.affectedMonths)!.dividedBy(Decimal.parse(event.months)!, ctx.places);
      const exact = amount.times(months).times(fraction(event.affectedPopulation));
      const reduction = Decimal.fromUnits(exact.toUnits(ctx.scale, ctx.mode), ctx.scale);
      const result = amount.minus(reduction);
      return {
        applied: true,
        amount: result,
        formula: `exceptional event: reduction = ${plain(amount)} × ${event.affectedMonths}/${event.months} months × ${event.affectedPopulation} % of the population = ${plain(exact)}, rounded ${ctx.mode} to ${plain(reduction)}; ${plain(amount)} − ${plain(reduction)} = ${plain(result)}`,
        inputs: [
          amountInput,
          { name: 'affected months', value: `${event.affectedMonths} of ${event.months}` },
          { name: 'affected population', value: `${event.affectedPopulation} %` },
          { name: 'reduction', value: reduction.toString() },
        ],
      };
    }
    case 'round': {
      const result = amount.round(step.places, ctx.mode);
      return {
        applied: true,
        amount: result,
        formula: `${plain(amount)} rounded ${ctx.mode} to ${step.places} decimal place${step.places === 1 ? '' : 's'} = ${result.toString()}`,
        inputs: [amountInput],
      };
    }
    case 'gateway': {
      const found = ctx.measured(step.measure);
      const threshold = Decimal.parse(step.threshold)!;
      const met = found
        ? step.direction === 'higher-is-better'
          ? found.value.gte(threshold)
          : found.value.lte(threshold)
        : false;
      const test = found
        ? `${plain(found.value)} ${step.direction === 'higher-is-better' ? '≥' : '≤'} ${step.threshold}: ${met ? 'met' : 'not met'}`
        : 'no measurement: not met';
      const inputs: StepInput[] = [
        amountInput,
        found
          ? { name: `measured ${step.measure}`, value: plain(found.value) }
          : { name: `measured ${step.measure}`, value: 'missing' },
        { name: 'threshold', value: step.threshold },
      ];
      if (met) return { applied: true, amount, formula: `${test}; nothing changes`, inputs, met };
      if (side === 'gain' && step.onFail.gain === 'forfeit')
        return { applied: true, amount: Decimal.ZERO, formula: `${test}: the gain share is removed`, inputs, met };
      if (side === 'loss' && step.onFail.lossPercent !== undefined)
        return {
          applied: true,
          amount,
          formula: `${test}: the loss rate becomes ${step.onFail.lossPercent} %`,
          inputs,
          met,
          lossRate: fraction(step.onFail.lossPercent),
        };
      return { applied: true, amount, formula: `${test}; nothing is declared for a ${side}`, inputs, met };
    }
  }
}

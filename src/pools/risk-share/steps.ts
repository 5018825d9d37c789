import type { RiskSharePool, Step } from './schema.js';
import type { Rate } from '../../share/schema.js';
import { Decimal } from '../../money/decimal.js';
import { measurementKey } from '../../measure/resolve.js';
import type { IssueCode } from '../../base/codes.js';
import { applyStep, sharedSides, type StepContext, type StepOutcome } from '../../share/index.js';
import type { EarlierPools } from '../kind.js';
import type { RiskShareStepResult } from './result-schema.js';
import { plain, type RiskShareRun } from './run.js';
import type { Variance } from './variance.js';

/** The alliance's share, after the steps. */
export interface AllianceShare {
  /** The amount after the last step, exact. */
  readonly amount: Decimal;
  /** Its magnitude rounded to the minor unit. */
  readonly magnitude: bigint;
  /** Signed: negative when the members bear a loss. */
  readonly units: bigint;
  readonly steps: RiskShareStepResult[];
  readonly node: string;
}

/** The pool's steps in the declared order (the contract's checks make sure every id names a step). */
function stepsInOrder(pool: RiskSharePool): Step[] {
  const byId = new Map(pool.steps.map((s) => [s.id, s]));
  return pool.order.map((id) => {
    const step = byId.get(id);
    if (!step) throw new Error(`internal: risk-share pool '${pool.id}' orders step '${id}', which it does not declare`);
    return step;
  });
}

/** The alliance's revenue, for caps in percent of revenue: declared, or the members' contract values when all are known. */
function allianceRevenue(run: RiskShareRun): Decimal | undefined {
  if (run.pool.revenue !== undefined) return Decimal.of(run.pool.revenue);
  const contractValues = run.members.map((party) => run.ctx.parties.get(party)?.contractValue);
  return contractValues.every((value): value is string => value !== undefined)
    ? contractValues.reduce((sum, value) => sum.plus(Decimal.of(value)), Decimal.ZERO)
    : undefined;
}

/** A quality score in [0, 1] for a rate: an outcome pool's weighted score, or a measure's value held to [0, 1]. */
function qualityScore(
  run: RiskShareRun,
  outcomeScores: EarlierPools,
  source: NonNullable<Rate['quality']>,
): ReturnType<StepContext['quality']> {
  if (source.pool !== undefined) {
    const found = outcomeScores.get(source.pool);
    const score = found?.score ?? Decimal.ZERO;
    return {
      score,
      input: {
        name: `weighted score of pool ${source.pool}`,
        value: plain(score),
        ...(found ? { node: found.node } : {}),
      },
    };
  }
  const found = run.measured(source.measure);
  const score = found?.value ?? Decimal.ZERO;
  // a score outside [0, 1] is a mistake in the data (91.5 for 0.915), never held to the nearest end in silence
  if (found && (score.sign() < 0 || score.gt(Decimal.ONE))) {
    run.ctx.issues.push({
      path: `measurements[${found.index}].value`,
      code: 'score_out_of_range',
      message: `'${source.measure}' is a quality score, so it must be between 0 and 1 (a fraction: 0.915 for 91.5 %), got ${plain(score)}`,
    });
    return { score: Decimal.ZERO, input: { name: `quality score ${source.measure}`, value: plain(score) } };
  }
  return { score, input: { name: `quality score ${source.measure}`, value: plain(score) } };
}

/** What the steps are told about the pool: its side, budget and revenue, and where to read scores and measures. */
function stepContext(run: RiskShareRun, variance: Variance, outcomeScores: EarlierPools): StepContext {
  const { scale, places, mode } = run.ctx;
  return {
    side: variance.side === 'none' ? 'gain' : variance.side,
    budget: variance.budget,
    revenue: allianceRevenue(run),
    scale,
    places,
    mode,
    quality: (source) => qualityScore(run, outcomeScores, source),
    measured: (measure) => run.measuredIfAny(measure),
    count: (measure) => {
      const found = run.measured(measure);
      if (!found) return undefined;
      const reject = (code: IssueCode, message: string) =>
        run.ctx.issues.push({ path: `measurements[${found.index}].value`, code, message });
      return { value: found.value, reject };
    },
  };
}

/** A gateway whose measurement is missing and whose missing-data policy is "error" is reported. */
function checkGatewayMeasured(run: RiskShareRun, step: Step): void {
  const { ctx, pool } = run;
  if (
    step.type === 'gateway' &&
    !ctx.measured.has(measurementKey(step.measure)) &&
    (step.missing ?? 'error') === 'error'
  ) {
    ctx.issues.push({
      path: 'measurements',
      code: 'missing_measurement',
      message: `no measurement of '${step.measure}' in period '${ctx.periodId}', needed by gateway step '${step.id}' of pool '${pool.id}' (its missing-data policy is "error")`,
    });
  }
}

/**
 * Step 2 of a risk-share pool: the declared steps, in the declared order, turn the variance's
 * magnitude into the alliance's share, each traced as a node linked to the one before it.
 */
export function applySteps(run: RiskShareRun, variance: Variance, outcomeScores: EarlierPools): AllianceShare {
  const { pool, ctx, at } = run;
  const { trace, scale, mode } = ctx;
  const stepCtx = stepContext(run, variance, outcomeScores);
  // a side the pool does not share is wholly the commissioner's: the members' share of it is nothing
  const unshared = variance.side !== 'none' && !sharedSides(pool.sides, pool.steps).includes(variance.side);
  const notShared = `not applied: pool ${pool.id} shares ${variance.side === 'loss' ? 'gains' : 'losses'} only ("sides": "${pool.sides ?? ''}"), so this ${variance.side} is wholly the commissioner's`;
  let amount = unshared ? Decimal.ZERO : variance.magnitude;
  let lossRate: Decimal | undefined;
  // the first step is given the side's amount (the variance's magnitude): a node of its own, so
  // that every step's "amount before" equals the node it links to
  let previous = trace.add({
    id: run.nodeId('sideAmount'),
    label: `the ${variance.side === 'none' ? 'variance' : variance.side} the steps of pool ${pool.id} are given`,
    value: amount.toAtLeast(scale),
    formula:
      variance.side === 'none'
        ? 'no variance: nothing to share'
        : unshared
          ? `nothing: the pool does not share a ${variance.side}`
          : `the magnitude of the variance, |${trace.valueOf(variance.node)}|`,
    inputs: [{ name: 'variance', value: trace.valueOf(variance.node), node: variance.node }],
    path: at,
    clause: pool.clause,
  });
  const steps: RiskShareStepResult[] = [];
  for (const step of stepsInOrder(pool)) {
    checkGatewayMeasured(run, step);
    const before = amount;
    const outcome: StepOutcome =
      variance.side === 'none'
        ? { applied: false, amount, formula: 'not applied: no variance to share', inputs: [] }
        : unshared
          ? { applied: false, amount, formula: notShared, inputs: [] }
          : applyStep(step, amount, stepCtx, lossRate);
    if ('lossRate' in outcome && outcome.lossRate !== undefined) lossRate = outcome.lossRate;
    amount = outcome.amount;
    const node = trace.add({
      id: run.nodeId('step', step.id),
      label: `step ${step.id} (${step.type}) of pool ${pool.id}`,
      value: amount.toAtLeast(scale),
      formula: outcome.formula,
      // "amount before" is the previous step's figure (or the side's amount): linked to that node,
      // and given to a step that did not apply too, so an explanation passes through it
      inputs: outcome.inputs.some((input) => input.name === 'amount before')
        ? outcome.inputs.map((input) => (input.name === 'amount before' ? { ...input, node: previous } : input))
        : [{ name: 'amount before', value: before.toAtLeast(scale), node: previous }, ...outcome.inputs],
      path: `${at}.steps[${step.id}]`,
      clause: step.clause ?? pool.clause,
    });
    previous = node;
    steps.push({
      id: step.id,
      type: step.type,
      applied: outcome.applied,
      amount: amount.toAtLeast(scale),
      trace: { amount: node },
    });
  }
  const magnitude = amount.toUnits(scale, mode);
  const units = variance.side === 'loss' ? -magnitude : magnitude;
  const node = trace.add({
    id: run.nodeId('allianceShare'),
    label: `the alliance's share in pool ${pool.id}`,
    value: run.money(units),
    formula: unshared
      ? `none: pool ${pool.id} does not share ${variance.side === 'loss' ? 'losses' : 'gains'} ("sides": "${pool.sides ?? ''}"), so the ${variance.side} is wholly the commissioner's`
      : `${amount.toAtLeast(scale)} after the steps (${pool.order.join(' → ')}), rounded ${mode} to the minor unit, ${variance.side === 'loss' ? 'borne by the members (negative)' : 'paid to the members'}`,
    inputs: [{ name: 'amount after the steps', value: amount.toAtLeast(scale), node: previous }],
    path: `${at}.order`,
    clause: pool.clause,
  });
  return { amount, magnitude, units, steps, node };
}

import { Decimal } from '../../money/decimal.js';
import type { TraceInput } from '../../base/trace.js';
import type { Side } from '../../share/index.js';
import type { RiskSharePoolResult } from './result-schema.js';
import { declaredFor, type RiskShareRun } from './run.js';

/** The budget against the outturn, and the variance the steps share. */
export interface Variance {
  readonly budget: Decimal;
  readonly outturn: Decimal;
  /** With per-member budgets: each member's budget, outturn and variance. */
  readonly memberRows: RiskSharePoolResult['members'][number][];
  /** A deficit carried from the previous contract year, recovered from this year's result. */
  readonly brought: { readonly units: bigint; readonly from: string; readonly settlementHash: string } | undefined;
  /** In minor units, rounded with the contract's mode. */
  readonly units: bigint;
  /** Its magnitude, exact: what the first step is given. */
  readonly magnitude: Decimal;
  readonly side: Side | 'none';
  readonly node: string;
}

/** Budget and outturn as read, before they are traced. */
interface Read {
  readonly budget: Decimal;
  readonly outturn: Decimal;
  readonly budgetInputs: TraceInput[];
  readonly outturnInputs: TraceInput[];
  /** Whether a measured outturn had more decimal places than the currency, and was rounded to its minor unit. */
  readonly rounded: boolean;
  readonly memberRows: RiskSharePoolResult['members'][number][];
}

/**
 * A measured outturn in money: rounded to the currency's minor unit with the contract's rounding
 * mode before any arithmetic, so that every figure shown (outturn, variance) is the one computed:
 * 100.00 − 90.015 shows as 100.00 − 90.02 = 9.98, never 100.00 − 90.02 = 9.99.
 */
const inMoney = (run: RiskShareRun, measured: Decimal): Decimal => measured.round(run.ctx.scale, run.ctx.mode);

/** Whether the variance runs outturn − budget (activity above a baseline is a gain), not budget − outturn. */
export const activityRuns = (run: RiskShareRun): boolean => run.pool.variance === 'outturn-minus-budget';

/** Per-member budgets: the budget is their sum, and the outturn the sum of each member's measured spend. */
function readPerMember(run: RiskShareRun, budgets: Readonly<Record<string, string>>): Read {
  const { scale } = run.ctx;
  let rounded = false;
  let budget = Decimal.ZERO;
  let outturn = Decimal.ZERO;
  const outturnInputs: TraceInput[] = [];
  const budgetInputs: TraceInput[] = [];
  const memberRows: RiskSharePoolResult['members'][number][] = [];
  for (const party of run.members) {
    const declared = declaredFor(budgets, party, 'budget');
    const b = Decimal.of(declared);
    const measured = run.measured(run.pool.outturn.measure, party)?.value ?? Decimal.ZERO;
    const o = inMoney(run, measured);
    rounded ||= !o.eq(measured);
    budget = budget.plus(b);
    outturn = outturn.plus(o);
    budgetInputs.push({ name: party, value: declared });
    outturnInputs.push({ name: party, value: measured.toAtLeast(run.ctx.scale) });
    memberRows.push({
      party,
      budget: b.toFixed(scale),
      outturn: o.toFixed(scale),
      variance: (activityRuns(run) ? o.minus(b) : b.minus(o)).toFixed(scale),
    });
  }
  return { budget, outturn, budgetInputs, outturnInputs, rounded, memberRows };
}

/** One budget for the alliance, against the outturn measured for the pool as a whole. */
function readWhole(run: RiskShareRun, declared: string): Read {
  const budget = Decimal.of(declared);
  const found = run.measured(run.pool.outturn.measure);
  const measured = found?.value ?? Decimal.ZERO;
  const outturn = inMoney(run, measured);
  const outturnInputs: TraceInput[] = [{ name: 'measured', value: measured.toAtLeast(run.ctx.scale) }];
  if (found?.measurement.source) outturnInputs.push({ name: 'source', value: found.measurement.source });
  const rounded = !outturn.eq(measured);
  return {
    budget,
    outturn,
    budgetInputs: [{ name: 'budget', value: declared }],
    outturnInputs,
    rounded,
    memberRows: [],
  };
}

/** Traces the budget and the outturn, each as a node. */
function traceBudgetAndOutturn(run: RiskShareRun, read: Read): { budgetNode: string; outturnNode: string } {
  const { pool, ctx, at } = run;
  const { trace, scale } = ctx;
  const budgetNode = trace.add({
    id: run.nodeId('budget'),
    label: `budget of pool ${pool.id}`,
    value: read.budget.toFixed(scale),
    formula: pool.budgets ? 'sum of the members’ budgets' : `declared ${pool.budgetKind ?? 'control-total'}`,
    inputs: read.budgetInputs,
    path: `${at}.${pool.budgets ? 'budgets' : 'budget'}`,
    clause: pool.clause,
  });
  const outturnNode = trace.add({
    id: run.nodeId('outturn'),
    label: `outturn of pool ${pool.id}`,
    value: read.outturn.toFixed(scale),
    formula: `${pool.budgets ? `sum of the members’ measured '${pool.outturn.measure}'` : `measured '${pool.outturn.measure}'`}${read.rounded ? `, each rounded ${ctx.mode} to the minor unit` : ''}`,
    inputs: read.outturnInputs,
    path: `measurements[metric=${pool.outturn.measure},period=${ctx.periodId}]`,
    clause: pool.outturn.clause ?? pool.clause,
  });
  return { budgetNode, outturnNode };
}

/** The side a variance falls on. */
const side = (variance: Decimal): Side | 'none' =>
  variance.sign() > 0 ? 'gain' : variance.sign() < 0 ? 'loss' : 'none';

/**
 * Step 1 of a risk-share pool: budget against outturn (per member or for the alliance), plus a
 * deficit carried from the previous contract year, gives the variance and the side it falls on.
 */
export function traceVariance(run: RiskShareRun): Variance {
  const { pool, ctx } = run;
  const { trace, scale, mode } = ctx;
  const money = (units: bigint) => run.money(units);
  const read = pool.budget === undefined ? readPerMember(run, pool.budgets) : readWhole(run, pool.budget);
  const { budget, outturn } = read;
  const { budgetNode, outturnNode } = traceBudgetAndOutturn(run, read);
  // a deficit carried from the previous contract year is recovered from this year's result
  const brought = ctx.broughtForward.get(pool.id);
  const activity = activityRuns(run);
  const variance = (activity ? outturn.minus(budget) : budget.minus(outturn)).plus(
    Decimal.fromUnits(brought?.units ?? 0n, scale),
  );
  const [first, second] = activity ? [outturn, budget] : [budget, outturn];
  const described =
    side(variance) === 'gain'
      ? activity
        ? 'above the budget (gain: the members are paid more)'
        : 'a surplus (gain)'
      : side(variance) === 'loss'
        ? activity
          ? 'below the budget (loss: the members are paid less)'
          : 'a deficit (loss)'
        : 'on budget';
  const varianceUnits = variance.toUnits(scale, mode);
  const sideOf = side(variance);
  const node = trace.add({
    id: run.nodeId('variance'),
    label: `variance of pool ${pool.id}`,
    value: money(varianceUnits),
    formula: `${activity ? 'outturn − budget' : 'budget − outturn'}${brought ? ` + deficit carried forward from ${brought.from}` : ''} = ${first.toAtLeast(run.ctx.scale)} − ${second.toAtLeast(run.ctx.scale)}${brought ? ` + (${money(brought.units)})` : ''} = ${variance.toAtLeast(run.ctx.scale)}: ${described}`,
    inputs: [
      { name: 'budget', value: budget.toFixed(scale), node: budgetNode },
      { name: 'outturn', value: outturn.toFixed(scale), node: outturnNode },
      ...(brought
        ? [
            {
              name: `carried forward from ${brought.from} (settlement ${brought.settlementHash.slice(0, 12)})`,
              value: money(brought.units),
            },
          ]
        : []),
    ],
    path: run.at,
    clause: pool.clause,
  });
  return {
    budget,
    outturn,
    memberRows: read.memberRows,
    brought,
    units: varianceUnits,
    magnitude: variance.abs(),
    side: sideOf,
    node,
  };
}

import { entry } from '../../base/lookup.js';
import { memoized, MemoKey } from '../../contract/compiled.js';
import type { Gateway, Metric, OutcomePool } from './schema.js';
import { prepareScoring } from '../../score/index.js';
import type { Scorer } from '../../score/rule.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds, sortById } from '../../money/order.js';
import { timeWeighted, type PoolContext } from '../context.js';
import type { NodeText } from './helpers.js';

/** What a metric's settlement needs that does not depend on the measurements. */
export interface MetricPlan {
  readonly metric: Metric;
  /** Its scoring rule, with the thresholds parsed once. */
  readonly score: Scorer;
  readonly declared: Decimal;
  readonly fractions: readonly { readonly party: string; readonly fraction: Decimal }[];
  readonly ids: Readonly<
    Record<'measured' | 'score' | 'weight' | 'weightedScore' | 'atRisk' | 'earnedByScore', string>
  >;
  readonly path: string;
}

/**
 * Everything about a pool that the contract alone decides: contributions and funding with their
 * trace text, who can earn and in what fractions, metrics in id order with their node ids. A
 * validated contract is frozen, so this is worked out once per pool and reused by every
 * settlement of it (what-if sweeps settle one contract many times).
 */
export interface PoolPlan {
  readonly contributions: readonly {
    readonly party: string;
    readonly units: bigint;
    readonly node: NodeText & { value: string };
  }[];
  readonly funding: bigint;
  readonly fundingNode: NodeText & { value: string };
  readonly eligible: readonly string[];
  readonly basis: string;
  readonly equalWeights: boolean;
  readonly metrics: readonly MetricPlan[];
  readonly gateways: readonly { readonly gateway: Gateway; readonly threshold: Decimal }[];
  /** Per eligible provider: its share of each metric it is accountable for, as trace inputs. */
  /** Per party, its fraction of each metric's money, with the split weights it comes from. */
  readonly shares: ReadonlyMap<string, readonly MetricShare[]>;
}

const PLANS = new MemoKey<WeakMap<OutcomePool, PoolPlan>>('outcome plans');

/**
 * The plan of a pool, worked out once per compiled contract and pool as settled: the contract's
 * memo holds one per pool object, and a period that cuts the pool (with its parties) makes a new
 * object, so each resolution of a year has its own plan and every settlement of it reuses it.
 */
export function planFor(pool: OutcomePool, ctx: PoolContext): PoolPlan {
  const plans = memoized(ctx.contract, PLANS, () => new WeakMap<OutcomePool, PoolPlan>());
  let plan = plans.get(pool);
  if (!plan) plans.set(pool, (plan = makePlan(pool, ctx)));
  return plan;
}

type Contribution = PoolPlan['contributions'][number];

/** The contributions in party order, each with its amount in minor units and its trace text; and the funding. */
function contributionsOf(
  pool: OutcomePool,
  ctx: PoolContext,
): Pick<PoolPlan, 'contributions' | 'funding' | 'fundingNode'> {
  const { scale, places, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const at = `pools[${pool.id}]`;
  const contributions: Contribution[] = [...pool.contributions]
    .sort((a, b) => compareIds(a.party, b.party))
    .map((c) => {
      let units: bigint;
      let formula: string;
      let inputs: { name: string; value: string; node?: string }[];
      if (c.amount !== undefined && c.percentOfContractValue !== undefined) {
        // a percentage contribution for part of a year, already cut from the year's (resolve.ts)
        units = Decimal.of(c.amount).toUnits(scale, mode);
        formula = `${c.percentOfContractValue} % of the year's contract value, cut to what is settled (see resolve:${at}.contributions[party=${c.party}].amount)`;
        inputs = [
          {
            name: 'amount for what is settled',
            value: c.amount,
            node: `resolve:${at}.contributions[party=${c.party}].amount`,
          },
          { name: 'percentage at risk', value: c.percentOfContractValue },
        ];
      } else if (c.amount !== undefined) {
        units = Decimal.of(c.amount).toUnits(scale, mode);
        formula = 'fixed contribution';
        inputs = [{ name: 'amount', value: c.amount }];
      } else {
        const value = Decimal.of(entry(ctx.parties, c.party).contractValue);
        const exact = value.times(Decimal.of(c.percentOfContractValue)).dividedBy(Decimal.HUNDRED, places);
        units = exact.toUnits(scale, mode);
        formula = `contract value ${value} × ${c.percentOfContractValue} % = ${exact.toPlainString()}, rounded ${mode} to the minor unit`;
        inputs = [
          { name: 'contract value', value: value.toString() },
          { name: 'percentage at risk', value: c.percentOfContractValue },
        ];
      }
      const clause = c.clause ?? pool.clause;
      return {
        party: c.party,
        units,
        node: {
          id: `pool:${pool.id}:contribution:${c.party}`,
          label: `${c.party}'s contribution to pool ${pool.id}`,
          value: money(units),
          formula,
          inputs,
          path: `${at}.contributions[party=${c.party}]`,
          ...(clause === undefined ? {} : { clause }),
        },
      };
    });
  const funding = contributions.reduce((s, c) => s + c.units, 0n);
  const fundingNode = {
    id: `pool:${pool.id}:funding`,
    label: `funding of pool ${pool.id}`,
    value: money(funding),
    formula: 'sum of contributions',
    inputs: contributions.map((c) => ({ name: c.party, value: c.node.value, node: c.node.id })),
    path: `${at}.contributions`,
    ...(pool.clause === undefined ? {} : { clause: pool.clause }),
  };

  return { contributions, funding, fundingNode };
}

/** A party's fraction of one metric's money: its split weight over the accountable parties' total. */
export interface MetricShare {
  readonly metric: string;
  readonly metricPath: string;
  readonly fraction: string;
  readonly weight: string;
  readonly total: string;
  readonly earnedNode: string;
}

function makePlan(pool: OutcomePool, ctx: PoolContext): PoolPlan {
  const { scale, places } = ctx;
  const at = `pools[${pool.id}]`;
  const { contributions, funding, fundingNode } = contributionsOf(pool, ctx);
  const providers = [...ctx.parties.values()].filter((p) => p.role === 'provider').map((p) => p.id);
  const eligible = [...(pool.eligible ?? providers)].sort(compareIds);
  const declaredBasis = pool.distribution?.basis ?? 'contract-value';
  const basis =
    ctx.timeWeights !== null && (declaredBasis === 'equal' || declaredBasis === 'fixed')
      ? `${declaredBasis} × time in force`
      : declaredBasis;
  const contributed = new Map(contributions.map((c) => [c.party, c.units]));
  const splitWeights = new Map(
    eligible.map((party) => {
      if (declaredBasis === 'equal') return [party, timeWeighted(ctx, party, Decimal.ONE)];
      if (declaredBasis === 'fixed')
        return [party, timeWeighted(ctx, party, Decimal.of(pool.distribution!.shares![party]))];
      if (declaredBasis === 'contribution') return [party, Decimal.fromUnits(contributed.get(party) ?? 0n, scale)];
      return [party, Decimal.of(entry(ctx.parties, party).contractValue)];
    }),
  );
  // Each accountable provider's fraction of a metric's money; metrics often share one set of providers.
  const fractionCache = new Map<string, { party: string; fraction: Decimal; weight: Decimal; total: Decimal }[]>();
  const fractionsFor = (parties: readonly string[]) => {
    const accountable = [...parties].sort(compareIds);
    const key = accountable.join('\u0000');
    let fractions = fractionCache.get(key);
    if (!fractions) {
      const splitTotal = accountable.reduce((s, p) => s.plus(entry(splitWeights, p)), Decimal.ZERO);
      fractions = accountable.map((party) => ({
        party,
        fraction: splitTotal.isZero() ? Decimal.ZERO : entry(splitWeights, party).dividedBy(splitTotal, places),
        weight: entry(splitWeights, party),
        total: splitTotal,
      }));
      fractionCache.set(key, fractions);
    }
    return fractions;
  };
  const equalWeights = pool.metrics.every((m) => m.weight === undefined);
  const metrics = sortById(pool.metrics).map((metric) => ({
    metric,
    score: prepareScoring(metric.scoring, metric, places),
    declared: equalWeights ? Decimal.ONE : Decimal.of(metric.weight),
    fractions: fractionsFor(metric.accountable ?? eligible),
    ids: {
      measured: `metric:${metric.id}:measured`,
      score: `metric:${metric.id}:score`,
      weight: `metric:${metric.id}:weight`,
      weightedScore: `metric:${metric.id}:weightedScore`,
      atRisk: `metric:${metric.id}:atRisk`,
      earnedByScore: `metric:${metric.id}:earnedByScore`,
    },
    path: `${at}.metrics[${metric.id}]`,
  }));
  const shares = new Map<string, MetricShare[]>();
  for (const m of metrics) {
    for (const f of m.fractions) {
      let list = shares.get(f.party);
      if (!list) shares.set(f.party, (list = []));
      list.push({
        metric: m.metric.id,
        metricPath: m.path,
        fraction: f.fraction.toPlainString(),
        weight: f.weight.toPlainString(),
        total: f.total.toPlainString(),
        earnedNode: m.ids.earnedByScore,
      });
    }
  }
  return {
    contributions,
    funding,
    fundingNode,
    eligible,
    basis,
    equalWeights,
    metrics,
    gateways: sortById(pool.gateways ?? []).map((gateway) => ({ gateway, threshold: Decimal.of(gateway.threshold) })),
    shares,
  };
}

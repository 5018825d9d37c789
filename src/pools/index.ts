import type { Contribution } from './outcome/schema.js';
import type { MeasuresRead } from '../measure/resolve.js';
import { Decimal } from '../money/decimal.js';
import type { Cutter, PoolContext } from './context.js';
import type { EarlierPools, PoolByKind, PoolKind, SettledPool } from './kind.js';
import type { Pool } from './schema.js';
import { outcomePools } from './outcome/index.js';
import { pointsSchemes } from './points/index.js';
import { pooledBudgets } from './pooled-budget/index.js';
import { rateCards } from './rate-card/index.js';
import { riskSharePools } from './risk-share/index.js';

/**
 * The registry of pool kinds. Adding a kind means adding its folder and one line here. The
 * order is the order pools are settled in (each kind's pools by id): outcome pools first, since a
 * risk-share rate may be adjusted by an outcome pool's score; it is also the order of the trace.
 */
export const POOL_KINDS: { readonly [K in keyof PoolByKind]: PoolKind<PoolByKind[K]> } = {
  outcome: outcomePools,
  'risk-share': riskSharePools,
  'pooled-budget': pooledBudgets,
  points: pointsSchemes,
  'rate-card': rateCards,
};

/** The kinds in settlement order. */
export const POOL_KIND_ORDER = Object.keys(POOL_KINDS) as readonly (keyof PoolByKind)[];

// Each helper takes the kind and its pool together, so the kind's module is typed for its own
// declaration (the pool's `kind` picks both).
const moduleFor = <K extends keyof PoolByKind>(kind: K): PoolKind<PoolByKind[K]> => POOL_KINDS[kind];

function readsOf<K extends keyof PoolByKind>(kind: K, pool: PoolByKind[K], into: MeasuresRead): void {
  moduleFor(kind).reads(pool, into);
}

function cutOf<K extends keyof PoolByKind>(kind: K, pool: PoolByKind[K], cutter: Cutter): PoolByKind[K] {
  return moduleFor(kind).cut(pool, cutter);
}

function changesOf<K extends keyof PoolByKind>(kind: K, pool: PoolByKind[K], yearId: string): boolean {
  return moduleFor(kind).changesIn?.(pool, yearId) ?? false;
}

function carriesOf<K extends keyof PoolByKind>(kind: K, pool: PoolByKind[K]): boolean {
  return moduleFor(kind).carriesForward?.(pool) ?? false;
}

function onTheYearOf<K extends keyof PoolByKind>(kind: K, pool: PoolByKind[K]): readonly Contribution[] {
  return moduleFor(kind).contributionsOnTheYear?.(pool) ?? [];
}

function settleOf<K extends keyof PoolByKind>(
  kind: K,
  pool: PoolByKind[K],
  ctx: PoolContext,
  earlier: EarlierPools,
): SettledPool {
  return moduleFor(kind).settle(pool, ctx, earlier);
}

/** Every measure the pools read: metrics they score, other measures, and a measure's declared `per`. */
export function measuresRead(pools: readonly Pool[]): MeasuresRead {
  const into: MeasuresRead = { metrics: new Map(), measures: new Set(), perOf: new Map(), per: new Map() };
  for (const pool of pools) readsOf(pool.kind, pool, into);
  // a metric's own `per` first, then one declared for the measure (a points indicator's)
  for (const [id, metric] of into.metrics) if (metric.per !== undefined) into.per.set(id, Decimal.of(metric.per));
  for (const [id, text] of into.perOf) if (!into.per.has(id)) into.per.set(id, Decimal.of(text));
  return into;
}

/** A pool cut for what is settled. */
export const cutPool = (pool: Pool, cutter: Cutter): Pool => cutOf(pool.kind, pool, cutter);

/** Whether a pool changes for a contract year even when nothing is cut. */
export const changesInYear = (pool: Pool, yearId: string): boolean => changesOf(pool.kind, pool, yearId);

/** The contributions to a pool worked out on the year, for cutting a party's contract value with them. */
export const contributionsOnTheYear = (pool: Pool): readonly Contribution[] => onTheYearOf(pool.kind, pool);

/** Whether a pool carries money out of a contract year into the next. */
export const carriesForward = (pool: Pool): boolean => carriesOf(pool.kind, pool);

/**
 * Settles every pool, kind by kind in registry order and each kind's pools in `pools`' order
 * (the caller sorts them by id), each seeing the scores of the outcome pools settled before it.
 */
export function settlePools(pools: readonly Pool[], ctx: PoolContext): SettledPool[] {
  const scores = new Map<string, NonNullable<SettledPool['score']>>();
  const settled: SettledPool[] = [];
  for (const kind of POOL_KIND_ORDER) {
    for (const pool of pools) {
      if (pool.kind !== kind) continue;
      const result = settleOf(pool.kind, pool, ctx, scores);
      if (result.score) scores.set(pool.id, result.score);
      settled.push(result);
    }
  }
  return settled;
}

import type { Issue } from '../base/errors.js';
import type { Contract, Party } from '../contract/schema.js';
import { Decimal } from '../money/decimal.js';
import type { RoundingMode } from '../money/rounding.js';
import type { ResolvedMeasurement } from '../measure/resolve.js';
import type { TraceBuilder } from '../base/trace.js';

/** Everything a pool needs from the settlement around it. */
export interface PoolContext {
  readonly contract: Contract;
  readonly periodId: string;
  readonly parties: ReadonlyMap<string, Party>;
  readonly measured: ReadonlyMap<string, ResolvedMeasurement>;
  readonly places: number;
  readonly mode: RoundingMode;
  readonly point: 'pool' | 'metric';
  readonly scale: number;
  readonly trace: TraceBuilder;
  readonly issues: Issue[];
  /**
   * Per party, a whole-number weight for its time in force, when a party joins or leaves part-way:
   * equal and fixed shares are multiplied by it (other bases are already pro-rated amounts).
   */
  readonly timeWeights: ReadonlyMap<string, Decimal> | null;
  /**
   * The trace nodes of the amounts resolving the contract cut or pro-rated for what is settled
   * (`resolve:<path>`): a figure read from such an amount links to its node.
   */
  readonly adjustedNodes: ReadonlySet<string>;
  /** Per outcome pool: unearned money carried forward into it from the previous contract year. */
  readonly broughtForward: ReadonlyMap<
    string,
    { readonly units: bigint; readonly from: string; readonly settlementHash: string }
  >;
}

/** A declared equal or fixed share weighted by the party's time in force, when parties join or leave part-way. */
export const timeWeighted = (ctx: Pick<PoolContext, 'timeWeights'>, party: string, weight: Decimal): Decimal =>
  ctx.timeWeights === null ? weight : weight.times(ctx.timeWeights.get(party) ?? Decimal.ZERO);

/**
 * What a pool kind is given to cut its declared amounts to what is settled (a part of the year,
 * the days one version of the contract was in force) and to pro-rate them for a party's time in
 * force. Every cut is recorded as an adjusted amount on the settlement, with its working.
 */
export interface Cutter {
  /** The id of the contract year the period belongs to. */
  readonly yearId: string;
  /** Whether what is settled is less than the whole year (so year amounts are cut). */
  readonly partOfYear: boolean;
  /**
   * A declared year amount cut to what is settled and pro-rated for `party`'s time in force
   * (when given), recorded under `path`; the declared text when nothing changes it.
   */
  amount(path: string, declared: string, party?: string): string;
  /** A party's contribution to an outcome pool for the part of the year, when it was worked out on the year. */
  contributionPart(pool: string, party: string): string | undefined;
  /** A total in minor units cut to what is settled, as one amount (only for a part of the year). */
  cutWhole(units: bigint): bigint;
  /** In plain words: what is settled and its part of the year ("2026-04-01 to 2026-09-30 (183/365)"). */
  readonly settled: string;
  /** Records an amount a pool kind changed itself, with its working. */
  adjust(path: string, declared: string, value: string, formula: string): void;
  readonly minorUnits: number;
  readonly mode: RoundingMode;
}

import type { RiskSharePool } from './schema.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import { measurementKey, type ResolvedMeasurement } from '../../measure/resolve.js';
import type { PoolContext } from '../context.js';

/** Shortest exact text of a figure, as the trace writes ratios and amounts before rounding. */
export const plain = (value: Decimal): string => value.toPlainString();

/**
 * An entry the contract's checks make sure is there (a member's budget, a fixed share), so a
 * missing one is an engine bug, not bad input.
 * @throws Error (internal) when it is missing
 */
export function declaredFor(record: Readonly<Record<string, string>> | undefined, party: string, what: string): string {
  const text = record?.[party];
  if (text === undefined) throw new Error(`internal: no ${what} declared for '${party}'`);
  return text;
}

/**
 * One risk-share pool being settled: the pool, the settlement around it, its members in
 * code-point order, and whether any measurement it has read is provisional.
 */
export class RiskShareRun {
  provisional = false;
  /** The parties that share the gain or loss (the declared members, or every provider), in code-point order. */
  readonly members: readonly string[];
  /** The pool's path in the contract, by id. */
  readonly at: string;

  constructor(
    readonly pool: RiskSharePool,
    readonly ctx: PoolContext,
  ) {
    const providers = [...ctx.parties.values()].filter((p) => p.role === 'provider').map((p) => p.id);
    this.members = [...(pool.members ?? providers)].sort(compareIds);
    this.at = `pools[${pool.id}]`;
  }

  /** Minor units as money text in the contract's currency. */
  money(units: bigint): string {
    return unitsText(units, this.ctx.scale);
  }

  /** The id of one of the pool's own trace nodes: `pool:<id>:<parts>`. */
  nodeId(...parts: string[]): string {
    return ['pool', this.pool.id, ...parts].join(':');
  }

  /** A measurement the pool needs; a missing one is reported (and read as nothing by the caller). */
  measured(measure: string, party?: string): ResolvedMeasurement | undefined {
    const found = this.ctx.measured.get(measurementKey(measure, party));
    if (!found) {
      this.ctx.issues.push({
        path: 'measurements',
        code: 'missing_measurement',
        message: `no measurement of '${measure}'${party ? ` for '${party}'` : ''} in period '${this.ctx.periodId}', needed by risk-share pool '${this.pool.id}'`,
      });
      return undefined;
    }
    this.provisional ||= found.measurement.status === 'provisional';
    return found;
  }

  /** A pool-level measurement a step may do without (it says itself what having none means). */
  measuredIfAny(measure: string): { value: Decimal } | undefined {
    const found = this.ctx.measured.get(measurementKey(measure));
    if (!found) return undefined;
    this.provisional ||= found.measurement.status === 'provisional';
    return { value: found.value };
  }

  /** A member's contract value, which the contract's checks make sure is declared wherever it is read. */
  contractValue(party: string): Decimal {
    return Decimal.of(this.ctx.parties.get(party)?.contractValue);
  }
}

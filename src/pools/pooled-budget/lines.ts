import type { PooledBudgetPool } from './schema.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import { measurementKey } from '../../measure/resolve.js';
import type { PoolContext } from '../context.js';

/** One budget line against its measured spend, in minor units. */
export interface LineResult {
  readonly line: PooledBudgetPool['lines'][number];
  readonly budget: bigint;
  readonly spend: bigint;
  /** budget − spend: + underspent, − overspent. */
  readonly variance: bigint;
  readonly node: string;
}

/**
 * Step 1 of a pooled budget: each line's budget against its measured spend (a missing
 * measurement is reported and read as no spend), in order of line id, each traced.
 */
export function traceLines(pool: PooledBudgetPool, ctx: PoolContext): { lines: LineResult[]; provisional: boolean } {
  const { trace, scale, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  let provisional = false;
  const lines = [...pool.lines]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((line) => {
      const found = ctx.measured.get(measurementKey(line.measure));
      if (!found) {
        ctx.issues.push({
          path: 'measurements',
          code: 'missing_measurement',
          message: `no measurement of '${line.measure}' in period '${ctx.periodId}', the spend on line '${line.id}' of pooled budget '${pool.id}'`,
        });
      } else provisional ||= found.measurement.status === 'provisional';
      const budget = Decimal.of(line.budget).toUnits(scale, mode);
      const spend = found ? found.value.toUnits(scale, mode) : 0n;
      const node = trace.add({
        id: `pool:${pool.id}:line:${line.id}`,
        label: `${line.name}: budget − spend (pool ${pool.id})`,
        value: money(budget - spend),
        formula: `${money(budget)} − ${money(spend)} = ${money(budget - spend)}: ${budget >= spend ? 'underspent' : 'overspent'}`,
        inputs: [
          { name: 'budget', value: line.budget },
          { name: `measured ${line.measure}`, value: found ? found.value.toPlainString() : 'missing' },
          ...(found?.measurement.source ? [{ name: 'source', value: found.measurement.source }] : []),
        ],
        path: `pools[${pool.id}].lines[${line.id}]`,
        clause: line.clause ?? pool.clause,
      });
      return { line, budget, spend, variance: budget - spend, node };
    });
  return { lines, provisional };
}

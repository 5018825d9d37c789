import type { PooledBudgetPool } from './schema.js';
import { unitsText } from '../../money/decimal.js';
import type { PoolContext } from '../context.js';
import type { PooledBudgetResult } from './result-schema.js';
import type { LineResult } from './lines.js';

const DEFAULT_WATERFALL = ['underspends', 'reserve', 'partners'] as const;

/** The overspend and underspend on the lines, and the reserve, in minor units. */
export interface Spending {
  readonly overspend: bigint;
  readonly underspend: bigint;
  readonly reserve: bigint;
}

/** How the overspend was met, and the net result left for the partners. */
export interface Met {
  readonly waterfall: PooledBudgetResult['waterfall'][number][];
  /** For the partners: + returned to them, − they add. */
  readonly net: bigint;
  readonly netNode: string;
}

/** In plain words, what met this part of the overspend. */
const sourceText = (source: 'underspends' | 'reserve' | 'partners') =>
  source === 'partners' ? 'the partners' : source === 'reserve' ? 'the risk reserve' : 'underspends on other lines';

/**
 * Step 2 of a pooled budget: the overspend met in the declared order (other lines' underspends,
 * the reserve, the partners), each traced; then the net result for the partners.
 */
export function meetOverspend(
  pool: PooledBudgetPool,
  ctx: PoolContext,
  lines: readonly LineResult[],
  { overspend, underspend, reserve }: Spending,
): Met {
  const { trace, scale } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const at = `pools[${pool.id}]`;
  let remaining = overspend;
  let underspendUsed = 0n;
  let reserveUsed = 0n;
  const waterfall: PooledBudgetResult['waterfall'][number][] = [];
  let previous: string | undefined;
  for (const source of pool.waterfall ?? DEFAULT_WATERFALL) {
    let used = 0n;
    if (source === 'underspends') used = underspendUsed = remaining < underspend ? remaining : underspend;
    else if (source === 'reserve') used = reserveUsed = remaining < reserve ? remaining : reserve;
    else used = remaining;
    remaining -= used;
    const node = trace.add({
      id: `pool:${pool.id}:waterfall:${source}`,
      label: `overspend met by ${sourceText(source)} (pool ${pool.id})`,
      value: money(used),
      formula:
        source === 'partners'
          ? `what is left of the overspend: ${money(used)}`
          : `the smaller of the overspend left (${money(used + remaining)}) and ${source === 'reserve' ? `the reserve (${money(reserve)})` : `the underspends (${money(underspend)})`}`,
      inputs: [
        { name: 'overspend on lines', value: money(overspend) },
        ...(previous
          ? [{ name: 'met before this step', value: money(overspend - remaining - used), node: previous }]
          : []),
      ],
      path: `${at}.waterfall`,
      clause: pool.clause,
    });
    previous = node;
    waterfall.push({ source, amount: money(used), trace: node });
  }
  // net result for the partners: + returned to them, − they add
  const net = underspend - underspendUsed + (reserve - reserveUsed) - (overspend - underspendUsed - reserveUsed);
  const netNode = trace.add({
    id: `pool:${pool.id}:net`,
    label: `net result of pooled budget ${pool.id} for the partners`,
    value: money(net),
    formula: `underspends left ${money(underspend - underspendUsed)} + reserve left ${money(reserve - reserveUsed)} − overspend left to the partners ${money(overspend - underspendUsed - reserveUsed)}`,
    inputs: lines.map((l) => ({ name: l.line.id, value: money(l.variance), node: l.node })),
    path: at,
    clause: pool.clause,
  });
  return { waterfall, net, netNode };
}

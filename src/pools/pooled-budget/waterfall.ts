import type { PooledBudgetPool } from './schema.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import type { PoolContext } from '../context.js';
import type { PooledBudgetResult } from './result-schema.js';
import type { LineResult } from './lines.js';

/** The declared order, or the default: underspends, the reserve, the funds as declared, the partners. */
const waterfallOf = (pool: PooledBudgetPool): readonly string[] =>
  pool.waterfall ?? ['underspends', 'reserve', ...(pool.funds ?? []).map((f) => f.id), 'partners'];

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
const sourceText = (source: string, fund: { readonly name: string } | undefined) =>
  fund
    ? `${fund.name} (${source})`
    : source === 'partners'
      ? 'the partners'
      : source === 'reserve'
        ? 'the risk reserve'
        : 'underspends on other lines';

/**
 * Step 2 of a pooled budget: the overspend met in the declared order (other lines' underspends,
 * the reserve, the named funds, the partners), each traced; then the net result for the partners.
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
  const units = (text: string) => Decimal.of(text).toUnits(scale, ctx.mode);
  const funds = new Map((pool.funds ?? []).map((f) => [f.id, { fund: f, held: units(f.amount), used: 0n }]));
  let remaining = overspend;
  let underspendUsed = 0n;
  let reserveUsed = 0n;
  const waterfall: PooledBudgetResult['waterfall'][number][] = [];
  for (const source of waterfallOf(pool)) {
    const fund = funds.get(source);
    const held = fund ? fund.held : source === 'reserve' ? reserve : source === 'underspends' ? underspend : remaining;
    const used = remaining < held ? remaining : held;
    if (fund) fund.used = used;
    else if (source === 'underspends') underspendUsed = used;
    else if (source === 'reserve') reserveUsed = used;
    remaining -= used;
    const what =
      source === 'reserve'
        ? `the reserve (${money(reserve)})`
        : source === 'underspends'
          ? `the underspends (${money(underspend)})`
          : `${fund?.fund.name ?? source} (${money(held)})`;
    const node = trace.add({
      id: `pool:${pool.id}:waterfall:${source}`,
      label: `overspend met by ${sourceText(source, fund?.fund)} (pool ${pool.id})`,
      value: money(used),
      formula:
        source === 'partners'
          ? `what is left of the overspend: ${money(used)}`
          : `the smaller of the overspend left (${money(used + remaining)}) and ${what}`,
      inputs: [
        { name: 'overspend on lines', value: money(overspend) },
        // what each earlier source met, each equal to its own node
        ...waterfall.map((w) => ({ name: `met by ${w.source}`, value: w.amount, node: w.trace })),
      ],
      path: `${at}.${fund ? `funds[${source}]` : 'waterfall'}`,
      clause: fund?.fund.clause ?? pool.clause,
    });
    waterfall.push({ source, amount: money(used), trace: node });
  }
  // net result for the partners: + returned to them (what is left of every source), − they add
  const fundsLeft = [...funds.values()].reduce((s, f) => s + f.held - f.used, 0n);
  const partnersMeet = overspend - underspendUsed - reserveUsed - [...funds.values()].reduce((s, f) => s + f.used, 0n);
  const net = underspend - underspendUsed + (reserve - reserveUsed) + fundsLeft - partnersMeet;
  const netNode = trace.add({
    id: `pool:${pool.id}:net`,
    label: `net result of pooled budget ${pool.id} for the partners`,
    value: money(net),
    formula: `underspends left ${money(underspend - underspendUsed)} + reserve left ${money(reserve - reserveUsed)}${funds.size > 0 ? ` + funds left ${money(fundsLeft)}` : ''} − overspend left to the partners ${money(partnersMeet)}`,
    inputs: [
      ...lines.map((l) => ({ name: l.line.id, value: money(l.variance), node: l.node })),
      ...waterfall.map((w) => ({ name: `met by ${w.source}`, value: w.amount, node: w.trace })),
      ...[...funds.values()].map((f) => ({ name: `${f.fund.id} left`, value: money(f.held - f.used) })),
    ],
    path: at,
    clause: pool.clause,
  });
  return { waterfall, net, netNode };
}

import type { PooledBudgetPool } from './schema.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import type { PoolContext } from '../context.js';
import type { PartyRiskShareStatement } from '../result-schema.js';
import type { PooledBudgetResult } from './result-schema.js';
import { traceLines } from './lines.js';
import { splitBetweenPartners } from './split.js';
import { meetOverspend } from './waterfall.js';

export interface PooledBudgetOutcome {
  readonly pool: PooledBudgetResult;
  readonly parties: Map<string, { units: bigint; statement: PartyRiskShareStatement }>;
  readonly provisional: boolean;
}

/**
 * Settles a pooled budget: each line's spend against its budget; an overspend met in the
 * declared waterfall order (other lines' underspends, the reserve, the partners); and the net
 * result (what is left to return, or what the partners must add) split between the partners,
 * each capped at its maximum contribution, the excess passed to the others pro rata.
 */
export function settlePooledBudget(pool: PooledBudgetPool, ctx: PoolContext): PooledBudgetOutcome {
  const { trace, scale, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const units = (text: string) => Decimal.of(text).toUnits(scale, mode);
  const { lines, provisional } = traceLines(pool, ctx);
  const contributions = [...pool.contributions].sort((a, b) => compareIds(a.party, b.party));
  const contributed = contributions.reduce((s, c) => s + units(c.amount), 0n);
  const reserve = pool.reserve === undefined ? 0n : units(pool.reserve);
  const overspend = lines.reduce((s, l) => s + (l.variance < 0n ? -l.variance : 0n), 0n);
  const underspend = lines.reduce((s, l) => s + (l.variance > 0n ? l.variance : 0n), 0n);
  const met = meetOverspend(pool, ctx, lines, { overspend, underspend, reserve });
  const { partners, parties, shared, unfunded: unfundedUnits } = splitBetweenPartners(pool, ctx, contributions, met);
  const spend = lines.reduce((s, l) => s + l.spend, 0n);
  const conservationNode = trace.add({
    id: `pool:${pool.id}:conservation`,
    label: `conservation of pooled budget ${pool.id}`,
    value: money(contributed - spend - shared - unfundedUnits),
    formula: 'contributions − spend − (partners’ shares + unfunded); must be zero',
    inputs: [
      { name: 'contributions', value: money(contributed) },
      { name: 'spend', value: money(spend) },
      { name: 'partners’ shares', value: money(shared) },
      { name: 'unfunded', value: money(unfundedUnits) },
    ],
    path: `pools[${pool.id}]`,
    clause: pool.clause,
  });
  return {
    pool: {
      id: pool.id,
      name: pool.name,
      kind: 'pooled-budget',
      contributed: money(contributed),
      reserve: money(reserve),
      spend: money(spend),
      lines: lines.map((l) => ({
        id: l.line.id,
        name: l.line.name,
        budget: money(l.budget),
        spend: money(l.spend),
        variance: money(l.variance),
        trace: l.node,
      })),
      overspend: money(overspend),
      underspend: money(underspend),
      waterfall: met.waterfall,
      net: money(met.net),
      partners,
      unfunded: money(unfundedUnits),
      conservation: {
        in: money(contributed),
        out: money(spend + shared + unfundedUnits),
        difference: money(contributed - spend - shared - unfundedUnits),
      },
      trace: { net: met.netNode, conservation: conservationNode },
    },
    parties,
    provisional,
  };
}

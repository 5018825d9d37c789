import { ContractError, show } from '../base/errors.js';
import { settlementIssues } from '../settle/check-settlement.js';
import type { Settlement } from '../settle/types.js';

/**
 * Explains one figure of a settlement as an indented tree: each line a figure, its value, the
 * formula that produced it and the contract clause; below it, the figures it was made from.
 *
 * @param settlement - a settlement from `settle`
 * @param nodeId - a trace node id, e.g. a figure's `trace` reference: `settlement.parties[0].trace.total`
 * @param depth - how many levels of inputs to show (default: all)
 * @throws ContractError when `settlement` is not a settlement as `settle` writes it (invalid_settlement,
 * naming what is wrong), or the node id is not in its trace (unknown_trace_node)
 * @example
 * const party = settlement.parties.find((p) => p.id === 'homerton')!;
 * console.log(explain(settlement, party.trace.earned));
 */
export function explain(settlement: Settlement, nodeId: string, depth = Number.POSITIVE_INFINITY): string {
  // checked whole first: a settlement edited or cut short since it was made is refused, never half-read
  const shape = settlementIssues(settlement, 'settlement');
  if (shape.length > 0) throw new ContractError(shape);
  if (!Object.prototype.hasOwnProperty.call(settlement.trace, nodeId)) {
    throw new ContractError([
      {
        path: 'nodeId',
        code: 'unknown_trace_node',
        message: `${show(nodeId)} is not a node of this settlement's trace`,
      },
    ]);
  }
  const lines: string[] = [];
  const shown = new Set<string>();
  const visit = (id: string, indent: string, level: number) => {
    const node = settlement.trace[id]!;
    const clause = node.clause ? ` [${node.clause}]` : '';
    if (shown.has(id)) {
      lines.push(`${indent}${node.label} = ${node.value} (see above)`);
      return;
    }
    shown.add(id);
    lines.push(`${indent}${node.label} = ${node.value}${clause}`);
    lines.push(`${indent}  ${node.formula}  (${node.path})`);
    if (level >= depth) return;
    for (const input of node.inputs) {
      if (input.node && settlement.trace[input.node]) visit(input.node, `${indent}    `, level + 1);
      else lines.push(`${indent}    ${input.name} = ${input.value}`);
    }
  };
  visit(nodeId, '', 0);
  return lines.join('\n');
}

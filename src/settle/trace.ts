/** One input of a traced figure: its name, its value, and the node that explains it (if computed). */
export interface TraceInput {
  readonly name: string;
  readonly value: string;
  readonly node?: string;
}

/**
 * How one figure in a settlement was produced: a plain-words formula, its inputs (each a value
 * and, when computed, the node that explains it), the contract path that declared the rule,
 * and the contract's own clause reference where one is given.
 */
export interface TraceNode {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly formula: string;
  readonly inputs: readonly TraceInput[];
  /** Where in the contract the rule lives, by id: `pools[frailty].metrics[admissions].scoring`. */
  readonly path: string;
  readonly clause?: string;
}

/** Collects trace nodes; ids are unique. */
export class TraceBuilder {
  private readonly nodes: Record<string, TraceNode> = {};

  add(node: Omit<TraceNode, 'clause'> & { readonly clause?: string | undefined }): string {
    const { id, label, value, formula, inputs, path, clause } = node;
    if (Object.prototype.hasOwnProperty.call(this.nodes, id))
      throw new Error(`internal: trace node ${id} written twice`);
    this.nodes[id] =
      clause === undefined
        ? { id, label, value, formula, inputs, path }
        : { id, label, value, formula, inputs, path, clause };
    return id;
  }

  /**
   * The trace keyed by node id, in the order the nodes were made. That order is deterministic:
   * the engine visits pools, metrics and parties in code-point order of id, never input order.
   */
  finish(): Record<string, TraceNode> {
    return this.nodes;
  }
}

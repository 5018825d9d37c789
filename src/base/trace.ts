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
  private added = 0;

  add(node: Omit<TraceNode, 'clause'> & { readonly clause?: string | undefined }): string {
    const { id, label, value, formula, inputs, path, clause } = node;
    this.nodes[id] =
      clause === undefined
        ? { id, label, value, formula, inputs, path }
        : { id, label, value, formula, inputs, path, clause };
    this.added++;
    return id;
  }

  /**
   * The trace keyed by node id, in the order the nodes were made. That order is deterministic:
   * the engine visits pools, metrics and parties in code-point order of id, never input order.
   * @throws Error (an engine bug, never bad input) when one id was written twice
   */
  finish(): Record<string, TraceNode> {
    // One count at the end costs less than a lookup per node, and still catches an id written twice.
    const distinct = Object.keys(this.nodes).length;
    if (distinct !== this.added)
      throw new Error(`internal: ${this.added - distinct} trace node id(s) written more than once`);
    return this.nodes;
  }
}

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

/** Collects trace nodes; ids are unique and the finished trace is keyed in code-point order. */
export class TraceBuilder {
  private readonly nodes = new Map<string, TraceNode>();

  add(node: Omit<TraceNode, 'clause'> & { readonly clause?: string | undefined }): string {
    if (this.nodes.has(node.id)) throw new Error(`internal: trace node ${node.id} written twice`);
    const { clause, ...rest } = node;
    this.nodes.set(node.id, clause === undefined ? rest : { ...rest, clause });
    return node.id;
  }

  finish(compare: (a: string, b: string) => number): Record<string, TraceNode> {
    const out: Record<string, TraceNode> = {};
    for (const id of [...this.nodes.keys()].sort(compare)) out[id] = this.nodes.get(id)!;
    return out;
  }
}

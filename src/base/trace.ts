import * as z from 'zod';

/**
 * The building blocks of the settlement's schema: every object a settlement holds is written by
 * the engine, so it is strict (no key the engine does not write) and read-only, and a figure is a
 * decimal string. The result types are inferred from these schemas, never written beside them.
 */
export const resultObject = <Shape extends z.ZodRawShape>(shape: Shape) => readOnly(z.strictObject(shape));
export const resultList = <Item extends z.ZodType>(item: Item) => readOnly(z.array(item));

/**
 * `schema.readonly()` (read-only in its type and its JSON Schema) without its freezing: zod's
 * `.readonly()` freezes the value it is given when that value fails the schema, so checking a
 * malformed settlement passed back to explain, diffSettlements, restate or settle froze the
 * caller's own objects (found by fuzzing, issue 12). Nothing reads the parsed output.
 */
export function readOnly<T extends z.ZodType>(schema: T): z.ZodReadonly<T> {
  const readonly = schema.readonly();
  // a schema without checks runs its parse directly (`run` is `parse`): both are replaced
  readonly._zod.run = readonly._zod.parse = (payload, context) => schema._zod.run(payload, context);
  return readonly;
}

// a figure is never negative zero ("-0.00"): settle never writes one, and one echoed back would show a sign
const DECIMAL = /^(?!-0+(\.0+)?$)-?\d+(\.\d+)?$/;
/** A figure: an amount, a ratio or a measured value, as the exact decimal string the engine writes. */
export const figure = z.string().regex(DECIMAL, { error: 'must be a decimal string' });

/** Field name → id of the trace node that explains that figure, for the named fields (and the optional ones). */
export const traceRefs = <const Fields extends readonly string[], const Optional extends readonly string[] = []>(
  fields: Fields,
  optional?: Optional,
) =>
  resultObject({
    ...(Object.fromEntries(fields.map((f) => [f, z.string()])) as Record<Fields[number], z.ZodString>),
    ...(Object.fromEntries((optional ?? []).map((f) => [f, z.string().exactOptional()])) as Record<
      Optional[number],
      z.ZodExactOptional<z.ZodString>
    >),
  });

// A traced value is a figure or a word ("met", "final", "182/365"), never what JavaScript writes
// for a broken number: a settlement passed back with "NaN" there was explained as it stood (fuzzing, issue 12).
const NOT_A_VALUE = /^(NaN|-?Infinity|undefined|null|-0+(\.0+)?)$/;
const tracedValue = z.string().refine((text) => !NOT_A_VALUE.test(text), { error: 'must be a figure or a word' });

/**
 * One input of a traced figure: its name, its value, and the node that explains it (if computed);
 * or, for a parameter read from the contract, its contract path (by id) in the version in force.
 */
const traceInputSchema = resultObject({
  name: z.string(),
  value: tracedValue,
  node: z.string().optional(),
  path: z.string().optional(),
});
export type TraceInput = z.infer<typeof traceInputSchema>;

/**
 * How one figure in a settlement was produced: a plain-words formula, its inputs (each a value
 * and, when computed, the node that explains it), the contract path that declared the rule
 * (`pools[frailty].metrics[admissions].scoring`, by id), and the contract's own clause reference
 * where one is given.
 */
export const traceNodeSchema = resultObject({
  id: z.string(),
  label: z.string(),
  value: tracedValue,
  formula: z.string(),
  inputs: resultList(traceInputSchema),
  path: z.string(),
  clause: z.string().optional(),
});
export type TraceNode = z.infer<typeof traceNodeSchema>;

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

  /** The value of a node already added (an engine bug, never bad input, when it was not). */
  valueOf(id: string): string {
    const node = this.nodes[id];
    if (node === undefined) throw new Error(`internal: trace node '${id}' is read before it is added`);
    return node.value;
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

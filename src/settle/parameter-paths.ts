import type { Contract } from '../contract/schema.js';
import type { TraceNode } from '../base/trace.js';
import { Decimal } from '../money/decimal.js';
import { memoized, MemoKey } from '../contract/compiled.js';

/** Per resolved contract: each input's contract path found, by node path, name and value. */
const PATHS = new MemoKey<Map<string, string | undefined>>('parameter paths');

/**
 * Parameters read from the contract are trace inputs with their contract path (OpenFisca's flat
 * trace keys a parameter by its name and where it was in force; conventions.md). A node's path
 * names the clause of the contract that produced it (`pools[frailty].metrics[admissions].scoring`,
 * lists by id); an input of it that is a parameter is a field at that path (`…scoring.min`) or
 * the path itself (a declared weight). A path is attached only when the contract in force holds
 * exactly the input's value there, so it is never a guess: an input the contract does not hold
 * (a working figure, a measured value) keeps no path.
 */

/** One step of a trace path: a field, or a list item by id (`[x]`) or by a key (`[party=x]`). */
const STEP = /\.?([A-Za-z]+)|\[([^\]=]+)=([^\]]*)\]|\[([^\]]*)\]/y;

/** The value at a trace path in the contract, or undefined when the path does not name one. */
function valueAt(contract: unknown, path: string): unknown {
  let here: unknown = contract;
  STEP.lastIndex = 0;
  while (STEP.lastIndex < path.length) {
    const at = STEP.lastIndex;
    const match = STEP.exec(path);
    if (match === null || match.index !== at || here === null || typeof here !== 'object') return undefined;
    const [, field, key, keyed, id] = match;
    if (field !== undefined) here = Object.hasOwn(here, field) ? (here as Record<string, unknown>)[field] : undefined;
    else if (!Array.isArray(here)) return undefined;
    else if (key !== undefined) here = here.find((item: unknown) => isRecord(item) && item[key] === keyed);
    else here = here.find((item: unknown) => isRecord(item) && item.id === id);
  }
  return here;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The field an input named in words reads ("percentage at risk" is `percentOfContractValue`); "" is the node's own path. */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  'declared weight': [''],
  'declared for the year': [''],
  budget: ['', 'budget'],
  cap: ['amount'],
  'contract value': ['contractValue'],
  'percentage at risk': ['percentOfContractValue'],
  'lower threshold': ['lower'],
  'upper threshold': ['upper'],
  'points available': ['points'],
  'value per point': ['valuePerPoint'],
};

/** A path and each path it sits in: `pools[p].metrics[m].scoring`, `pools[p].metrics[m]`, `pools[p]`, ``. */
function ancestry(path: string): string[] {
  const out = [path];
  for (let at = path; at !== '';) {
    const cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
    at = cut <= 0 ? '' : at.slice(0, cut);
    out.push(at);
  }
  return out;
}

/** Whether a value the contract holds is the input's value: the same text, or the same decimal written otherwise. */
function same(held: unknown, value: string): boolean {
  if (typeof held !== 'string') return false;
  if (held === value) return true;
  const a = Decimal.parse(held);
  const b = Decimal.parse(value);
  return a !== undefined && b !== undefined && a.eq(b);
}

/** The contract path of an input of `node`, when the contract holds exactly its value there. */
function pathOf(contracts: readonly Contract[], node: TraceNode, name: string, value: string): string | undefined {
  const fields = [...(FIELDS[name] ?? []), ...(/^[A-Za-z]+$/.test(name) ? [name] : [])];
  const candidates = [
    ...fields.filter((f) => f === '').map(() => node.path),
    // the field where the node is declared, or where a part of the contract above it declares it
    ...ancestry(node.path).flatMap((at) => fields.filter((f) => f !== '').map((f) => (at === '' ? f : `${at}.${f}`))),
  ];
  // a party's contract value is read where the party is declared
  if (name === 'contract value') {
    const party = /\[(?:party=)?([^\]=]+)\]$/.exec(node.path)?.[1] ?? /^parties\[([^\]]+)\]/.exec(node.path)?.[1];
    if (party !== undefined) candidates.push(`parties[${party}].contractValue`);
  }
  return candidates.find((path) => contracts.some((contract) => same(valueAt(contract, path), value)));
}

/**
 * The trace with each parameter input given its contract path: held by the version in force as
 * declared, or as resolved for what is settled (cut to a part of the year). The nodes changed are
 * new objects; the trace given is not changed.
 */
export function withParameterPaths(
  contracts: readonly Contract[],
  trace: Readonly<Record<string, TraceNode>>,
): Record<string, TraceNode> {
  // sweeps settle one contract many times: each input's path is looked up once per contract
  const [first] = contracts;
  const known = first === undefined ? new Map<string, string | undefined>() : memoized(first, PATHS, () => new Map());
  const lookup = (node: TraceNode, name: string, value: string) => {
    const key = `${node.path}\u0000${name}\u0000${value}`;
    if (known.has(key)) return known.get(key);
    const path = pathOf(contracts, node, name, value);
    known.set(key, path);
    return path;
  };
  const out: Record<string, TraceNode> = {};
  for (const [id, node] of Object.entries(trace)) {
    let changed = false;
    const inputs = node.inputs.map((input) => {
      if (input.node !== undefined) return input;
      const path = lookup(node, input.name, input.value);
      if (path === undefined) return input;
      changed = true;
      return { ...input, path };
    });
    out[id] = changed ? { ...node, inputs } : node;
  }
  return out;
}

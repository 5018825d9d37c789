import { itemAt } from '../base/lookup.js';
import * as z from 'zod';
import { listed, said, show } from '../base/errors.js';
import { clause, id, isoDate, text, strictObject } from '../base/schema.js';
import { record, type Raw } from '../base/raw.js';

/**
 * A variation: a dated change to the contract, with the clause that made it. From its
 * `effectiveFrom` date the contract is the one before with each change applied; it is then known
 * by the variation's `version`. Parameters are addressed by path, list items by id:
 * `pools/frailty/metrics/admissions/scoring/max`, `parties/acute/contractValue`,
 * `pools/frailty/contributions/acute/percentOfContractValue` (contributions and payers by party).
 */
const changeSchema = strictObject({
  /** Where the parameter is: names and ids separated by "/". */
  path: text('change path'),
  /** Its new value, as it would be written in the contract. */
  value: z.json({ error: 'a change needs a value that can be written in JSON' }),
});

export const variationSchema = strictObject({
  id: id('variation id'),
  /** The first day the variation is in force. */
  effectiveFrom: isoDate('effective date'),
  /** The contract version it makes ("1.1"). */
  version: text('contract version'),
  description: text('variation description').optional(),
  changes: z.array(changeSchema).min(1, { error: 'a variation needs at least one change' }),
  clause,
});

export type Variation = z.infer<typeof variationSchema>;

/** Parts of the contract a variation may not change: what identifies it and its calendar. */
const FIXED = new Set(['id', 'version', 'currency', 'term', 'periods', 'calendar', 'variations', 'variationsInPeriod']);

/** The key list items are found by, in a list at this place: `id`, or `party` for contributions and payers. */
const itemKey = (item: unknown): string | undefined => {
  const r = record(item);
  return typeof r.id === 'string' ? r.id : typeof r.party === 'string' ? r.party : undefined;
};

/** Why a change's path cannot be applied. */
export class ChangeProblem {
  constructor(
    readonly code: 'unknown_path' | 'not_variable',
    readonly message: string,
  ) {}
}

/**
 * The contract with one change applied, copying only along the path (the input is not changed),
 * or the problem with the path.
 */
export function applyChange(contract: Raw, path: string, value: unknown): Raw | ChangeProblem {
  const segments = path.split('/');
  if (segments.some((s) => s === '')) return new ChangeProblem('unknown_path', `path ${show(path)} has an empty part`);
  if (FIXED.has(itemAt(segments, 0)))
    return new ChangeProblem(
      'not_variable',
      `'${segments[0]}' cannot be varied: a contract keeps its id, currency, term, periods and calendar (declare a new contract instead)`,
    );
  const set = (node: unknown, i: number): unknown | ChangeProblem => {
    const segment = itemAt(segments, i);
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const index = node.findIndex((item) => itemKey(item) === segment);
      if (index < 0)
        return new ChangeProblem(
          'unknown_path',
          `'${said(segments.slice(0, i).join('/'))}' has no item '${said(segment)}' (items: ${listed(
            node.map(itemKey).filter((key): key is string => Boolean(key)),
            undefined,
            'none with an id',
          )})`,
        );
      const child = last ? value : set(node[index], i + 1);
      if (isProblem(child)) return child;
      return node.map((item, j) => (j === index ? child : item));
    }
    if (typeof node !== 'object' || node === null)
      return new ChangeProblem(
        'unknown_path',
        `'${segments.slice(0, i).join('/')}' is not an object or a list, so it has no '${segment}'`,
      );
    if (!last && !Object.hasOwn(node, segment))
      return new ChangeProblem(
        'unknown_path',
        `'${segments.slice(0, i).join('/') || 'the contract'}' has no '${segment}'`,
      );
    const child = last ? value : set((node as Raw)[segment], i + 1);
    if (isProblem(child)) return child;
    return { ...(node as Raw), [segment]: child };
  };
  return set(contract, 0) as Raw | ChangeProblem;
}

export const isProblem = (value: unknown): value is ChangeProblem => value instanceof ChangeProblem;

/** The contract data in force on `date`: the variations dated on or before it applied in date order. */
export function dataInForce(contract: Raw, variations: readonly Variation[], date: string): Raw {
  let data: Raw = { ...contract };
  delete data.variations;
  for (const v of [...variations].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))) {
    if (v.effectiveFrom > date) break;
    for (const change of v.changes) {
      const next = applyChange(data, change.path, change.value);
      if (!isProblem(next)) data = next;
    }
    data.version = v.version;
  }
  return data;
}

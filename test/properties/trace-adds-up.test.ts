import { readFileSync, readdirSync } from 'node:fs';
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput, type Settlement } from '../../src/index.js';
import { contractArb, PERIOD } from './contract-arbitrary.js';
import { twoYearsCarriedForward, variedYear } from '../fixtures/time-contract.js';

/*
 * Invariant 9 (design.md section 5): a trace that adds up. Every linked input's value equals the
 * value of the node it links to (an input that is a fraction of a node has a node of its own),
 * and every node is reachable from a party's figure or a pool's conservation record, so that an
 * explanation read from the figures reaches every working, and no working hangs loose. A
 * settlement split into segments is checked part by part, each part's trace on its own.
 */

/** The problems with one settlement's trace: each mismatched link and each orphaned node, in words. */
export function traceProblems(settlement: Settlement): string[] {
  const problems: string[] = [];
  const check = (s: Settlement, where: string) => {
    const { trace } = s;
    for (const node of Object.values(trace))
      for (const input of node.inputs) {
        if (input.node === undefined) continue;
        const linked = trace[input.node];
        if (linked === undefined) problems.push(`${where}${node.id}: input '${input.name}' links to a missing node`);
        else if (linked.value !== input.value)
          problems.push(
            `${where}${node.id}: input '${input.name}' = ${input.value} links to ${input.node} = ${linked.value}`,
          );
      }
    const rootsOf = (part: Settlement, prefix: string): string[] =>
      [
        ...part.parties.flatMap((p) => [...Object.values(p.trace), ...Object.values(p.reconciliation?.trace ?? {})]),
        ...[...part.pools, ...part.riskShares, ...part.pooledBudgets].map((p) => p.trace.conservation),
        ...part.pointsSchemes.flatMap((p) => Object.values(p.trace ?? {})),
      ]
        .filter((id): id is string => typeof id === 'string')
        .map((id) => `${prefix}${id}`);
    // a split settlement holds a copy of each part's trace (ids prefixed "segment:<start>:"), whose
    // pools' conservation records are the parts'
    const roots = [...rootsOf(s, ''), ...s.segments.flatMap((seg) => rootsOf(seg.settlement, `segment:${seg.start}:`))];
    const reached = new Set<string>();
    const stack = [...roots];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (reached.has(id) || trace[id] === undefined) continue;
      reached.add(id);
      for (const input of trace[id].inputs) if (input.node !== undefined) stack.push(input.node);
    }
    for (const id of Object.keys(trace))
      if (!reached.has(id)) problems.push(`${where}${id}: reachable from no party figure or conservation record`);
    s.segments.forEach((seg) => check(seg.settlement, `${where}segments[${seg.start}].`));
  };
  check(settlement, '');
  return problems;
}

const examples = new URL('../../examples/', import.meta.url);
const EXPECTED = readdirSync(examples, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((e) =>
    readdirSync(new URL(`${e.name}/expected/`, examples))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `${e.name}/expected/${f}`),
  );

describe('invariant 9: every trace adds up', () => {
  it('finds the examples’ expected settlements', () => {
    expect(EXPECTED.length).toBeGreaterThanOrEqual(9);
  });

  for (const file of EXPECTED)
    it(`in ${file}`, () => {
      const settlement = JSON.parse(readFileSync(new URL(file, examples), 'utf8')) as Settlement;
      expect(traceProblems(settlement)).toEqual([]);
    });

  it('in a year split between two versions by a variation, and in a year that brings money forward', () => {
    const measured = (period: string, value: string, metric = 'm'): MeasurementInput => ({
      metric,
      period,
      value,
      status: 'final',
    });
    const varied = settle(variedYear(), [measured('2025-26', '72')], { period: '2025-26' });
    expect(varied.segments.length).toBe(2);
    expect(traceProblems(varied)).toEqual([]);
    const c = defineContract(twoYearsCarriedForward({ clause: 'Schedule 4 para 6' }));
    const y1 = settle(c, [measured('2025-26', '190', 'admissions')], { period: '2025-26' });
    const y2 = settle(c, [measured('2026-27', '171', 'admissions')], { period: '2026-27', broughtForward: y1 });
    expect(traceProblems(y1)).toEqual([]);
    expect(traceProblems(y2)).toEqual([]);
  });

  it('on random outcome contracts', () => {
    fc.assert(
      fc.property(contractArb(), (g) => {
        expect(traceProblems(settle(defineContract(g.contract), g.measurements, { period: PERIOD }))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('catches a link whose value differs from its node, and an orphaned node (the check can fail)', () => {
    const file = EXPECTED.find((f) => f.startsWith('shared-savings-aco'))!;
    const s = JSON.parse(readFileSync(new URL(file, examples), 'utf8')) as Settlement;
    const [first] = Object.values(s.trace).filter((n) => n.inputs.some((i) => i.node !== undefined));
    const linked = first!.inputs.find((i) => i.node !== undefined)!;
    const mismatched = {
      ...s,
      trace: { ...s.trace, [first!.id]: { ...first!, inputs: [{ ...linked, value: '12345' }] } },
    };
    expect(traceProblems(mismatched)[0]).toContain(`input '${linked.name}' = 12345 links to ${linked.node}`);
    const orphaned = { ...s, trace: { ...s.trace, stray: { ...first!, id: 'stray' } } };
    expect(traceProblems(orphaned)).toContain('stray: reachable from no party figure or conservation record');
  });
});

/** The value at a trace path in contract data, read step by step (independently of the library's reader). */
function held(contract: unknown, path: string): unknown {
  let here = contract;
  for (const [, field, key, keyed, id] of path.matchAll(/\.?([A-Za-z]+)|\[([^\]=]+)=([^\]]*)\]|\[([^\]]*)\]/g)) {
    if (field !== undefined) here = (here as Record<string, unknown> | undefined)?.[field];
    else if (key !== undefined) here = (here as Record<string, unknown>[]).find((item) => item[key] === keyed);
    else here = (here as Record<string, unknown>[]).find((item) => item.id === id);
  }
  return here;
}

describe('parameters read from the contract carry their contract path', () => {
  const read = (file: string): unknown =>
    JSON.parse(readFileSync(new URL(`one-hackney-alliance/${file}`, examples), 'utf8'));
  const s = read('expected/settlement-2026-27.json') as Settlement;

  it('names where the scale, the weight, the threshold and the contribution are declared', () => {
    const inputs = (node: string) => s.trace[node]!.inputs.filter((i) => i.path !== undefined);
    // Schedule 4 para 2.1: emergency admissions 75+, linear from 262 (nothing) to 235.8 (full)
    expect(inputs('metric:emergency-admissions-75:score').map((i) => [i.name, i.value, i.path])).toEqual([
      ['min', '262', 'pools[frailty-eol].metrics[emergency-admissions-75].scoring.min'],
      ['max', '235.8', 'pools[frailty-eol].metrics[emergency-admissions-75].scoring.max'],
    ]);
    expect(inputs('metric:emergency-admissions-75:weight').map((i) => i.path)).toEqual([
      'pools[frailty-eol].metrics[emergency-admissions-75].weight',
    ]);
    expect(inputs('pool:frailty-eol:contribution:acute').map((i) => i.path)).toEqual([
      'parties[acute].contractValue',
      'pools[frailty-eol].contributions[party=acute].percentOfContractValue',
    ]);
  });

  for (const file of EXPECTED)
    it(`every contract path in ${file} holds the input's value in the contract`, () => {
      const example = file.split('/')[0]!;
      const settlement = JSON.parse(readFileSync(new URL(file, examples), 'utf8')) as Settlement;
      const declared: unknown = JSON.parse(readFileSync(new URL(`${example}/contract.json`, examples), 'utf8'));
      const withPath = Object.values(settlement.trace).flatMap((n) => n.inputs.filter((i) => i.path !== undefined));
      for (const input of withPath) {
        const value = held(declared, input.path!);
        // as declared, or as the contract gives it for what is settled (a value cut for a part of the year)
        const decimal = /^-?\d+(\.\d+)?$/;
        if (value === input.value) continue;
        if (
          typeof value === 'string' &&
          decimal.test(value) &&
          decimal.test(input.value) &&
          new Big(value).eq(input.value)
        )
          continue;
        expect(input.path!.startsWith('parties[') || input.path!.includes('contributions'), input.path).toBe(true);
      }
    });

  it('on random outcome contracts, every scoring threshold read has its path', () => {
    fc.assert(
      fc.property(contractArb(), (g) => {
        const settled = settle(defineContract(g.contract), g.measurements, { period: PERIOD });
        for (const node of Object.values(settled.trace).filter((n) => n.id.endsWith(':score')))
          for (const input of node.inputs.filter((i) => i.name === 'min' || i.name === 'max'))
            expect(input.path, `${node.id} ${input.name}`).toBe(`${node.path}.${input.name}`);
      }),
      { numRuns: 60 },
    );
  });
});

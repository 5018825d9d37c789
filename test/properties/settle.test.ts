import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput, type Settlement } from '../../src/index.js';
import { contractArb, PERIOD, text, unitsOf, type Generated } from './contract-arbitrary.js';

/*
 * Property tests of the settlement engine against design.md section 5, invariants 1 to 5, on
 * random valid contracts (see contract-arbitrary.ts). Money is compared in bigint pence, ratios
 * in bigint at 18 decimals; never in JS numbers.
 */

const pence = (amount: string) => unitsOf(amount, 2);
// A ratio (score, weight) as an integer at 40 decimals: ratios keep 18, and a weighted score is
// the exact product of two of them (up to 36).
const atoms = (ratio: string) => unitsOf(ratio, 40);
const ONE = 10n ** 40n;
const sumOf = (values: Iterable<bigint>) => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};

const run = (g: Generated): Settlement => settle(g.contract, g.measurements, { period: PERIOD });

const arbitrary = contractArb();
const RUNS = 100;

/** The statements of every party for one pool. */
const statementsOf = (s: Settlement, pool: string) =>
  s.parties.flatMap((party) => party.pools.filter((statement) => statement.pool === pool).map((st) => ({ party, st })));

describe('settle on random valid contracts', () => {
  it('generates only contracts that defineContract accepts', () => {
    fc.assert(
      fc.property(arbitrary, (g) => {
        expect(() => defineContract(g.contract)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('conserves every pool: what all parties get from it adds up exactly to its funding', () => {
    fc.assert(
      fc.property(arbitrary, (g) => {
        const s = run(g);
        for (const pool of s.pools) {
          const funding = pence(pool.funding);
          expect(pool.conservation).toEqual({ in: pool.funding, out: pool.funding, difference: '0.00' });
          const statements = statementsOf(s, pool.id);
          // independently: earned + redistributed + returned, over the parties, is the funding
          expect(
            sumOf(statements.map(({ st }) => pence(st.earned) + pence(st.redistributed) + pence(st.returned))),
          ).toBe(funding);
          // what was put in is the funding, both by party statement and by the pool's own list
          expect(sumOf(statements.map(({ st }) => pence(st.contributed)))).toBe(funding);
          expect(sumOf(pool.contributions.map((c) => pence(c.amount)))).toBe(funding);
          // the pool's own account adds up
          expect(pence(pool.earned) + pence(pool.forfeited)).toBe(pence(pool.earnedByScore));
          expect(pence(pool.earnedByScore) + pence(pool.unearned)).toBe(funding);
          expect(sumOf(pool.unearnedTo.parts.map((p) => pence(p.amount)))).toBe(pence(pool.unearned));
          expect(sumOf(pool.forfeitedTo.parts.map((p) => pence(p.amount)))).toBe(pence(pool.forfeited));
          // every penny earned by score went to some provider
          expect(sumOf(statements.map(({ st }) => pence(st.earnedByScore)))).toBe(pence(pool.earnedByScore));
          expect(sumOf(statements.map(({ st }) => pence(st.earned)))).toBe(pence(pool.earned));
          expect(sumOf(statements.map(({ st }) => pence(st.forfeited)))).toBe(pence(pool.forfeited));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('adds up each party statement: totals over pools, and total = guaranteed + earned + redistributed + returned', () => {
    fc.assert(
      fc.property(arbitrary, (g) => {
        const s = run(g);
        for (const party of s.parties) {
          for (const field of ['contributed', 'earned', 'redistributed', 'returned'] as const)
            expect(pence(party[field])).toBe(sumOf(party.pools.map((p) => pence(p[field]))));
          const guaranteed = party.guaranteed === null ? 0n : pence(party.guaranteed);
          if (party.contractValue !== null)
            expect(guaranteed).toBe(pence(party.contractValue) - pence(party.contributed));
          else expect(party.guaranteed).toBeNull();
          expect(pence(party.total)).toBe(
            guaranteed + pence(party.earned) + pence(party.redistributed) + pence(party.returned),
          );
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps scores and weights in [0, 1] and every payment between 0 and what was at risk', () => {
    fc.assert(
      fc.property(arbitrary, (g) => {
        const s = run(g);
        for (const m of s.metrics) {
          for (const ratio of [m.score, m.weight, m.weightedScore]) {
            expect(atoms(ratio) >= 0n && atoms(ratio) <= ONE, `${m.id}: ${ratio}`).toBe(true);
          }
          expect(atoms(m.weightedScore) <= atoms(m.weight)).toBe(true);
          expect(pence(m.atRisk) >= 0n && pence(m.earnedByScore) >= 0n).toBe(true);
          expect(pence(m.earnedByScore) <= pence(m.atRisk), `${m.id}: ${m.earnedByScore} > ${m.atRisk}`).toBe(true);
        }
        for (const pool of s.pools) {
          const funding = pence(pool.funding);
          const metrics = s.metrics.filter((m) => m.pool === pool.id);
          expect(atoms(pool.score) >= 0n && atoms(pool.score) <= ONE).toBe(true);
          expect(sumOf(metrics.map((m) => pence(m.atRisk)))).toBe(funding);
          expect(sumOf(metrics.map((m) => pence(m.earnedByScore)))).toBe(pence(pool.earnedByScore));
          expect(0n <= pence(pool.earned)).toBe(true);
          expect(pence(pool.earned) <= pence(pool.earnedByScore)).toBe(true);
          expect(pence(pool.earnedByScore) <= funding).toBe(true);
          for (const amount of [pool.funding, pool.forfeited, pool.unearned, ...pool.allocation.map((a) => a.amount)])
            expect(pence(amount) >= 0n).toBe(true);
          for (const { st } of statementsOf(s, pool.id)) {
            for (const amount of [
              st.contributed,
              st.earnedByScore,
              st.earned,
              st.forfeited,
              st.redistributed,
              st.returned,
            ])
              expect(pence(amount) >= 0n).toBe(true);
            expect(pence(st.earned) <= pence(st.earnedByScore)).toBe(true);
            expect(pence(st.earned) + pence(st.forfeited)).toBe(pence(st.earnedByScore));
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('rounds fairly: each part of a pool allocation is within one penny of its exact share, at either rounding point', () => {
    fc.assert(
      fc.property(arbitrary, (g) => {
        const s = run(g);
        for (const pool of s.pools) {
          for (const part of pool.allocation) {
            const amount = pence(part.amount) * 10n ** 38n; // at 40 decimals
            const exact = atoms(part.exactShare);
            const gap = amount > exact ? amount - exact : exact - amount;
            expect(gap <= 10n ** 38n, `${pool.id}/${part.id}: ${part.amount} vs exact ${part.exactShare}`).toBe(true);
            expect(pence(part.amount)).toBe(pence(part.floor) + BigInt(part.unitsAdded));
            const statement = statementsOf(s, pool.id).find(({ party }) => party.id === part.id);
            expect(statement?.st.earnedByScore).toBe(part.amount);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never lowers a score, the pool’s earned amount, or (by more than a penny) a party’s, when a measured value gets better', () => {
    const better = fc.record({
      g: arbitrary,
      pick: fc.nat(),
      // a positive improvement with 0 to 4 decimals, small or large
      step: fc.tuple(
        fc.oneof(fc.bigInt({ min: 1n, max: 100n }), fc.bigInt({ min: 1n, max: 10n ** 9n })),
        fc.integer({ min: 0, max: 4 }),
      ),
    });
    fc.assert(
      fc.property(better, ({ g, pick, step: [units, scale] }) => {
        const metrics = g.contract.pools.flatMap((p) => p.metrics.map((m) => ({ pool: p.id, metric: m })));
        const { pool, metric } = metrics[pick % metrics.length]!;
        const index = g.measurements.findIndex((m) => m.metric === metric.id && m.party === undefined);
        const old = g.measurements[index]!;
        const places = Math.max(scale, (old.value!.split('.')[1] ?? '').length);
        const delta = unitsOf(text(units, scale), places) * (metric.direction === 'higher-is-better' ? 1n : -1n);
        const improved: Generated = {
          contract: g.contract,
          measurements: g.measurements.map((m, i) =>
            i === index ? { ...m, value: text(unitsOf(old.value!, places) + delta, places) } : m,
          ),
        };
        const before = run(g);
        const after = run(improved);
        const score = (s: Settlement) => atoms(s.metrics.find((m) => m.id === metric.id)!.score);
        expect(score(after) >= score(before)).toBe(true);
        const poolOf = (s: Settlement) => s.pools.find((p) => p.id === pool)!;
        expect(pence(poolOf(after).earnedByScore) >= pence(poolOf(before).earnedByScore)).toBe(true);
        for (const part of poolOf(before).allocation) {
          const now = poolOf(after).allocation.find((a) => a.id === part.id)!;
          expect(
            pence(now.amount) >= pence(part.amount) - 1n,
            `${part.id} fell from ${part.amount} to ${now.amount} when ${metric.id} improved`,
          ).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives a byte-identical settlement whatever the order of parties, pools, metrics, contributions, gateways and measurements', () => {
    fc.assert(
      fc.property(arbitrary, fc.integer(), (g, seed) => {
        const shuffled = shuffleInputs(g, seed);
        expect(JSON.stringify(run(shuffled))).toBe(JSON.stringify(run(g)));
      }),
      { numRuns: RUNS },
    );
  });

  it('never changes its inputs, frozen or not, and gives the same settlement from raw data as from defineContract', () => {
    fc.assert(
      fc.property(arbitrary, (g) => {
        const contract = structuredClone(g.contract);
        const measurements = structuredClone(g.measurements);
        const first = run(g);
        expect(g.contract).toEqual(contract);
        expect(g.measurements).toEqual(measurements);
        const frozen = deepFreeze(structuredClone(g));
        expect(JSON.stringify(run(frozen))).toBe(JSON.stringify(first));
        expect(JSON.stringify(settle(defineContract(g.contract), g.measurements, { period: PERIOD }))).toBe(
          JSON.stringify(first),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('writes no NaN, Infinity or undefined anywhere, and every amount as plain text with exactly two decimals', () => {
    fc.assert(
      fc.property(arbitrary, (g) => {
        const s = run(g);
        expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity|undefined|\[object /);
        const bad: string[] = [];
        walk(s, (key, value) => {
          if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) bad.push(key);
        });
        expect(bad).toEqual([]);
        const amounts = [
          ...s.metrics.flatMap((m) => [m.atRisk, m.earnedByScore]),
          ...s.pools.flatMap((p) => [
            p.funding,
            p.earnedByScore,
            p.earned,
            p.forfeited,
            p.unearned,
            ...p.contributions.map((c) => c.amount),
            ...p.allocation.flatMap((a) => [a.amount, a.floor]),
            ...p.unearnedTo.parts.map((x) => x.amount),
            ...p.forfeitedTo.parts.map((x) => x.amount),
            ...Object.values(p.conservation),
          ]),
          ...s.parties.flatMap((p) => [
            p.contributed,
            p.earned,
            p.redistributed,
            p.returned,
            p.total,
            ...(p.guaranteed === null ? [] : [p.guaranteed]),
            ...p.pools.flatMap((st) => [
              st.contributed,
              st.earnedByScore,
              st.earned,
              st.forfeited,
              st.redistributed,
              st.returned,
            ]),
          ]),
        ];
        expect(amounts.filter((amount) => !/^-?(?:0|[1-9]\d*)\.\d{2}$/.test(amount))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('traces every figure: each trace reference names a node, and each node’s inputs name nodes that exist', () => {
    fc.assert(
      fc.property(arbitrary, (g) => {
        const s = run(g);
        const refs = [
          ...s.metrics.map((m) => m.trace),
          ...s.gateways.map((x) => x.trace),
          ...s.pools.map((p) => p.trace),
          ...s.parties.map((p) => p.trace),
          ...s.parties.flatMap((p) => p.pools.map((st) => st.trace)),
        ];
        const dangling: string[] = [];
        for (const record of refs)
          for (const [field, node] of Object.entries(record))
            if (!Object.hasOwn(s.trace, node)) dangling.push(`${field} → ${node}`);
        for (const [key, node] of Object.entries(s.trace)) {
          if (node.id !== key) dangling.push(`${key} holds node ${node.id}`);
          for (const input of node.inputs)
            if (input.node !== undefined && !Object.hasOwn(s.trace, input.node))
              dangling.push(`${key} ← ${input.node}`);
        }
        expect(dangling).toEqual([]);
        // each traced figure's node shows the figure itself
        for (const pool of s.pools) {
          expect(s.trace[pool.trace.funding]?.value).toBe(pool.funding);
          expect(s.trace[pool.trace.earnedByScore]?.value).toBe(pool.earnedByScore);
          expect(s.trace[pool.trace.earned]?.value).toBe(pool.earned);
          expect(s.trace[pool.trace.conservation]?.value).toBe('0.00');
        }
        for (const party of s.parties) {
          expect(s.trace[party.trace.total]?.value).toBe(party.total);
          for (const st of party.pools) expect(s.trace[st.trace.earned]?.value).toBe(st.earned);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** A small deterministic generator (mulberry32) so a failing seed replays exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Object keys in reverse order (JSON means the same; nothing should depend on key order). */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    ) as T;
  return value;
}

/** The same inputs with every set-like list (and the fixed shares' keys) in a random order. */
function shuffleInputs(g: Generated, seed: number): Generated {
  const next = random(seed);
  const contract: Generated['contract'] = {
    ...g.contract,
    parties: shuffle(g.contract.parties, next),
    pools: shuffle(
      g.contract.pools.map((pool) => ({
        ...pool,
        contributions: shuffle(pool.contributions, next),
        metrics: shuffle(
          pool.metrics.map((m) => (m.accountable ? { ...m, accountable: shuffle(m.accountable, next) } : m)),
          next,
        ),
        ...(pool.eligible ? { eligible: shuffle(pool.eligible, next) } : {}),
        ...(pool.gateways ? { gateways: shuffle(pool.gateways, next) } : {}),
        ...(pool.distribution?.shares
          ? {
              distribution: {
                ...pool.distribution,
                shares: Object.fromEntries(shuffle(Object.entries(pool.distribution.shares), next)),
              },
            }
          : {}),
      })),
      next,
    ),
  };
  const measurements: MeasurementInput[] = shuffle(g.measurements, next);
  return next() < 0.5 ? { contract, measurements } : reverseKeys({ contract, measurements });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function walk(value: unknown, visit: (key: string, value: unknown) => void, key = '$'): void {
  visit(key, value);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, visit, `${key}[${i}]`));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) walk(v, visit, `${key}.${k}`);
}

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, type MeasurementInput } from '../../src/index.js';
import { contractArb, PERIOD, text, unitsOf, type Generated } from './contract-arbitrary.js';

/*
 * Design invariant 7 (scale): multiplying every money amount of a contract by a whole k multiplies
 * every payment by k, within a bound that comes from the rounding stages the payment goes through.
 * Money is compared in bigint pence (Δ = figure of the scaled run − k × figure of the first run).
 *
 * Why "within one minor unit" cannot hold for k > 1, and what holds instead: a stage that rounds an
 * exact amount x to the minor unit leaves an error e with |e| ≤ ε (ε = ½ unit for half-up /
 * half-even, ε < 1 unit for a part of a largest-remainder split). The first run gives R(x) = x + e,
 * so k × R(x) = kx + ke carries the error k times; the scaled run gives R(kx) = kx + e' with
 * |e'| ≤ ε. Hence |R(kx) − k R(x)| ≤ (k + 1) ε: at most ⌊(k + 1) / 2⌋ units for a half rounding,
 * at most k units for a largest-remainder part (strictly below k + 1, and a whole number). A stage
 * fed with amounts already off by d carries that d on (scaled by its fraction, at most 1), so the
 * bounds add up along the stages of an outcome pool:
 *   1. contribution = contract value × percentage, rounded half:      |Δ| ≤ ⌊(k+1)/2⌋ (a fixed amount: 0)
 *   2. funding = the sum of the contributions, not rounded:           Δ = Σ Δcontribution, exactly
 *   3. part at risk of each metric, largest remainder over weights:   |Δ| ≤ |Δfunding| + k
 *   4. earned by score = Σ parts at risk × score, rounded half once:  |Δ| ≤ Σ |Δat risk| + ⌊(k+1)/2⌋
 *      or rounded once per metric:                                    |Δ| ≤ Σ (|Δat risk| + ⌊(k+1)/2⌋)
 *      (a score does not depend on money, is at most 1, and the cap at funding moves no bound)
 *   5. each provider's part of it, largest remainder:                 |Δ| ≤ |Δexact share| + k
 *      (its exact share is shown cut at 18 decimals, hence a further (k + 1) × 10^-18 at most), and
 *      the exact shares' moves add up to Δearned: rounding moves money between providers, it never
 *      creates any.
 * At k = 1 each bound is 0 (k is drawn from 1 to 1,000).
 */

const pence = (amount: string) => unitsOf(amount, 2);
const abs = (x: bigint) => (x < 0n ? -x : x);
const half = (k: bigint) => (k + 1n) / 2n; // ⌊(k+1)/2⌋
const times = (amount: string, k: bigint) => text(pence(amount) * k, 2);

/** The same outcome contract with every money amount (contract values, fixed contributions) times k. */
function scaled(g: Generated, k: bigint): Generated {
  return {
    measurements: g.measurements,
    contract: {
      ...g.contract,
      parties: g.contract.parties.map((p) =>
        p.contractValue === undefined ? p : { ...p, contractValue: times(p.contractValue, k) },
      ),
      pools: g.contract.pools.map((pool) => ({
        ...pool,
        contributions: pool.contributions.map((c) =>
          'amount' in c && c.amount !== undefined ? { ...c, amount: times(c.amount, k) } : c,
        ),
      })),
    },
  };
}

/*
 * GATE, a discontinuity the bounds cannot cover (found by this test, reported on issue 12): with
 * the contribution basis, a provider whose contribution rounds to 0.00 has no weight, and a metric
 * nobody can be paid for earns nothing. Scaling can lift such a contribution above zero (0.01 % of
 * 1.00 is 0.00, of 100.00 it is 0.01), so a pool that earned 0.00 earns 17.01 at k = 100 (pinned
 * below). Those pools are left out of the stage checks when the set of providers with a weight
 * differs between the two runs.
 */
type PoolResult = ReturnType<typeof settle>['pools'][number];
const payableBy = (pool: PoolResult) =>
  pool.contributions
    .filter((c) => pence(c.amount) > 0n && pool.allocation.some((p) => p.id === c.party))
    .map((c) => c.party)
    .join(',');

/** Checks every stage bound above for one contract and its copy with every money amount times k. */
function checkStages(
  contract: Generated['contract'],
  measurements: MeasurementInput[],
  k: bigint,
  options = { period: PERIOD },
) {
  const a = settle(contract, measurements, options);
  const b = settle(scaled({ contract, measurements }, k).contract, measurements, options);
  const point = contract.rounding?.point ?? 'pool';
  const exact = (s: string) => unitsOf(s, 18);
  const atExact = 10n ** 16n; // pence to 18 decimals
  for (const pool of a.pools) {
    const other = b.pools.find((p) => p.id === pool.id)!;
    const declared = contract.pools.find((p) => p.id === pool.id)!;
    if (declared.distribution?.basis === 'contribution' && payableBy(pool) !== payableBy(other)) continue; // see GATE
    // stages 1 and 2
    let sum = 0n;
    for (const c of pool.contributions) {
      const scaledAmount = other.contributions.find((x) => x.party === c.party)!.amount;
      const d = pence(scaledAmount) - k * pence(c.amount);
      const fixed = declared.contributions.some((x) => x.party === c.party && 'amount' in x && x.amount !== undefined);
      expect(
        abs(d) <= (fixed ? 0n : half(k)),
        `stage 1, ${pool.id}/${c.party}: ${c.amount} × ${k} vs ${scaledAmount}`,
      ).toBe(true);
      sum += d;
    }
    const dFunding = pence(other.funding) - k * pence(pool.funding);
    expect(dFunding, `stage 2, ${pool.id}: funding ${pool.funding} × ${k} vs ${other.funding}`).toBe(sum);
    const dF = abs(dFunding);
    // stages 3 and 4
    let atRisk = 0n;
    for (const m of a.metrics.filter((x) => x.pool === pool.id)) {
      const n = b.metrics.find((x) => x.pool === pool.id && x.id === m.id)!;
      expect(n.score, `${m.id}: a score does not depend on money`).toBe(m.score);
      const dRisk = abs(pence(n.atRisk) - k * pence(m.atRisk));
      expect(dRisk <= dF + k, `stage 3, ${m.id}: at risk ${m.atRisk} × ${k} vs ${n.atRisk}`).toBe(true);
      atRisk += dRisk;
    }
    const dEarned = pence(other.earnedByScore) - k * pence(pool.earnedByScore);
    const metrics = BigInt(a.metrics.filter((x) => x.pool === pool.id).length);
    const boundE = point === 'pool' ? atRisk + half(k) : atRisk + metrics * half(k);
    expect(
      abs(dEarned) <= boundE,
      `stage 4, ${pool.id}: earned ${pool.earnedByScore} × ${k} vs ${other.earnedByScore}`,
    ).toBe(true);
    // stage 5: the exact shares add up to what was earned in both runs, so their moves add up to Δearned
    let movedExact = 0n;
    for (const part of pool.allocation) {
      const n = other.allocation.find((x) => x.id === part.id)!;
      const dExact = exact(n.exactShare) - k * exact(part.exactShare);
      movedExact += dExact;
      const dPart = abs(pence(n.amount) - k * pence(part.amount)) * atExact;
      expect(
        dPart <= abs(dExact) + k * atExact + k + 1n,
        `stage 5, ${part.id}: ${part.amount} × ${k} vs ${n.amount}`,
      ).toBe(true);
    }
    // (exact shares are cut at 18 decimals, so they add up to within one 10^-18 each of what was split)
    const cut = (k + 1n) * BigInt(pool.allocation.length);
    if (pool.allocation.length > 0)
      expect(abs(movedExact - dEarned * atExact) <= cut, `stage 5, ${pool.id}: exact shares`).toBe(true);
  }
  return { a, b };
}

const kArb = fc.oneof(fc.constantFrom(1n, 2n, 3n, 10n, 100n), fc.bigInt({ min: 1n, max: 1000n }));
const arbitrary = contractArb();
const RUNS = 40;

describe('invariant 7: every money amount times k multiplies every payment by k, within the bound of each rounding stage', () => {
  it('on random outcome contracts: contributions ⌊(k+1)/2⌋, funding Σ of those, at risk |Δfunding| + k, earned Σ|Δat risk| + ⌊(k+1)/2⌋ per rounding, provider parts |Δexact| + k', () => {
    fc.assert(
      fc.property(arbitrary, kArb, (g, k) => {
        checkStages(g.contract, g.measurements, k);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('invariant 7 on the One Hackney example (an outcome pool funded by 1.5 % of contract values, rounded per pool)', () => {
  const read = (file: string): unknown =>
    JSON.parse(readFileSync(new URL(`../../examples/one-hackney-alliance/${file}`, import.meta.url), 'utf8'));
  const contract = read('contract.json') as Generated['contract'];
  const measurements = read('measurements.json') as MeasurementInput[];
  const options = { period: '2026-27', knownAt: '2027-05-31' };
  for (const k of [2n, 3n, 7n, 10n, 1000n]) {
    it(`at k = ${k}: every stage within its bound, and each party total within the sum of its stages’ bounds`, () => {
      const { a, b } = checkStages(contract, measurements, k, options);
      const d = a.parties.map((party) => {
        const other = b.parties.find((p) => p.id === party.id)!;
        return abs(pence(other.total) - k * pence(party.total));
      });
      // total = (contract value − contribution) + earned + redistributed + returned: the contribution
      // (stage 1) plus every share of what the pool earned and did not (stages 1 to 5 of one pool)
      const pool = a.pools[0]!;
      const contributors = BigInt(pool.contributions.length);
      const bound = half(k) + contributors * half(k) + half(k) + 2n * k;
      for (const x of d) expect(x <= bound).toBe(true);
      expect(
        d.some((x) => x > 1n),
        'at k > 1 some party total moves by more than one penny',
      ).toBe(k > 1n);
    });
  }
});

describe('invariant 7: the known gap (GATE above)', () => {
  it('a provider contribution rounded to 0.00 at k = 1 but not at k = 100 changes what is payable: 0.00 becomes 17.01, not 0.00 × 100', () => {
    const contract: Generated['contract'] = {
      id: 'gate',
      name: 'Gate',
      version: '1',
      currency: 'GBP',
      term: { start: '2026-04-01', end: '2027-03-31' },
      periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
      parties: [
        { id: 'icb', name: 'ICB', role: 'commissioner' },
        { id: 'big', name: 'Big', role: 'provider', contractValue: '1000000.00' },
        { id: 'small', name: 'Small', role: 'provider', contractValue: '1.00' },
      ],
      pools: [
        {
          id: 'pool',
          kind: 'outcome',
          name: 'Pool',
          contributions: [
            { party: 'small', percentOfContractValue: '0.01' },
            { party: 'icb', amount: '0.17' },
          ],
          distribution: { basis: 'contribution' },
          metrics: [
            {
              id: 'm',
              name: 'M',
              unit: 'per cent',
              direction: 'higher-is-better',
              scoring: { type: 'linear', min: '0', max: '0.001' },
            },
          ],
          unearned: { to: 'contributors' },
        },
      ],
    };
    const measurements: MeasurementInput[] = [{ metric: 'm', period: PERIOD, value: '0.001', status: 'final' }];
    const at = (k: bigint) => settle(scaled({ contract, measurements }, k).contract, measurements, { period: PERIOD });
    expect(at(1n).pools[0]!.earnedByScore).toBe('0.00');
    expect(at(100n).pools[0]!.earnedByScore).toBe('17.01');
  });
});

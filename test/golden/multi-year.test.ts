import { describe, expect, it } from 'vitest';
import { ContractError, defineContract, settle, type ContractInput } from '../../src/index.js';
import { twoYearsCarriedForward, twoYearsDeficitCarriedForward } from '../fixtures/time-contract.js';

/*
 * Worked examples across contract years: unearned money carried forward into the next year's
 * pool, and a baseline rebased for the second year. The ICB puts £100,000.00 a year into an
 * outcome pool for one provider; what is not earned is carried into the next year's funding.
 */

const contract = (overrides: Partial<ContractInput> = {}) =>
  defineContract(twoYearsCarriedForward({ clause: 'Schedule 4 para 6 (unearned money rolls over)' }, overrides));
const measured = (period: string, value: string) => [{ metric: 'admissions', period, value, status: 'final' as const }];

describe('unearned money carried forward into the next year', () => {
  const c = contract();
  // 2025-26: 190 against a baseline of 200 is a 5 % improvement → 0.5 → earned 50,000.00;
  // the other 50,000.00 is carried forward, and the pool still conserves
  const first = settle(c, measured('2025-26', '190'), { period: '2025-26' });
  // 2026-27: rebased baseline 180; 162 is a 10 % improvement → 1; funding 100,000.00 + 50,000.00
  // brought forward = 150,000.00, all earned
  const second = settle(c, measured('2026-27', '162'), { period: '2026-27', broughtForward: first });

  it('carries the unearned £50,000.00 of the first year forward', () => {
    const pool = first.pools[0]!;
    expect(pool.earned).toBe('50000.00');
    expect(pool.carriedForward).toBe('50000.00');
    expect(pool.unearnedTo.parts).toEqual([]);
    expect(pool.conservation).toEqual({ in: '100000.00', out: '100000.00', difference: '0.00' });
    expect(first.parties.find((p) => p.id === 'icb')!.returned).toBe('0.00');
  });

  it('adds it to the second year’s funding, traced to the first year’s settlement', () => {
    const pool = second.pools[0]!;
    expect(pool.broughtForward).toBe('50000.00');
    expect(pool.funding).toBe('150000.00');
    expect(pool.earned).toBe('150000.00');
    expect(pool.conservation.difference).toBe('0.00');
    const funding = second.trace[pool.trace.funding]!;
    expect(funding.inputs.at(-1)!.name).toContain(
      `carried forward from 2025-26 (settlement ${first.settlementHash.slice(0, 12)})`,
    );
  });

  it('scores the second year against the rebased baseline of 180, not 200', () => {
    // against 200, 162 would be a 19 % improvement (still 1); 171 shows the difference:
    // (180 − 171) / 180 = 5 % → 0.5, where (200 − 171) / 200 = 14.5 % would score 1
    // nothing brought forward, said so: the second year of a pool that carries money must say what it brings
    const rebased = settle(c, measured('2026-27', '171'), { period: '2026-27', broughtForward: 'none' });
    expect(rebased.metrics[0]!.score).toBe('0.5');
    expect(rebased.resolution.adjusted).toEqual([
      expect.objectContaining({ path: 'pools[incentive].metrics[admissions].baseline', declared: '200', value: '180' }),
    ]);
  });

  it('makes the settlement’s inputs hash depend on what was brought forward', () => {
    const without = settle(c, measured('2026-27', '162'), { period: '2026-27', broughtForward: 'none' });
    expect(without.pools[0]!.funding).toBe('100000.00');
    expect(without.inputsHash).not.toBe(second.inputsHash);
  });

  it('refuses a settlement that is not of the year before, or not of a whole year', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(ContractError);
        return (error as ContractError).issues.map((i) => [i.path, i.code]);
      }
      return [];
    };
    expect(code(() => settle(c, measured('2025-26', '190'), { period: '2025-26', broughtForward: first }))).toEqual([
      ['options.broughtForward', 'not_previous_year'],
    ]);
    const interim = settle(c, measured('2025-26', '190'), { period: '2025-26', asOf: '2025-09-30' });
    expect(code(() => settle(c, measured('2026-27', '162'), { period: '2026-27', broughtForward: interim }))).toEqual([
      ['options.broughtForward', 'carry_forward_needs_year'],
    ]);
    const other = settle({ ...c, id: 'other' }, measured('2025-26', '190'), { period: '2025-26' });
    expect(code(() => settle(c, measured('2026-27', '162'), { period: '2026-27', broughtForward: other }))).toEqual([
      ['options.broughtForward', 'different_contract'],
    ]);
    expect(
      code(() => settle(c, measured('2026-27', '162'), { period: '2026-27', broughtForward: {} as never })),
    ).toEqual([['options.broughtForward', 'invalid_settlement']]);
  });

  it('refuses a rebased baseline for a period that does not exist', () => {
    expect(() =>
      contract({
        pools: [
          {
            ...(contract().pools[0] as object),
            metrics: [{ ...(contract().pools[0] as { metrics: object[] }).metrics[0]!, baselines: { '2030-31': '1' } }],
          } as never,
        ],
      }),
    ).toThrow(/'2030-31' is not a period of this contract/);
  });
});

describe('a deficit carried forward into the next year', () => {
  // A £10,000,000.00 control total each year, shared 50 : 50 between the ICB and two providers
  // (equally between them). The members' half of a deficit is not charged in the year but
  // carried into the next year's variance, to be recovered from its result.
  const c = defineContract(twoYearsDeficitCarriedForward());
  const spend = (period: string, value: string) => [{ metric: 'spend', period, value, status: 'final' as const }];
  // 2025-26: 10,000,000 − 11,000,000 = −1,000,000; the members' half, −500,000.00 (−250,000.00
  // each), is carried forward; the ICB bears its −500,000.00 now
  const first = settle(c, spend('2025-26', '11000000.00'), { period: '2025-26' });
  // 2026-27: 10,000,000 − 8,000,000 = 2,000,000, less the −500,000.00 carried = 1,500,000.00;
  // the members' half, 750,000.00, is 375,000.00 each
  const second = settle(c, spend('2026-27', '8000000.00'), { period: '2026-27', broughtForward: first });

  it('charges the members nothing in the year of the deficit and carries their £500,000.00', () => {
    const pool = first.riskShares[0]!;
    expect(pool.allianceShare).toBe('-500000.00');
    expect(pool.carriedForward).toBe('-500000.00');
    expect(pool.commissionerShare).toBe('-500000.00');
    expect(pool.conservation.difference).toBe('0.00');
    expect(first.parties.map((p) => [p.id, p.shared])).toEqual([
      ['a', '0.00'],
      ['b', '0.00'],
      ['icb', '-500000.00'],
    ]);
  });

  it('recovers it from the next year’s surplus before sharing', () => {
    const pool = second.riskShares[0]!;
    expect(pool.broughtForward).toBe('-500000.00');
    expect(pool.variance).toBe('1500000.00');
    expect(second.parties.map((p) => [p.id, p.shared])).toEqual([
      ['a', '375000.00'],
      ['b', '375000.00'],
      ['icb', '750000.00'],
    ]);
    expect(second.trace[pool.trace.variance]!.formula).toContain('deficit carried forward from 2025-26');
  });
});

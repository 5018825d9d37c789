import { describe, expect, it } from 'vitest';
import {
  ContractError,
  MeasurementError,
  defineContract,
  diffSettlements,
  explain,
  restate,
  settle,
} from '../../src/index.js';
import type { MeasurementInput, Settlement } from '../../src/index.js';
import { twoYearsCarriedForward } from '../fixtures/time-contract.js';
import { resealed } from '../fixtures/resealed.js';

/*
 * A settlement passed back in (as `broughtForward`, to `restate`, `diffSettlements`, `explain`) is
 * checked against its own `settlementHash` and refused once edited (issue 13). The contract: the
 * ICB puts £100,000.00 a year into an outcome pool; what is not earned is carried into the next
 * year. 2025-26: 190 against a baseline of 200 is a 5 % improvement → score 0.5 → earned
 * 50,000.00, carried forward 50,000.00, so 2026-27 is funded 100,000.00 + 50,000.00 = 150,000.00.
 */

const c = defineContract(twoYearsCarriedForward({ clause: 'Schedule 4 para 6' }));
const measured = (period: string, value: string): MeasurementInput => ({
  metric: 'admissions',
  period,
  value,
  status: 'final',
});
const y1 = settle(c, [measured('2025-26', '190')], { period: '2025-26' });
const year2 = [measured('2026-27', '171')];

/** The settlement as a file holds it, with one edit made by hand. */
const edited = (edit: (s: { -readonly [K in keyof Settlement]: unknown } & Record<string, unknown>) => void) => {
  const copy = JSON.parse(JSON.stringify(y1)) as Settlement & Record<string, unknown>;
  edit(copy as never);
  return copy;
};

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as ContractError).issues.map((i) => [i.path, i.code, i.message]);
  }
  return expect.unreachable('expected a ContractError');
};

describe('an edited settlement moves no money', () => {
  it('the genuine first year funds the second with 150,000.00', () => {
    expect(y1.pools[0]!.carriedForward).toBe('50000.00');
    const y2 = settle(c, year2, { period: '2026-27', broughtForward: JSON.parse(JSON.stringify(y1)) as Settlement });
    expect(y2.pools[0]!.funding).toBe('150000.00');
    expect(y2.options.broughtForward).toEqual({ period: '2025-26', settlementHash: y1.settlementHash });
    expect(y2.resolution.broughtForward?.from?.settlementHash).toBe(y1.settlementHash);
  });

  it('refuses a first year whose carriedForward was raised from 50000.00 to 1050000.00 by hand', () => {
    const forged = edited((s) => {
      (s.pools as { carriedForward: string }[])[0]!.carriedForward = '1050000.00';
    });
    expect(refusal(() => settle(c, year2, { period: '2026-27', broughtForward: forged }))).toEqual([
      [
        'options.broughtForward.settlementHash',
        'edited_settlement',
        expect.stringMatching(
          /^the settlement given as options\.broughtForward has been edited since it was settled: its content hashes to [0-9a-f]{12}…, not to its settlementHash [0-9a-f]{12}…/,
        ),
      ],
    ]);
  });

  it('refuses a settlement with a party’s total raised by £1,000,000, wherever it is passed back', () => {
    const forged = edited((s) => {
      const party = (s.parties as { total: string }[])[0]!;
      party.total = (BigInt(party.total.replace('.', '')) + 100_000_000n).toString().replace(/(\d\d)$/, '.$1');
    });
    expect(forged.parties[0]!.total).not.toBe(y1.parties[0]!.total);
    expect(refusal(() => diffSettlements(forged, y1)).map(([path, code]) => [path, code])).toEqual([
      ['before.settlementHash', 'edited_settlement'],
    ]);
    expect(refusal(() => diffSettlements(y1, forged)).map(([path, code]) => [path, code])).toEqual([
      ['after.settlementHash', 'edited_settlement'],
    ]);
    expect(refusal(() => restate(forged, c, [measured('2025-26', '190')])).map(([path, code]) => [path, code])).toEqual(
      [['previous.settlementHash', 'edited_settlement']],
    );
    expect(refusal(() => explain(forged, forged.parties[0]!.trace.total)).map(([path, code]) => [path, code])).toEqual([
      ['settlement.settlementHash', 'edited_settlement'],
    ]);
  });

  it('refuses a settlement whose hash, or engine version, was rewritten', () => {
    const hash = edited((s) => {
      s.settlementHash = '0'.repeat(64);
    });
    const engine = edited((s) => {
      s.engine = { name: 'alliance-payments', version: '99.0.0' };
    });
    const inputs = edited((s) => {
      s.inputsHash = 'f'.repeat(64);
    });
    for (const forged of [hash, engine, inputs]) {
      expect(refusal(() => diffSettlements(forged, y1)).map(([, code]) => code)).toEqual(['edited_settlement']);
      expect(refusal(() => restate(forged, c, [measured('2025-26', '190')])).map(([, code]) => code)).toEqual([
        'edited_settlement',
      ]);
    }
  });

  it('accepts a settlement written to a file and read back, in any indentation', () => {
    for (const indent of [undefined, 2, '\t'] as const) {
      const read = JSON.parse(JSON.stringify(y1, null, indent)) as Settlement;
      expect(diffSettlements(read, y1).parties).toEqual([]);
    }
  });

  it('behind the hash, still checks the shape: a forger who recomputes the hash meets the schema', () => {
    const forged = resealed(edited((s) => (s.format = 1)));
    expect(refusal(() => diffSettlements(forged, y1)).map(([path, code]) => [path, code])).toEqual([
      ['before', 'invalid_settlement'],
    ]);
  });

  it('given with last year’s files, re-settles last year: a forger who recomputed the hash is caught', () => {
    const forged = resealed(
      edited((s) => {
        (s.pools as { carriedForward: string }[])[0]!.carriedForward = '1050000.00';
      }),
    );
    // the hash alone cannot catch it: the forger computed it again (what a hash proves, README)
    expect(settle(c, year2, { period: '2026-27', broughtForward: forged }).pools[0]!.funding).toBe('1150000.00');
    const files = { contract: c, measurements: [measured('2025-26', '190')] };
    expect(
      refusal(() => settle(c, year2, { period: '2026-27', broughtForward: { settlement: forged, ...files } })),
    ).toEqual([
      [
        'options.broughtForward.settlement',
        'brought_forward_not_reproduced',
        expect.stringContaining('verifySettlement(settlement, contract, measurements) names each difference'),
      ],
    ]);
    const genuine = settle(c, year2, { period: '2026-27', broughtForward: { settlement: copy(y1), ...files } });
    expect(genuine.pools[0]!.funding).toBe('150000.00');
    expect(JSON.stringify(genuine)).toBe(JSON.stringify(settle(c, year2, { period: '2026-27', broughtForward: y1 })));
  });

  it('given with last year’s files that are wrong, names them inside broughtForward', () => {
    const bad = [{ ...measured('2025-26', 'lots') }];
    try {
      settle(c, year2, { period: '2026-27', broughtForward: { settlement: y1, contract: c, measurements: bad } });
      expect.unreachable('expected a MeasurementError');
    } catch (error) {
      expect((error as MeasurementError).issues.map((i) => [i.path, i.code])).toEqual([
        ['options.broughtForward.measurements[0].value', 'invalid_decimal'],
      ]);
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ContractError,
  ENGINE_VERSION,
  settle,
  verifySettlement,
  type ContractInput,
  type MeasurementInput,
  type Settlement,
} from '../../src/index.js';
import { resealed } from '../fixtures/resealed.js';

/*
 * verifySettlement takes a saved settlement and the files it says it was made from, settles again
 * and names every difference (issue 13). The files: One Hackney's 2026-27 year end, settled with
 * what was known on 2027-05-31 (examples/one-hackney-alliance/expected/settlement-2026-27.json).
 */

const example = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/one-hackney-alliance/${file}`, import.meta.url), 'utf8'));
const contract = example('contract.json') as ContractInput & { pools: { metrics: Record<string, unknown>[] }[] };
const measurements = example('measurements.json') as MeasurementInput[];
const saved = example('expected/settlement-2026-27.json') as Settlement;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const kinds = (v: { differences: readonly { kind: string; path: string }[] }) =>
  v.differences.map((d) => [d.kind, d.path]);

describe('verifySettlement', () => {
  it('reproduces the saved settlement from its files, byte for byte', () => {
    const check = verifySettlement(saved, contract, measurements);
    expect(check.differences).toEqual([]);
    expect(check.reproduced).toBe(true);
    expect(JSON.stringify(check.settlement, null, 2)).toBe(JSON.stringify(saved, null, 2));
  });

  it('names a changed measurement: the measurements hash, the measurement in force, and the figures it moved', () => {
    // the final revision of emergency admissions 75+: 5712 / 22400 per 1,000 = 255 → 5600 / 22400 = 250
    const changed = measurements.map((m) =>
      m.metric === 'emergency-admissions-75' && m.revision === 2 ? { ...m, numerator: '5600' } : m,
    );
    const check = verifySettlement(saved, contract, changed);
    expect(check.reproduced).toBe(false);
    expect(kinds(check).slice(0, 2)).toEqual([
      ['measurements', 'measurementsHash'],
      ['measurement', 'measurements[emergency-admissions-75]'],
    ]);
    const measured = check.differences[1]!;
    expect([measured.expected, measured.found]).toEqual(['255 (revision 2, final)', '250 (revision 2, final)']);
    // every figure that moved starts at that measurement's node
    const figures = check.differences.filter((d) => d.kind === 'figure');
    expect(figures.length).toBeGreaterThan(0);
    const score = figures.find((d) => d.path === 'metrics[frailty-eol/emergency-admissions-75].score')!;
    expect(score.because).toEqual(['metric:emergency-admissions-75:measured']);
    expect(score.message).toContain('numerator 5712 → 5600');
    expect(kinds(check).some(([kind]) => kind === 'contract')).toBe(false);
  });

  it('names a changed parameter: the contract hash, and the figures that start at the scoring rule', () => {
    // the linear scale's max threshold moved from 235.8 to 240
    const varied = copy(contract);
    const metric = varied.pools[0]!.metrics.find((m) => m.id === 'emergency-admissions-75')!;
    metric.scoring = { type: 'linear', min: '262', max: '240' };
    const check = verifySettlement(saved, varied, measurements);
    expect(kinds(check)[0]).toEqual(['contract', 'contractHash']);
    const score = check.differences.find((d) => d.path === 'metrics[frailty-eol/emergency-admissions-75].score')!;
    expect(score.kind).toBe('figure');
    expect(score.because).toHaveLength(1);
    expect(score.message).toMatch(/max 235\.8 → 240/);
    expect(check.differences.some((d) => d.kind === 'measurements')).toBe(false);
  });

  it('names a changed option: verified without the knownAt it was settled with', () => {
    const check = verifySettlement(saved, contract, measurements, { knownAt: null });
    expect(kinds(check)[0]).toEqual(['option', 'options.knownAt']);
    expect(check.differences[0]!.message).toBe(
      'the document was settled with knownAt 2027-05-31 and is verified with knownAt (none)',
    );
    // a later revision came in after 2027-05-31 and is now in force
    expect(check.differences.filter((d) => d.kind === 'measurement').length).toBeGreaterThan(0);
    expect(check.differences.some((d) => d.kind === 'contract' || d.kind === 'measurements')).toBe(false);
  });

  it('names a changed rounding mode: the contract hash and the rounding the document records', () => {
    const varied = { ...copy(contract), rounding: { ...contract.rounding, mode: 'half-even' as const } };
    const check = verifySettlement(saved, varied, measurements);
    expect(kinds(check).slice(0, 2)).toEqual([
      ['contract', 'contractHash'],
      ['content', 'rounding.mode'],
    ]);
    expect(check.differences[1]).toMatchObject({ expected: 'half-up', found: 'half-even' });
  });

  it('catches a document with one figure edited, and says which figure', () => {
    const edited = copy(saved);
    (edited.parties[0] as { total: string }).total = '1.00';
    const check = verifySettlement(edited, contract, measurements);
    expect(kinds(check)).toEqual([
      ['edited', 'settlementHash'],
      ['figure', `parties[${saved.parties[0]!.id}].total`],
    ]);
    expect(check.differences[1]).toMatchObject({ expected: '1.00', found: saved.parties[0]!.total });
  });

  it('catches a document whose hash was edited, the figures being as settled', () => {
    const check = verifySettlement({ ...copy(saved), settlementHash: 'a'.repeat(64) }, contract, measurements);
    expect(kinds(check)).toEqual([['edited', 'settlementHash']]);
  });

  it('catches an option edited and resealed by a forger: the inputs hash no longer matches what it records', () => {
    const forged = resealed({ ...copy(saved), options: { ...saved.options, knownAt: null } });
    const check = verifySettlement(forged, contract, measurements);
    expect(kinds(check)[0]).toEqual(['edited', 'inputsHash']);
    expect(check.reproduced).toBe(false);
  });

  it('reports a document made by another engine version as such, the figures being compared', () => {
    const older = resealed({ ...copy(saved), engine: { name: 'alliance-payments' as const, version: '0.9.0' } });
    const check = verifySettlement(older, contract, measurements);
    expect(check.reproduced).toBe(false);
    expect(check.differences).toEqual([
      {
        kind: 'engine',
        path: 'engine.version',
        expected: '0.9.0',
        found: ENGINE_VERSION,
        message: `the document was made by alliance-payments 0.9.0 and is verified by ${ENGINE_VERSION}: the figures below are compared, but a document is reproduced only by the version that made it`,
      },
    ]);
  });

  it('refuses what is not a settlement, and an option it does not know, in its own words', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ContractError);
        return (error as ContractError).issues.map((i) => [i.path, i.code]);
      }
      return expect.unreachable('expected a ContractError');
    };
    expect(refused(() => verifySettlement({ parties: [] } as never, contract, measurements))).toEqual([
      ['document', 'invalid_settlement'],
    ]);
    expect(refused(() => verifySettlement(saved, contract, measurements, { knownat: '2027-05-31' } as never))).toEqual([
      ['options.knownat', 'unknown_option'],
    ]);
  });

  it('leaves the document, contract and measurements as they were', () => {
    const before = JSON.stringify([saved, contract, measurements]);
    verifySettlement(saved, contract, measurements, { knownAt: null });
    expect(JSON.stringify([saved, contract, measurements])).toBe(before);
  });
});

describe('verifySettlement with money brought forward', () => {
  it('brings forward again what the document records, and checks a previous year given is that one', async () => {
    const { twoYearsCarriedForward } = await import('../fixtures/time-contract.js');
    const c = twoYearsCarriedForward({ clause: 'Schedule 4 para 6' });
    const y1Measured: MeasurementInput[] = [{ metric: 'admissions', period: '2025-26', value: '190', status: 'final' }];
    const y2Measured: MeasurementInput[] = [{ metric: 'admissions', period: '2026-27', value: '171', status: 'final' }];
    const y1 = settle(c, y1Measured, { period: '2025-26' });
    const y2 = copy(settle(c, y2Measured, { period: '2026-27', broughtForward: y1 }));
    expect(verifySettlement(y2, c, y2Measured).differences).toEqual([]);
    expect(verifySettlement(y2, c, y2Measured, { broughtForward: y1 }).differences).toEqual([]);
    // another first year (200 against 200: nothing earned, 100,000.00 carried) is named as the option that differs
    const other = settle(c, [{ ...y1Measured[0]!, value: '200' }], { period: '2025-26' });
    const check = verifySettlement(y2, c, y2Measured, { broughtForward: other });
    expect(kinds(check)[0]).toEqual(['option', 'options.broughtForward']);
    expect(check.differences.some((d) => d.path === 'parties[provider].earned' || d.kind === 'figure')).toBe(true);
  });
});

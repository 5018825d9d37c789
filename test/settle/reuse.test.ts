import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';

/*
 * settle() works out once per validated pool what the contract alone decides, and reuses it.
 * These tests check that reuse is invisible: the same figures as a fresh contract, and no
 * settlement shares anything mutable with another.
 */

const read = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/one-hackney-alliance/${file}`, import.meta.url), 'utf8'));
const raw = read('contract.json');
const measurements = read('measurements.json') as MeasurementInput[];

describe('settling one validated contract many times', () => {
  it('gives byte-identical settlements to those of a freshly validated contract', () => {
    const contract = defineContract(raw);
    const first = JSON.stringify(settle(contract, measurements, { period: '2026-27' }));
    const again = JSON.stringify(settle(contract, measurements, { period: '2026-27' }));
    const fresh = JSON.stringify(settle(defineContract(raw), measurements, { period: '2026-27' }));
    expect(again).toBe(first);
    expect(fresh).toBe(first);
  });

  it('shares nothing mutable between two settlements', () => {
    const contract = defineContract(raw);
    const a = settle(contract, measurements, { period: '2026-27' });
    const b = settle(contract, measurements, { period: '2026-27' });
    const before = JSON.stringify(b);
    // overwrite every string and append to every array anywhere in the first settlement
    const scribble = (value: unknown): void => {
      if (Array.isArray(value)) {
        value.forEach(scribble);
        value.push('extra');
      } else if (typeof value === 'object' && value !== null) {
        const record = value as Record<string, unknown>;
        for (const key of Object.keys(record)) {
          if (typeof record[key] === 'string') record[key] = 'changed';
          else scribble(record[key]);
        }
      }
    };
    scribble(a);
    expect(JSON.stringify(b)).toBe(before);
  });

  it('follows a change of measurements between settlements', () => {
    const contract = defineContract(raw);
    const base = settle(contract, measurements, { period: '2026-27' });
    const better = measurements.map((m) =>
      m.metric === 'death-usual-residence' && m.numerator !== undefined ? { ...m, numerator: '660' } : m,
    );
    const changed = settle(contract, better, { period: '2026-27' });
    expect(changed.pools[0]!.earnedByScore).not.toBe(base.pools[0]!.earnedByScore);
    expect(settle(contract, measurements, { period: '2026-27' }).pools[0]!.earnedByScore).toBe(
      base.pools[0]!.earnedByScore,
    );
  });
});

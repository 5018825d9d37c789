import { describe, expect, it } from 'vitest';
import { validateContract } from '../../src/index.js';
import { Decimal } from '../../src/money/decimal.js';
import {
  applyStep,
  checkStep,
  sharingSteps,
  stepSchema,
  type Step,
  type StepCheckTools,
  type StepContext,
} from '../../src/share/index.js';

/*
 * The registry of sharing steps is the one list: each module is filed under its own type, the
 * step union is made of exactly their schemas (in the order the types are listed to the user),
 * and applying or checking a step is done by the module of its type.
 */

const ctx = (side: 'gain' | 'loss'): StepContext => ({
  side,
  budget: Decimal.parse('1000000')!,
  revenue: undefined,
  scale: 2,
  places: 18,
  mode: 'half-up',
  quality: () => ({ score: Decimal.ONE, input: { name: 'quality', value: '1' } }),
  measured: () => undefined,
  count: () => undefined,
});

const problems = (step: Step, revenueKnown = true) => {
  const found: { path: PropertyKey[]; code: string }[] = [];
  const tools: StepCheckTools = {
    add: (path, code) => found.push({ path, code }),
    warn: (path, code) => found.push({ path, code }),
    written: (path) => path.reduce<unknown>((here, key) => (here as Record<PropertyKey, unknown>)?.[key], step),
    checkMinorUnits: () => {},
    outcomePools: new Set(),
    revenueKnown,
  };
  checkStep(step, tools);
  return found;
};

const parse = (step: unknown): Step => stepSchema.parse(step);

describe('the registry of sharing steps', () => {
  it('files every module under its own type', () => {
    for (const [type, module] of Object.entries(sharingSteps)) expect(module.type).toBe(type);
  });

  it('makes the step union of exactly the registered schemas, in order', () => {
    expect(stepSchema.options).toEqual(Object.values(sharingSteps).map((module) => module.schema));
  });

  it('lists the registered types when a step has an unknown type', () => {
    const result = stepSchema.safeParse({ id: 's', type: 'corridoor' });
    expect(result.error?.issues[0]?.message).toBe(
      'step type must be one of "corridor", "rate", "bands", "cap", "deduction", "adjustment", "round", "gateway", got "corridoor"',
    );
  });
});

describe('applying a step through the registry', () => {
  it('shares only the part of a gain beyond a corridor', () => {
    const step = parse({ id: 'c', type: 'corridor', gain: '2', sharing: 'beyond-corridor' });
    expect(applyStep(step, Decimal.parse('50000')!, ctx('gain'), undefined).amount.toPlainString()).toBe('30000');
  });

  it('shares each slice of a loss at its band rate', () => {
    const step = parse({
      id: 'b',
      type: 'bands',
      loss: [
        { from: '0', to: '2', percent: '100' },
        { from: '2', percent: '50' },
      ],
    });
    expect(applyStep(step, Decimal.parse('30000')!, ctx('loss'), undefined).amount.toPlainString()).toBe('25000');
  });

  it('uses the loss rate a failed gateway set, in place of the declared one', () => {
    const step = parse({ id: 'r', type: 'rate', gain: { percent: '50' }, loss: { oneMinusGain: true } });
    const outcome = applyStep(step, Decimal.parse('10000')!, ctx('loss'), Decimal.parse('0.75')!);
    expect(outcome.amount.toPlainString()).toBe('7500');
  });

  it('leaves the amount alone on a side the step does not apply to', () => {
    const step = parse({ id: 'd', type: 'deduction', percent: '2' });
    const outcome = applyStep(step, Decimal.parse('1000')!, ctx('loss'), undefined);
    expect(outcome).toMatchObject({ applied: false, formula: 'not applied: a deduction from gains only' });
  });
});

describe('checking a parsed step through the registry', () => {
  it('reports paths relative to the step', () => {
    const step = parse({
      id: 'b',
      type: 'bands',
      gain: [
        { from: '0', to: '1', percent: '100' },
        { from: '3', percent: '50' },
      ],
    });
    expect(problems(step)).toEqual([{ path: ['gain', 1, 'from'], code: 'bands_gap' }]);
  });

  it('asks the pool whether its revenue can be known for a limit in per cent of it', () => {
    const step = parse({ id: 'c', type: 'cap', applies: 'gain', limits: [{ percentOfRevenue: '8' }] });
    expect(problems(step, true)).toEqual([]);
    expect(problems(step, false)).toEqual([{ path: ['limits', 0, 'percentOfRevenue'], code: 'revenue_unknown' }]);
  });

  it('has nothing to say about a step whose schema says it all', () => {
    expect(problems(parse({ id: 'r', type: 'round', places: 0 }))).toEqual([]);
  });
});

describe('a step that fails its own schema', () => {
  it('is reported by its schema only: its module checks parsed steps', () => {
    const contract = {
      id: 'c',
      name: 'C',
      version: '1',
      currency: 'GBP',
      term: { start: '2026-04-01', end: '2027-03-31' },
      periods: [{ id: '2026-27', start: '2026-04-01', end: '2027-03-31' }],
      parties: [
        { id: 'icb', name: 'ICB', role: 'commissioner' },
        { id: 'acute', name: 'Acute', role: 'provider' },
      ],
      pools: [
        {
          id: 'system',
          kind: 'risk-share',
          name: 'System',
          budget: '1000.00',
          outturn: { measure: 'spend' },
          commissioner: 'icb',
          // the gain rate is not an object, so the step fails its schema; "no percent" is not added
          steps: [{ id: 'rate', type: 'rate', gain: null }],
          order: ['rate'],
          distribution: { basis: 'equal' },
        },
      ],
    };
    const result = validateContract(contract);
    expect(result.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['pools[0].steps[0].gain', 'invalid_type'],
    ]);
  });
});

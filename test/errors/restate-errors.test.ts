import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resealed } from '../fixtures/resealed.js';
import {
  AllianceInputError,
  ContractError,
  defineContract,
  diffSettlements,
  restate,
  settle,
  type ContractInput,
  type MeasurementInput,
  type Settlement,
} from '../../src/index.js';
import { issue, thrownBy } from './expect-issues.js';
import { baseContract, baseMeasurements, deepFreeze, PERIOD, poolOf } from './fixtures.js';

/*
 * Settlements passed back into the library (to compare, restate or bring forward) are checked
 * like any other input: a value that is not one is a ContractError naming the argument, never a
 * TypeError from deep inside. And money carried between years is never dropped or swapped silently.
 */

const contract = defineContract(baseContract());
const measurements = baseMeasurements();
const settlement = settle(contract, measurements, { period: PERIOD });

const issuesOf = (run: () => unknown) => {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(ContractError);
  return (error as ContractError).issues;
};

describe('a value that is not a settlement', () => {
  it('is refused by diffSettlements, naming the argument, both at once', () => {
    expect(issuesOf(() => diffSettlements(null as never, settlement))).toEqual([
      issue('before', 'invalid_settlement', 'before must be a settlement as settle returned it, got null'),
    ]);
    expect(issuesOf(() => diffSettlements({} as never, settlement))).toEqual([
      issue('before', 'invalid_settlement', 'its contract, period, currency', 'are missing'),
    ]);
    expect(issuesOf(() => diffSettlements(settlement, 42 as never))).toEqual([
      issue('after', 'invalid_settlement', 'got 42'),
    ]);
    expect(issuesOf(() => diffSettlements(undefined as never, [] as never)).map((i) => i.path)).toEqual([
      'before',
      'after',
    ]);
  });

  it('names only what is wrong with an almost-settlement', () => {
    const { currency: _currency, ...noCurrency } = settlement;
    expect(issuesOf(() => diffSettlements(noCurrency as never, settlement))).toEqual([
      issue('before', 'invalid_settlement', 'its currency is missing or not as settle writes it'),
    ]);
    const badParty = { ...settlement, parties: [{ id: 'x' }] };
    expect(issuesOf(() => diffSettlements(settlement, badParty as never))).toEqual([
      issue('after', 'invalid_settlement', 'its parties is missing'),
    ]);
  });

  it('is refused by restate, naming `previous`', () => {
    expect(issuesOf(() => restate(null as never, contract, measurements))).toEqual([
      issue('previous', 'invalid_settlement', 'got null'),
    ]);
    expect(issuesOf(() => restate({} as never, contract, measurements))).toEqual([
      issue('previous', 'invalid_settlement', 'are missing'),
    ]);
    expect(issuesOf(() => restate('2026-27' as never, contract, measurements))).toEqual([
      issue('previous', 'invalid_settlement', 'got "2026-27"'),
    ]);
  });

  it('is refused as broughtForward, naming the option and saying what it must be', () => {
    const next = { period: '2027-28' };
    expect(
      issuesOf(() =>
        settle(contract, measurements, { ...next, broughtForward: { pools: [], resolution: {} } as never }),
      ),
    ).toEqual([
      issue(
        'options.broughtForward',
        'invalid_settlement',
        'its contract',
        'resolution',
        'or "none" when there is nothing to bring',
      ),
    ]);
    expect(issuesOf(() => settle(contract, measurements, { ...next, broughtForward: null as never }))).toEqual([
      issue('options.broughtForward', 'invalid_settlement', 'got null'),
    ]);
    expect(issuesOf(() => settle(contract, measurements, { ...next, broughtForward: 'nothing' as never }))).toEqual([
      issue('options.broughtForward', 'invalid_settlement', 'got "nothing"', '"none"'),
    ]);
    // a settlement split into segments has its parts checked too
    const split = { ...settlement, segments: [{ start: '2026-04-01', settlement: {} }] };
    expect(issuesOf(() => settle(contract, measurements, { ...next, broughtForward: split as never }))).toEqual([
      issue('options.broughtForward.segments[0].settlement', 'invalid_settlement', 'are missing'),
    ]);
  });

  it('never escapes as anything but a typed error, whatever a field of a real settlement holds', () => {
    const keys = Object.keys(settlement) as (keyof Settlement)[];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), fc.boolean(), (key, value, asBefore) => {
        const broken = { ...settlement, [key]: value } as Settlement;
        for (const run of [
          () => (asBefore ? diffSettlements(broken, settlement) : diffSettlements(settlement, broken)),
          () => restate(broken, contract, measurements),
          () => settle(contract, measurements, { period: '2027-28', broughtForward: broken }),
        ]) {
          try {
            run();
          } catch (error) {
            if (!(error instanceof AllianceInputError)) throw error;
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('leaves the settlements it is given untouched', () => {
    const frozen = deepFreeze(structuredClone(settlement));
    const copy = structuredClone(frozen);
    diffSettlements(frozen, frozen);
    restate(frozen, contract, measurements);
    expect(frozen).toEqual(copy);
  });
});

describe('money carried between years, refused rather than dropped or swapped', () => {
  const carrying = (currency: ContractInput['currency'] = 'GBP') => {
    const input = baseContract();
    input.currency = currency;
    poolOf(input).unearned = { to: 'next-year' };
    return defineContract(input);
  };
  const c = carrying();
  const nextYear: MeasurementInput[] = baseMeasurements().map((m) => ({ ...m, period: '2027-28' }));
  const all = [...measurements, ...nextYear];
  const first = settle(c, all, { period: PERIOD });

  it('refuses the second year without broughtForward (carry_forward_missing)', () => {
    expect(issuesOf(() => settle(c, all, { period: '2027-28' }))).toEqual([
      issue(
        'options.broughtForward',
        'carry_forward_missing',
        "pool 'outcomes' carries money from one contract year into the next",
        "the settlement of '2026-27'",
      ),
    ]);
  });

  it('reports it with the other bad options, all at once', () => {
    expect(
      issuesOf(() => settle(c, all, { period: '2027-28', asOf: '2030-01-01', knownAt: 'soon' })).map((i) => i.code),
    ).toEqual(['as_of_outside_period', 'invalid_date', 'carry_forward_missing']);
  });

  it('refuses a settlement of the previous year in another currency (currency_mismatch)', () => {
    // the same contract and year, but settled in euros: its carried-forward amounts are not pounds
    const inEuros = settle(carrying('EUR'), all, { period: PERIOD });
    expect(inEuros.pools[0]!.carriedForward).toBe(first.pools[0]!.carriedForward);
    expect(issuesOf(() => settle(c, all, { period: '2027-28', broughtForward: inEuros }))).toEqual([
      issue('options.broughtForward', 'currency_mismatch', 'broughtForward is in EUR, the contract in GBP'),
    ]);
  });

  it('refuses a restatement given another settlement of the previous year (different_brought_forward)', () => {
    const second = settle(c, all, { period: '2027-28', broughtForward: first });
    const otherFirst = settle(
      c,
      [...all.filter((m) => m.period !== PERIOD || m.metric !== 'ae-4h'), { ...measurements[0]!, value: '61' }],
      { period: PERIOD },
    );
    expect(otherFirst.inputsHash).not.toBe(first.inputsHash);
    expect(issuesOf(() => restate(second, c, all, { broughtForward: otherFirst }))).toEqual([
      issue(
        'options.broughtForward',
        'different_brought_forward',
        `the settlement of '2026-27' (settlement ${first.settlementHash.slice(0, 12)}`,
        `the settlement of '2026-27' (settlement ${otherFirst.settlementHash.slice(0, 12)}`,
        'diffSettlements',
      ),
    ]);
  });

  it('refuses a settlement whose record of what it brought forward is malformed', () => {
    const second = settle(c, all, { period: '2027-28', broughtForward: first });
    // edited and resealed, as a forger would, to reach the check behind the settlement hash
    const tampered = resealed({
      ...second,
      resolution: {
        ...second.resolution,
        broughtForward: { from: { period: 7 }, pools: [{ pool: 'outcomes', amount: 'lots' }] },
      },
    });
    expect(issuesOf(() => restate(tampered as never, c, all))).toEqual([
      issue('previous.resolution.broughtForward.from', 'invalid_settlement', '{"period":7}'),
      issue('previous.resolution.broughtForward.pools[0]', 'invalid_settlement', 'an amount in GBP', '"lots"'),
    ]);
  });

  it('refuses restating into another contract year (different_year)', () => {
    const second = settle(c, all, { period: '2027-28', broughtForward: first });
    expect(issuesOf(() => restate(second, c, all, { period: PERIOD }))).toEqual([
      issue('options.period', 'different_year', 'into the contract year 2027-04-01 to 2028-03-31'),
    ]);
  });
});

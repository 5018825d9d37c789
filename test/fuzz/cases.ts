import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  allocate,
  defineContract,
  diffSettlements,
  explain,
  proRata,
  restate,
  settle,
  splitIntoInstalments,
  validateContract,
} from '../../src/index.js';
import { contractArb, PERIOD } from '../properties/contract-arbitrary.js';
import { mutated, plausiblyMutated } from './mutate.js';
import type { Random } from './random.js';
import { DATES, DECIMALS, IDS, oddValue } from './values.js';

/*
 * The kinds of fuzzed input, each a function from a seeded stream to one call of the library: its
 * arguments (which the checks snapshot before and after), the call itself, and, where the result
 * must not depend on the order of order-free lists, the same call on shuffled arguments.
 */

/** One call of the library on fuzzed arguments. */
export interface FuzzCase {
  readonly kind: Kind;
  /** What was fuzzed, for the report: "settle: deleted pools.0.metrics.1.weight". */
  readonly how: string;
  /** The arguments, checked unchanged after the call. */
  readonly args: readonly unknown[];
  readonly call: (...args: never[]) => unknown;
  /** True when the result may be compared after shuffling every order-free list of the arguments. */
  readonly orderFree?: boolean;
}

export const KINDS = [
  'contract',
  'settle',
  'generated',
  'settlement',
  'allocate',
  'proRata',
  'splitIntoInstalments',
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * The share of each kind in a campaign (per 1,000): a settling kind costs 10 to 100 times a split,
 * so they are 4 % of the inputs (issue 12's first campaign had 10 %), and
 * test/fuzz/fuzz.test.ts runs them apart as well.
 */
export const WEIGHTS: Readonly<Record<Kind, number>> = {
  contract: 20,
  settle: 12,
  generated: 2,
  settlement: 6,
  allocate: 330,
  proRata: 315,
  splitIntoInstalments: 315,
};

const EXAMPLES_DIR = join(import.meta.dirname, '../../examples');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

interface Example {
  readonly name: string;
  readonly contract: unknown;
  readonly measurements: unknown;
  readonly period: string;
  readonly settlements: readonly unknown[];
}

/** Every bundled example, with its first period and the settlements it keeps in `expected/`. */
export const EXAMPLES: readonly Example[] = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => {
    const dir = join(EXAMPLES_DIR, name);
    const contract = readJson(join(dir, 'contract.json')) as { periods: { id: string }[] };
    return {
      name,
      contract,
      measurements: readJson(join(dir, 'measurements.json')),
      period: contract.periods[0]!.id,
      settlements: readdirSync(join(dir, 'expected'))
        .sort()
        .map((file) => readJson(join(dir, 'expected', file))),
    };
  });

const SETTLEMENTS = EXAMPLES.flatMap((example) => example.settlements.map((settlement) => ({ example, settlement })));

/** Options for settle: mostly right, sometimes odd. */
function settleOptions(random: Random, example: Example): unknown {
  const periods = (example.contract as { periods: { id: string; start: string; end: string }[] }).periods;
  const period = random.pick(periods);
  if (random.chance(0.85)) return { period: period.id };
  const options: Record<string, unknown> = { period: random.chance(0.8) ? period.id : oddValue(random) };
  if (random.chance(0.4)) options.asOf = random.chance(0.5) ? period.end : random.pick(DATES)();
  if (random.chance(0.3)) options.knownAt = random.pick(DATES)();
  if (random.chance(0.2)) options.broughtForward = random.chance(0.5) ? 'none' : oddValue(random);
  if (random.chance(0.1)) options[random.pick(['asAt', 'perod', '__proto__', 'constructor'])] = 'x';
  return random.chance(0.05) ? oddValue(random) : options;
}

function contractCase(random: Random): FuzzCase {
  const example = random.pick(EXAMPLES);
  const { value, how } = mutated(example.contract, random);
  const define = random.chance(0.3);
  return {
    kind: 'contract',
    how: `${example.name} ${define ? 'defineContract' : 'validateContract'}: ${how.join('; ')}`,
    args: [value],
    call: (define ? defineContract : validateContract) as never,
  };
}

function settleCase(random: Random): FuzzCase {
  const example = random.pick(EXAMPLES);
  const which = random.int(3); // 0: contract mutated, 1: measurements, 2: both
  // half the time figures changed as a real file changes, so that most settle and their figures are checked
  const mutate = random.chance(0.5) ? plausiblyMutated : mutated;
  const contract =
    which === 1 ? { value: structuredClone(example.contract), how: [] } : mutate(example.contract, random);
  const measurements =
    which === 0 ? { value: structuredClone(example.measurements), how: [] } : mutate(example.measurements, random);
  const options = settleOptions(random, example);
  return {
    kind: 'settle',
    how: `${example.name}: ${[...contract.how.map((h) => `contract ${h}`), ...measurements.how.map((h) => `measurements ${h}`)].join('; ')}; options ${describe(options)}`,
    args: [contract.value, measurements.value, options],
    call: settle as never,
    orderFree: true,
  };
}

const describe = (value: unknown): string => {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return typeof value;
  }
};

/** A valid contract from the property tests' arbitrary, sometimes with thousands of parties or metrics. */
function generatedCase(random: Random): FuzzCase {
  const [generated] = fc.sample(contractArb(), { seed: random.u32() | 0, numRuns: 1 });
  const { contract, measurements } = structuredClone(generated!);
  let how = 'generated';
  if (random.chance(0.3)) {
    // thousands of parties: copies of the providers, each contributing like the one it copies
    const n = random.pick([500, 2000, 5000]);
    const providers = contract.parties.filter((p) => p.role === 'provider');
    const extra = Array.from({ length: n }, (_, i) => ({ ...providers[i % providers.length]!, id: `p${i}` }));
    contract.parties.push(...extra);
    how = `generated with ${n} more parties`;
  } else if (random.chance(0.3)) {
    const pool = contract.pools[0]!;
    const n = random.pick([200, 1000, 3000]);
    const metric = pool.metrics[0]!;
    const old = new Set(pool.metrics.map((m) => m.id));
    pool.metrics = Array.from({ length: n }, (_, i) => ({ ...structuredClone(metric), id: `m${i}` }));
    for (const m of pool.metrics) delete (m as { weight?: unknown }).weight;
    const template = measurements.find((m) => m.metric === metric.id);
    const kept = measurements.filter((m) => !old.has(m.metric));
    measurements.splice(0, measurements.length, ...kept);
    if (template) measurements.push(...pool.metrics.map((m) => ({ ...template, metric: m.id })));
    how = `generated with ${n} metrics in ${pool.id}`;
  }
  const mutate = random.chance(0.4);
  const c = mutate ? mutated(contract, random) : { value: contract, how: [] };
  return {
    kind: 'generated',
    how: [how, ...c.how].join('; '),
    args: [c.value, measurements, { period: PERIOD }],
    call: settle as never,
    orderFree: true,
  };
}

/** A settlement passed back, malformed, to explain, diffSettlements, restate or settle's broughtForward. */
function settlementCase(random: Random): FuzzCase {
  const { example, settlement } = random.pick(SETTLEMENTS);
  const bad = random.chance(0.85)
    ? mutated(settlement, random)
    : { value: structuredClone(settlement), how: ['as kept'] };
  const odd = random.chance(0.1) ? oddValue(random) : bad.value;
  const how = `${example.name} settlement ${bad.how.join('; ')}`;
  switch (random.int(4)) {
    case 0: {
      const trace = (settlement as { trace?: Record<string, unknown> }).trace ?? {};
      const node = random.chance(0.8) ? random.pick(Object.keys(trace)) : random.pick(IDS)();
      const depth = random.chance(0.8) ? undefined : random.pick([0, 1, -1, NaN, Infinity, 1e9, '2']);
      return {
        kind: 'settlement',
        how: `explain ${how}`,
        args: depth === undefined ? [odd, node] : [odd, node, depth],
        call: explain as never,
      };
    }
    case 1: {
      const other = structuredClone(settlement);
      const args = random.chance(0.5) ? [odd, other] : [other, odd];
      return { kind: 'settlement', how: `diffSettlements ${how}`, args, call: diffSettlements as never };
    }
    case 2:
      return {
        kind: 'settlement',
        how: `restate ${how}`,
        args: [odd, structuredClone(example.contract), structuredClone(example.measurements)],
        call: restate as never,
      };
    default: {
      const periods = (example.contract as { periods: { id: string }[] }).periods;
      const period = periods[1]?.id ?? periods[0]!.id;
      return {
        kind: 'settlement',
        how: `settle broughtForward ${how}`,
        args: [
          structuredClone(example.contract),
          structuredClone(example.measurements),
          { period, broughtForward: odd },
        ],
        call: settle as never,
      };
    }
  }
}

const CURRENCY_CODES = ['GBP', 'USD', 'JPY', 'KWD', 'EUR', 'gbp', 'XXX', '', 'GBPX'];

/** A plain decimal of a few digits at most `places` decimals, signed sometimes. */
function plainDecimal(random: Random, places: number, negative: boolean): string {
  const digits = random.pick([1, 2, 4, 9, 15, 25, 40]);
  let whole = String(random.int(10) || 1);
  for (let i = 1; i < digits; i++) whole += String(random.int(10));
  if (random.chance(0.3)) whole = '0';
  const fraction =
    places > 0 && random.chance(0.7) ? `.${Array.from({ length: places }, () => random.int(10)).join('')}` : '';
  return `${negative && random.chance(0.3) ? '-' : ''}${whole}${fraction}`;
}

function amountArg(random: Random): unknown {
  if (random.chance(0.1)) return oddValue(random);
  const currency = random.chance(0.9) ? random.pick(CURRENCY_CODES.slice(0, 5)) : random.pick(CURRENCY_CODES);
  const places = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
  const amount = random.chance(0.85) ? plainDecimal(random, places, true) : random.pick(DECIMALS)();
  const total: Record<string, unknown> = { amount, currency };
  if (random.chance(0.03)) total[random.pick(['__proto__', 'constructor', 'curency'])] = { polluted: 'yes' };
  return total;
}

function allocateCase(random: Random): FuzzCase {
  const total = amountArg(random);
  let weights: unknown;
  if (random.chance(0.1)) weights = oddValue(random);
  else {
    const n = random.chance(0.02) ? random.pick([1000, 5000]) : random.pick([1, 2, 3, 4, 5, 7, 10, 30, 100]);
    const w: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const id = random.chance(0.05) ? String(random.pick(IDS)()) : `party-${random.int(n * 2)}`;
      w[id] = random.chance(0.9)
        ? random.chance(0.2)
          ? '1'
          : plainDecimal(random, random.int(6), false)
        : random.pick(DECIMALS)();
    }
    if (random.chance(0.03)) Object.defineProperty(w, '__proto__', { value: '1', enumerable: true });
    weights = random.chance(0.05) ? Object.entries(w) : w;
  }
  return {
    kind: 'allocate',
    how: `allocate ${describe(total)} ${describe(weights)}`,
    args: [total, weights],
    call: allocate as never,
  };
}

/** A date, mostly real and inside 1900-2999, sometimes at or past the edges. */
function dateArg(random: Random): unknown {
  if (random.chance(0.08)) return random.pick(DATES)();
  const year = random.chance(0.003)
    ? random.pick([1900, 2999])
    : random.chance(0.05)
      ? random.pick([2000, 2100, 2028])
      : 2020 + random.int(12);
  const month = 1 + random.int(12);
  const day = 1 + random.int(random.chance(0.2) ? 31 : 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function spanArg(random: Random): unknown {
  if (random.chance(0.05)) return oddValue(random);
  const a = dateArg(random);
  const b = dateArg(random);
  const ordered = typeof a === 'string' && typeof b === 'string' && a > b && random.chance(0.9) ? [b, a] : [a, b];
  return { start: ordered[0], end: ordered[1] };
}

function calendarOptions(random: Random): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (random.chance(0.6))
    options.dayCount = random.chance(0.9) ? random.pick(['actual/actual', 'twelfths']) : random.pick(IDS)();
  if (random.chance(0.3)) options.monthEnd = random.chance(0.9) ? random.pick(['clamp', 'end-of-month']) : 'x';
  if (random.chance(0.03)) options[random.pick(['daycount', '__proto__', 'constructor'])] = 'x';
  return options;
}

function proRataCase(random: Random): FuzzCase {
  const period = spanArg(random);
  let part = spanArg(random);
  const p = period as { start?: unknown; end?: unknown } | null;
  if (random.chance(0.6) && typeof p === 'object' && p !== null && typeof p.start === 'string') {
    part = { start: random.chance(0.5) ? p.start : dateArg(random), end: p.end };
  }
  const options = random.chance(0.05) ? oddValue(random) : random.chance(0.3) ? undefined : calendarOptions(random);
  const args = options === undefined ? [part, period] : [part, period, options];
  return { kind: 'proRata', how: `proRata ${describe(args)}`, args, call: proRata as never };
}

function instalmentsCase(random: Random): FuzzCase {
  const total = amountArg(random);
  const period = spanArg(random);
  let options: unknown;
  if (random.chance(0.05)) options = oddValue(random);
  else {
    const o = calendarOptions(random);
    o.frequency = random.chance(0.95)
      ? random.pick(['month', 'quarter', 'half-year', 'year'])
      : random.pick([undefined, 'week', 12]);
    if (random.chance(0.3)) o.due = random.pick(['start', 'end', 'middle']);
    if (random.chance(0.15)) o.active = spanArg(random);
    options = o;
  }
  const args = [total, period, options];
  return {
    kind: 'splitIntoInstalments',
    how: `splitIntoInstalments ${describe(args)}`,
    args,
    call: splitIntoInstalments as never,
  };
}

const MAKERS: Readonly<Record<Kind, (random: Random) => FuzzCase>> = {
  contract: contractCase,
  settle: settleCase,
  generated: generatedCase,
  settlement: settlementCase,
  allocate: allocateCase,
  proRata: proRataCase,
  splitIntoInstalments: instalmentsCase,
};

/** The case a stream draws: its kind by the weights, then its arguments. */
export function drawCase(random: Random, weights: Readonly<Record<Kind, number>> = WEIGHTS): FuzzCase {
  const total = KINDS.reduce((n, kind) => n + weights[kind], 0);
  let roll = random.int(total);
  for (const kind of KINDS) {
    roll -= weights[kind];
    if (roll < 0) return MAKERS[kind](random);
  }
  return MAKERS.allocate(random);
}

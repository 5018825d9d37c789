import fc from 'fast-check';
import type { ContractInput, MeasurementInput, OutcomePoolInput } from '../../src/index.js';

/*
 * A fast-check arbitrary for random VALID contracts (with measurements for every metric and
 * gateway) for the settlement property tests. It draws raw "knobs" and then builds a contract
 * that passes `defineContract`, following src/contract/schema.ts and validate.ts:
 * ids match /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/; GBP amounts have at most 2 decimals; each party
 * contributes at most once per pool, a percentage of contract value only with a contract value,
 * at most 100 % of it across pools; linear thresholds are ordered with the direction; improvement
 * needs a baseline above zero and min < max; bands better-is-not-lower; metric weights are all
 * left out or integers adding up to 100; fixed shares cover exactly the eligible providers and
 * add up to 100; a contract-value split needs contract values for every accountable provider,
 * and no split may have weights that are all zero.
 */

export const PERIOD = 'p1';

type PartyInput = ContractInput['parties'][number];
type PoolInput = OutcomePoolInput;
type MetricInput = PoolInput['metrics'][number];
type ScoringInput = MetricInput['scoring'];
type GatewayInput = NonNullable<PoolInput['gateways']>[number];
type ContributionInput = PoolInput['contributions'][number];
type DestinationInput = PoolInput['unearned'];
type Basis = NonNullable<PoolInput['distribution']>['basis'];

export interface Generated {
  readonly contract: Omit<ContractInput, 'pools'> & { pools: OutcomePoolInput[] };
  readonly measurements: MeasurementInput[];
}

// ---------------------------------------------------------------------------------------------
// Exact text helpers, independent of the code under test

/** `units / 10^scale` as plain decimal text. */
export function text(units: bigint, scale: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** Plain text with trailing zeros after the point removed ("12.50" → "12.5", "3.00" → "3"). */
export const trim = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

/** A plain decimal string as an integer at `scale` decimals (it must not have more). */
export function unitsOf(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  if (fraction.length > scale) throw new Error(`${value} has more than ${scale} decimals`);
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -units : units;
}

const bit = (mask: number, index: number) => index < 30 && ((mask >>> index) & 1) === 1;

/** Integers adding up to `total`, in proportion to `raw` (all to the first when raw is all zero). */
function integersSummingTo(raw: readonly number[], total: number): number[] {
  const sum = raw.reduce((s, r) => s + r, 0);
  if (sum === 0) return raw.map((_, i) => (i === 0 ? total : 0));
  const out = raw.map((r) => Math.floor((r * total) / sum));
  let left = total - out.reduce((s, r) => s + r, 0);
  for (let i = 0; left > 0; i = (i + 1) % out.length) {
    if (raw[i]! > 0) {
      out[i]! += 1;
      left--;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Raw knobs

/** Ids; the few that read like "NaN", "undefined" or "Infinity" are left out so that text checks stay meaningful. */
const idArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,7}$/).filter((s) => !/nan|inf|undef|null/i.test(s));

/** An amount of money (pence), written with 2 decimals or trimmed. */
const moneyArb = fc
  .tuple(
    fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 2n, 100n) },
      { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 5000n }) },
      { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 11n }) },
    ),
    fc.boolean(),
  )
  .map(([units, short]) => (short ? trim(text(units, 2)) : text(units, 2)));

/** A percentage from 0 to 50 with up to 2 decimals (two pools at most, so never over 100 % at risk). */
const percentArb = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5000 })), fc.boolean())
  .map(([hundredths, short]) => (short ? trim(text(BigInt(hundredths), 2)) : text(BigInt(hundredths), 2)));

const partyRawArb = fc.record({
  id: idArb,
  provider: fc.boolean(),
  contractValue: fc.option(moneyArb, { nil: undefined, freq: 4 }),
  kind: fc.option(fc.constantFrom('acute trust', 'council', 'GP confederation'), { nil: undefined }),
});

const scoringKinds = ['linear', 'bands', 'binary', 'improvement', 'gap-to-goal'] as const;

const metricRawArb = fc.record({
  id: idArb,
  higher: fc.boolean(),
  kind: fc.constantFrom(...scoringKinds),
  // thousandths
  a: fc.integer({ min: -100_000, max: 100_000 }),
  b: fc.integer({ min: -100_000, max: 100_000 }),
  bandThresholds: fc.uniqueArray(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 1, maxLength: 5 }),
  bandScores: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 5, maxLength: 5 }),
  baseline: fc.integer({ min: 1, max: 1_000_000 }),
  target: fc.integer({ min: 1, max: 1_000_000 }),
  floor: fc.integer({ min: 0, max: 99_999 }),
  weightRaw: fc.integer({ min: 0, max: 10 }),
  accountableMask: fc.option(fc.integer({ min: 0, max: 2 ** 30 - 1 }), { nil: undefined }),
  // the measured value: a random one, or a point along the rule's range from worst (0) to best (1000)
  randomValue: fc.option(fc.integer({ min: -200_000, max: 200_000 }), { nil: undefined, freq: 4 }),
  position: fc.integer({ min: -300, max: 1300 }),
  valueScale: fc.integer({ min: 0, max: 4 }),
  provisional: fc.boolean(),
  pool: fc.nat(),
});
type MetricRaw = typeof metricRawArb extends fc.Arbitrary<infer T> ? T : never;

const destinationRawArb = fc.record({
  to: fc.constantFrom('contributors', 'commissioner', 'earning-providers'),
  pick: fc.nat(),
});

const gatewayRawArb = fc.record({
  id: idArb,
  scope: fc.constantFrom('pool', 'provider'),
  useMetric: fc.boolean(),
  metricPick: fc.nat(),
  higher: fc.boolean(),
  threshold: fc.integer({ min: -3, max: 3 }),
  missing: fc.constantFrom(undefined, 'error', 'fail'),
  // one value for a pool gateway (index 0), one per eligible provider (1..); null: not measured
  values: fc.array(fc.option(fc.integer({ min: -5, max: 5 }), { nil: null, freq: 5 }), {
    minLength: 31,
    maxLength: 31,
  }),
});

const contributionRawArb = fc.record({
  kind: fc.constantFrom('none', 'none', 'fixed', 'percent', 'percent'),
  amount: moneyArb,
  percent: percentArb,
});

const poolRawArb = fc.record({
  id: idArb,
  eligibleMask: fc.option(fc.integer({ min: 0, max: 2 ** 30 - 1 }), { nil: undefined }),
  basis: fc.constantFrom<Basis>('contract-value', 'equal', 'contribution', 'fixed'),
  shareRaw: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 30, maxLength: 30 }),
  contributions: fc.array(contributionRawArb, { minLength: 30, maxLength: 30 }),
  weighted: fc.boolean(),
  unearned: destinationRawArb,
  forfeited: fc.option(destinationRawArb, { nil: undefined }),
  gateways: fc.uniqueArray(gatewayRawArb, { maxLength: 3, selector: (g) => g.id }),
});

const roundingArb = fc.option(
  fc.record(
    { mode: fc.constantFrom('half-up', 'half-even'), point: fc.constantFrom('pool', 'metric') },
    { requiredKeys: [] },
  ),
  { nil: undefined, freq: 5 },
);

// ---------------------------------------------------------------------------------------------
// Scoring rules and measured values

/** The rule, and its range of values from worst to best at 6 decimals, to draw measured values along. */
function scoringOf(raw: MetricRaw): { scoring: ScoringInput; baseline?: string; worst: bigint; best: bigint } {
  const t3 = (n: number) => trim(text(BigInt(n), 3));
  const k = 1000n; // 3 → 6 decimals
  switch (raw.kind) {
    case 'linear': {
      const lo = Math.min(raw.a, raw.b);
      const hi = raw.a === raw.b ? raw.a + 1 : Math.max(raw.a, raw.b);
      const [min, max] = raw.higher ? [lo, hi] : [hi, lo];
      return { scoring: { type: 'linear', min: t3(min), max: t3(max) }, worst: BigInt(min) * k, best: BigInt(max) * k };
    }
    case 'bands': {
      const thresholds = [...raw.bandThresholds].sort((x, y) => x - y);
      const scores = raw.bandScores.slice(0, thresholds.length).sort((x, y) => x - y);
      if (!raw.higher) scores.reverse(); // lower is better: the smallest threshold is the best band
      const bands = thresholds.map((threshold, i) => ({ threshold: t3(threshold), score: t3(scores[i]!) }));
      const lo = BigInt(thresholds[0]! - 1000) * k;
      const hi = BigInt(thresholds[thresholds.length - 1]! + 1000) * k;
      return { scoring: { type: 'bands', bands }, worst: raw.higher ? lo : hi, best: raw.higher ? hi : lo };
    }
    case 'binary': {
      const lo = BigInt(raw.a - 1000) * k;
      const hi = BigInt(raw.a + 1000) * k;
      return {
        scoring: { type: 'binary', target: t3(raw.a) },
        worst: raw.higher ? lo : hi,
        best: raw.higher ? hi : lo,
      };
    }
    case 'improvement': {
      // min and max improvement in per cent (thousandths), min < max
      const lo = Math.min(raw.a, raw.b) / 10;
      const hi = raw.a === raw.b ? lo + 1 : Math.max(raw.a, raw.b) / 10;
      const min = Math.trunc(lo);
      const max = Math.max(Math.trunc(hi), min + 1);
      const baseline = BigInt(raw.baseline); // thousandths, above zero
      // value at improvement p %: baseline × (1 ± p / 100); at 6 decimals: baseline(3) × (100000 ± p(3)) / 100
      const at = (p: number) => (baseline * (100_000n + (raw.higher ? 1n : -1n) * BigInt(p))) / 100n;
      return {
        scoring: { type: 'improvement', min: t3(min), max: t3(max) },
        baseline: t3(raw.baseline),
        worst: at(min),
        best: at(max),
      };
    }
    case 'gap-to-goal': {
      const target = BigInt(raw.target);
      return {
        scoring: { type: 'gap-to-goal', target: t3(raw.target), floor: t3(raw.floor) },
        worst: raw.higher ? (target * BigInt(raw.floor)) / 100n : target * k * 2n + 1n,
        best: target * k,
      };
    }
  }
}

function measuredValue(raw: MetricRaw, worst: bigint, best: bigint): string {
  if (raw.randomValue !== undefined) return trim(text(BigInt(raw.randomValue), 3));
  const at6 = worst + ((best - worst) * BigInt(raw.position)) / 1000n;
  return text(at6 / 10n ** BigInt(6 - raw.valueScale), raw.valueScale);
}

// ---------------------------------------------------------------------------------------------
// The contract

export function contractArb(): fc.Arbitrary<Generated> {
  return fc
    .record({
      parties: fc.uniqueArray(partyRawArb, { minLength: 2, maxLength: 30, size: 'max', selector: (p) => p.id }),
      pools: fc.uniqueArray(poolRawArb, { minLength: 1, maxLength: 2, selector: (p) => p.id }),
      metrics: fc.uniqueArray(metricRawArb, { minLength: 1, maxLength: 40, size: 'max', selector: (m) => m.id }),
      rounding: roundingArb,
    })
    .map(build);
}

function build(raw: {
  parties: (typeof partyRawArb extends fc.Arbitrary<infer T> ? T : never)[];
  pools: (typeof poolRawArb extends fc.Arbitrary<infer T> ? T : never)[];
  metrics: MetricRaw[];
  rounding: { mode?: 'half-up' | 'half-even'; point?: 'pool' | 'metric' } | undefined;
}): Generated {
  // Parties: the first is a commissioner, the second a provider with a contract value.
  const parties: PartyInput[] = raw.parties.map((p, i) => {
    const provider = i === 1 || (i > 1 && p.provider);
    const contractValue = provider ? (i === 1 ? (p.contractValue ?? '1000000.00') : p.contractValue) : undefined;
    return {
      id: p.id,
      name: `Party ${p.id}`,
      role: provider ? 'provider' : 'commissioner',
      ...(p.kind !== undefined ? { kind: p.kind } : {}),
      ...(contractValue !== undefined ? { contractValue } : {}),
    };
  });
  const providers = parties.filter((p) => p.role === 'provider').map((p) => p.id);
  const commissioners = parties.filter((p) => p.role === 'commissioner').map((p) => p.id);
  const contractValue = new Map(parties.map((p) => [p.id, p.contractValue]));
  const hasValue = (party: string) => contractValue.get(party) !== undefined;

  const poolCount = Math.min(raw.pools.length, raw.metrics.length);
  const metricsOfPool = raw.pools.slice(0, poolCount).map(() => [] as MetricRaw[]);
  raw.metrics.forEach((m, i) => metricsOfPool[i < poolCount ? i : m.pool % poolCount]!.push(m));

  const measurements: MeasurementInput[] = [];
  const measured = new Set<string>();
  const measure = (metric: string, value: string, provisional: boolean, party?: string) => {
    const key = `${metric}\u0000${party ?? ''}`;
    if (measured.has(key)) return;
    measured.add(key);
    measurements.push({
      metric,
      period: PERIOD,
      ...(party !== undefined ? { party } : {}),
      value,
      status: provisional ? 'provisional' : 'final',
    });
  };

  const pools: PoolInput[] = raw.pools.slice(0, poolCount).map((poolRaw, poolIndex) => {
    const metricRaws = metricsOfPool[poolIndex]!;

    // Who may earn
    let eligible: string[] | undefined;
    if (poolRaw.eligibleMask !== undefined) {
      const chosen = providers.filter((_, i) => bit(poolRaw.eligibleMask!, i));
      if (chosen.length > 0) eligible = chosen;
    }
    let basis: Basis = poolRaw.basis;
    if (basis === 'contract-value' && !(eligible ?? providers).every(hasValue)) {
      const valued = (eligible ?? providers).filter(hasValue);
      if (valued.length > 0) eligible = valued;
      else basis = 'equal';
    }
    const canEarn = eligible ?? providers;

    // Contributions, one per party at most; a percentage only of a contract value
    const contributions: ContributionInput[] = [];
    // party → whether its exact contribution is above zero (what the validator looks at). A tiny
    // percentage can be above zero exactly yet round to 0.00 in the engine; that case is kept on purpose.
    const exact = new Map<string, boolean>();
    parties.forEach((party, i) => {
      const c = poolRaw.contributions[i]!;
      if (c.kind === 'none') return;
      if (c.kind === 'percent' && hasValue(party.id)) {
        contributions.push({ party: party.id, percentOfContractValue: c.percent });
        exact.set(party.id, unitsOf(contractValue.get(party.id)!, 2) > 0n && unitsOf(c.percent, 2) > 0n);
      } else {
        contributions.push({ party: party.id, amount: c.amount });
        exact.set(party.id, unitsOf(c.amount, 2) > 0n);
      }
    });
    if (contributions.length === 0) {
      contributions.push({ party: commissioners[0]!, amount: poolRaw.contributions[0]!.amount });
      exact.set(commissioners[0]!, unitsOf(poolRaw.contributions[0]!.amount, 2) > 0n);
    }

    // Fixed shares: tenths of a per cent over the eligible providers, adding up to 100
    const tenths = integersSummingTo(
      canEarn.map((_, i) => poolRaw.shareRaw[i % 30]!),
      1000,
    );
    const shares = Object.fromEntries(canEarn.map((party, i) => [party, trim(text(BigInt(tenths[i]!), 1))]));

    const positiveWeight = (party: string, b: Basis): boolean => {
      if (b === 'equal') return true;
      if (b === 'fixed') return shares[party] !== '0';
      if (b === 'contribution') return exact.get(party) ?? false;
      return unitsOf(contractValue.get(party)!, 2) > 0n;
    };
    // A split whose weights are all zero (contract values, contributions or fixed shares) is
    // refused by the validator: nobody could be paid for that metric.
    const splitOk = (accountable: readonly string[], b: Basis) => accountable.some((p) => positiveWeight(p, b));

    const accountables = metricRaws.map((m) => {
      if (m.accountableMask === undefined) return undefined;
      const chosen = canEarn.filter((_, i) => bit(m.accountableMask!, i));
      return chosen.length > 0 && splitOk(chosen, basis) ? chosen : undefined;
    });
    if (!splitOk(canEarn, basis)) basis = 'equal';

    const weights = poolRaw.weighted
      ? integersSummingTo(
          metricRaws.map((m) => m.weightRaw),
          100,
        )
      : undefined;

    const metrics: MetricInput[] = metricRaws.map((m, i) => {
      const { scoring, baseline, worst, best } = scoringOf(m);
      measure(m.id, measuredValue(m, worst, best), m.provisional);
      const accountable = accountables[i];
      return {
        id: m.id,
        name: `Metric ${m.id}`,
        unit: 'per cent',
        direction: m.higher ? 'higher-is-better' : 'lower-is-better',
        ...(baseline !== undefined ? { baseline } : {}),
        ...(weights ? { weight: String(weights[i]!) } : {}),
        ...(accountable ? { accountable } : {}),
        scoring,
      };
    });

    const destination = (d: { to: 'contributors' | 'commissioner' | 'earning-providers'; pick: number }) =>
      (d.to === 'commissioner'
        ? { to: 'commissioner', party: commissioners[d.pick % commissioners.length]! }
        : { to: d.to }) as DestinationInput;

    const gateways: GatewayInput[] = poolRaw.gateways.map((g, gatewayIndex) => {
      // gateway measures of their own are longer than any metric id, so they never collide
      const measureId = g.useMetric
        ? metricRaws[g.metricPick % metricRaws.length]!.id
        : `gateway-measure-${poolIndex}-${gatewayIndex}`;
      const missing = g.missing;
      const take = (value: number | null, party?: string) => {
        if (value === null && missing === 'fail') return; // not measured: fails by its policy
        measure(measureId, String(value ?? 0), false, party);
      };
      if (g.scope === 'pool') {
        if (!g.useMetric) take(g.values[0]!);
      } else canEarn.forEach((party, i) => take(g.values[1 + i]!, party));
      return {
        id: g.id,
        name: `Gateway ${g.id}`,
        scope: g.scope,
        measure: measureId,
        direction: g.higher ? 'higher-is-better' : 'lower-is-better',
        threshold: String(g.threshold),
        ...(missing !== undefined ? { missing } : {}),
      };
    });

    return {
      id: poolRaw.id,
      kind: 'outcome',
      name: `Pool ${poolRaw.id}`,
      contributions,
      ...(eligible ? { eligible } : {}),
      // contract value is the default basis: sometimes said, sometimes left out
      ...(basis === 'contract-value' && poolRaw.shareRaw[0]! % 2 === 0
        ? {}
        : { distribution: basis === 'fixed' ? { basis, shares } : { basis } }),
      metrics,
      ...(gateways.length > 0 ? { gateways } : {}),
      unearned: destination(poolRaw.unearned),
      ...(poolRaw.forfeited ? { forfeited: destination(poolRaw.forfeited) } : {}),
    };
  });

  const rounding = raw.rounding;
  const contract: Generated['contract'] = {
    id: 'property-contract',
    name: 'Generated alliance contract',
    version: '1',
    currency: 'GBP',
    term: { start: '2026-04-01', end: '2027-03-31' },
    periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
    ...(rounding ? { rounding } : {}),
    parties,
    pools,
  };
  return { contract, measurements };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, restate, settle, type MeasurementInput } from '../../src/index.js';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const contract = defineContract(read('contract.json'));
const measurements = read('measurements.json') as MeasurementInput[];
const pence = (amount: string) => BigInt(amount.replace('.', ''));

// The year as it happened: a year-to-date settlement after quarter two on the provisional data
// received in October; the year end on the final data received in May; and a restatement after
// ONS revised the deaths figure in June. The one measurements file keeps every revision.
const q2 = settle(contract, measurements, { period: '2026-27', asOf: '2026-09-30', knownAt: '2026-10-31' });
const yearEnd = settle(contract, measurements, { period: '2026-27', knownAt: '2027-05-31' });
const restated = restate(yearEnd, contract, measurements);
const final = restated.settlement;
const party = (id: string, s = yearEnd) => s.parties.find((p) => p.id === id)!;
const metric = (id: string, s = yearEnd) => s.metrics.find((m) => m.id === id)!;

describe('the One Hackney-style alliance example, 2026-27 year end', () => {
  it('pro-rates the pharmacy network that joins on 1 October: 182 of 365 days', () => {
    // 1,460,000.00 × 182 / 365 = 728,000.00; 1.5 % at risk = 10,920.00; guaranteed 717,080.00
    expect(party('pharmacy').contractValue).toBe('728000.00');
    expect(party('pharmacy').contributed).toBe('10920.00');
    expect(party('pharmacy').guaranteed).toBe('717080.00');
    expect(yearEnd.resolution.inForce).toEqual([
      expect.objectContaining({ party: 'pharmacy', from: '2026-10-01', to: '2027-03-31', fraction: '182/365' }),
    ]);
  });

  it('funds the pool with the ICB’s £1m and 1.5 % of every provider’s contract value', () => {
    // the seven founding providers' contract values add up to £347,680,000.00; 1.5 % is £5,215,200.00;
    // + the pharmacy network's £10,920.00 + the ICB's £1,000,000.00 = £6,226,120.00
    expect(yearEnd.pools[0]!.funding).toBe('6226120.00');
    expect(party('acute').contributed).toBe('2730000.00'); // 1.5 % × £182,000,000.00
    expect(party('acute').guaranteed).toBe('179270000.00');
  });

  it('scores each outcome from the final measurements as the contract says', () => {
    // admissions: 5,712 / 22,400 × 1,000 = 255 per 1,000; linear from 262 (score 0) to 235.8 (score 1):
    // (255 − 262) / (235.8 − 262) = 7 / 26.2 = 0.267175572519083969 (18 places, half-even)
    expect(metric('emergency-admissions-75').measured).toBe('255');
    expect(metric('emergency-admissions-75').score).toBe('0.267175572519083969');
    // deaths at home: 624 / 1,200 × 100 = 52 %; linear 46 → 56: (52 − 46) / 10 = 0.6
    expect(metric('death-usual-residence').score).toBe('0.6');
    // delayed transfers: (1,240 − 1,054) / 1,240 = 15 % improvement; 0 % → 20 %: 0.75
    expect(metric('delayed-transfers').score).toBe('0.75');
    // care plans: 2,361 / (3,050 − 18) × 100 = 77.87 %, in the 75 % band: 0.5
    expect(metric('shared-care-plans').score).toBe('0.5');
    expect(yearEnd.measurements.every((m) => m.status === 'final' && m.revision <= 2)).toBe(true);
  });

  it('earns funding × weighted score, rounded once for the pool', () => {
    // 0.35 × 0.267175572519083969 + 0.25 × 0.6 + 0.2 × 0.75 + 0.2 × 0.5 = 0.49351145038167938915
    // × £6,226,120.00 = £3,072,661.5114…, rounded half-up: £3,072,661.51
    expect(yearEnd.pools[0]!.score).toBe('0.49351145038167938915');
    expect(yearEnd.pools[0]!.earnedByScore).toBe('3072661.51');
  });

  it('pays the pharmacy network only for care plans, the one outcome it shares', () => {
    // care plans: 20 % × 6,226,120.00 = 1,245,224.00 at risk, × 0.5 = 622,612.00, split by contract
    // value over all eight providers (347,680,000.00 + 728,000.00 = 348,408,000.00):
    // 622,612.00 × 728,000 / 348,408,000 = 1,300.9504… → 1,300.95
    expect(party('pharmacy').earned).toBe('1300.95');
  });

  it('forfeits the out-of-hours provider’s part for missing data returns and redistributes it to the others', () => {
    const pool = yearEnd.pools[0]!;
    expect(party('out-of-hours').earned).toBe('0.00');
    expect(pool.forfeited).toBe(party('out-of-hours').pools[0]!.forfeited);
    const redistributed = yearEnd.parties.reduce((s, p) => s + pence(p.redistributed), 0n);
    expect(redistributed).toBe(pence(pool.forfeited));
  });

  it('returns the unearned money to the ICB and conserves the pool to the penny', () => {
    expect(party('nel-icb').returned).toBe(yearEnd.pools[0]!.unearned);
    expect(yearEnd.pools[0]!.conservation).toEqual({ in: '6226120.00', out: '6226120.00', difference: '0.00' });
    expect(yearEnd.status).toBe('final');
  });
});

describe('payments on account and the year-end reconciliation', () => {
  it('pays the pharmacy network its guaranteed value monthly from October, by days', () => {
    // 717,080.00 over the 182 days from October: 3,940.00 a day; 31-day months 122,140.00,
    // November 118,200.00, February 110,320.00
    const schedule = yearEnd.paymentsOnAccount.find((s) => s.id === 'contract-value-monthly')!;
    const row = schedule.parties.find((p) => p.party === 'pharmacy')!;
    expect(row.instalments.map((i) => [i.due, i.amount])).toEqual([
      ['2026-10-01', '122140.00'],
      ['2026-11-01', '118200.00'],
      ['2026-12-01', '122140.00'],
      ['2027-01-01', '122140.00'],
      ['2027-02-01', '110320.00'],
      ['2027-03-01', '122140.00'],
    ]);
  });

  it('pays 80 % of the incentive on account and reconciles it at the year end', () => {
    // at full score the pharmacy network would earn its share of care plans: 1,245,224.00 × 728,000 /
    // 348,408,000 = 2,601.9008… → 2,601.90; 80 % = 2,081.52 paid on account.
    // paid: 717,080.00 + 2,081.52 = 719,161.52; entitled: 717,080.00 + 1,300.95 earned + its
    // share of the out-of-hours forfeit, 16.99 = 718,397.94; balance −763.58, due back from it
    const incentive = yearEnd.paymentsOnAccount.find((s) => s.id === 'incentive-on-account')!;
    expect(incentive.parties.find((p) => p.party === 'pharmacy')!.year).toBe('2081.52');
    expect(party('pharmacy').reconciliation).toMatchObject({
      entitlement: '718397.94',
      paidOnAccount: '719161.52',
      balance: '-763.58',
      direction: 'due-from-party',
    });
  });

  it('gives every provider a balance of its total less what it was paid on account', () => {
    for (const p of yearEnd.parties.filter((p) => p.role === 'provider')) {
      const r = p.reconciliation!;
      expect(pence(r.balance)).toBe(pence(p.total) - pence(r.paidOnAccount));
    }
    // what the ICB paid on account under both schedules is what the providers received
    const paid = yearEnd.paymentsOnAccount.reduce((s, schedule) => s + pence(schedule.paid), 0n);
    const received = yearEnd.parties.reduce((s, p) => s + pence(p.reconciliation?.paidOnAccount ?? '0'), 0n);
    expect(paid).toBe(received);
  });
});

describe('the quarter-two settlement of the year to date', () => {
  it('is provisional, on the revision-1 figures known by October, for 183 of 365 days', () => {
    expect(q2.status).toBe('provisional');
    expect(q2.resolution.partOfYear).toBe('183 of 365 days (actual/actual)');
    expect(q2.measurements.every((m) => m.revision === 1 && m.status === 'provisional')).toBe(true);
  });

  it('cuts the year’s amounts to April–September and leaves out the pharmacy network, not yet a member', () => {
    // the ICB's 1,000,000.00 over the year's months by days (April 82,191.78, May 84,931.51, June
    // 82,191.78, July 84,931.51, August 84,931.51, September 82,191.78) = 501,369.87
    expect(q2.pools[0]!.contributions.find((c) => c.party === 'nel-icb')!.amount).toBe('501369.87');
    expect(party('pharmacy', q2).contractValue).toBe('0.00');
    expect(q2.resolution.inForce).toEqual([
      expect.objectContaining({ party: 'pharmacy', from: null, to: null, proRata: '0 of 183 days (actual/actual)' }),
    ]);
  });

  it('scores the rolling twelve months to September', () => {
    // admissions 5,824 / 22,400 × 1,000 = 260 → 2 / 26.2 = 0.076335877862595420; deaths 51 % → 0.5;
    // delayed transfers 10 % → 0.5; care plans 70 % → 0.25
    // pool: 0.35 × 0.07633587786259542 + 0.125 + 0.1 + 0.05 = 0.301717557251908397
    expect(q2.pools[0]!.score).toBe('0.301717557251908397');
  });
});

describe('the restatement after ONS revised the deaths figure', () => {
  it('uses revision 3, 630 / 1,200 = 52.5 % → 0.65, and keeps the year-end settlement', () => {
    expect(restated.previous).toBe(yearEnd);
    expect(metric('death-usual-residence', final).score).toBe('0.65');
    expect(restated.diff.kind).toBe('restatement');
    expect(restated.diff.measurements).toEqual([
      expect.objectContaining({
        metric: 'death-usual-residence',
        from: expect.objectContaining({ revision: 2, value: '52' }),
        to: expect.objectContaining({ revision: 3, value: '52.5' }),
      }),
    ]);
  });

  it('moves exactly the change in the metric’s payment from the ICB to the providers', () => {
    // at risk on deaths: 25 % × 6,226,120.00 = 1,556,530.00; × 0.6 = 933,918.00; × 0.65 = 1,011,744.50;
    // change +77,826.50, which the ICB no longer gets back as unearned
    const change = restated.diff.metrics[0]!.changes.find((c) => c.figure === 'earnedByScore')!;
    expect(change).toMatchObject({ from: '933918.00', to: '1011744.50', difference: '77826.50' });
    const icb = restated.diff.parties.find((p) => p.id === 'nel-icb')!;
    expect(icb.changes.find((c) => c.figure === 'returned')!.difference).toBe('-77826.50');
    const providers = restated.diff.parties
      .filter((p) => p.id !== 'nel-icb')
      .reduce((s, p) => s + pence(p.changes.find((c) => c.figure === 'total')!.difference!), 0n);
    expect(providers).toBe(pence('77826.50'));
  });

  it('gives each accountable provider its contract-value share of the change, traced to revision 3', () => {
    // mental health: 77,826.50 × 61,200,000 / 165,680,000 (the six accountable providers) = 28,748.0794… → 28,748.07
    const earned = restated.diff.parties
      .find((p) => p.id === 'mental-health')!
      .changes.find((c) => c.figure === 'earned')!;
    expect(earned.difference).toBe('28748.07');
    expect(earned.because).toContain('metric:death-usual-residence:measured');
    const origin = restated.diff.origins.find((o) => o.node === 'metric:death-usual-residence:measured')!;
    expect(origin.inputs).toEqual(expect.arrayContaining([{ name: 'revision', from: '2', to: '3' }]));
  });
});

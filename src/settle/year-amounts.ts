import type { Contract, Party } from '../contract/schema.js';
import { Decimal, RATIO_DECIMAL_PLACES, unitsText } from '../money/decimal.js';
import type { RoundingMode } from '../money/rounding.js';
import { minorUnits } from '../money/currency.js';
import {
  amountForSpan,
  fractionText,
  scaleUnits,
  type Calendar,
  type ProRata,
  type Span,
  type YearParts,
} from '../period/index.js';
import type { Cutter } from '../pools/context.js';
import { contributionsOnTheYear } from '../pools/index.js';
import type { AdjustedAmount } from './resolve.js';

/** A declared year amount in minor units (or finer, as declared), with the steps taken so far. */
interface Working {
  units: bigint;
  readonly scale: number;
  readonly steps: string[];
}

/** A party's time in force within a span, when less than all of it. */
interface InForce {
  readonly from: string;
  readonly to: string;
  readonly proRata: ProRata;
}

/** A contribution worked out on the year, and its part for what is settled. */
interface YearContribution {
  readonly pool: string;
  readonly path: string;
  readonly declared: string;
  readonly working: Working;
  readonly part: bigint;
}

/** What cutting needs to know of the settlement: the year, what is settled, and each party's time in force. */
export interface Settled {
  readonly year: Span;
  readonly coverage: Span;
  readonly calendar: Calendar;
  readonly mode: RoundingMode;
  /** The year cut into parts, when less than the whole year is settled. */
  readonly parts: YearParts | null;
  readonly partOfYear: ProRata | null;
  /** Per party in force for only part of what is settled. */
  readonly factors: ReadonlyMap<string, InForce>;
  /** For a part of a year: per party in force for only part of the year. */
  readonly inYear: ReadonlyMap<string, InForce>;
}

/**
 * The contract's year amounts cut to what is settled (a part of the year, the days one version
 * was in force), each pro-rated once for a party's time in force, with every change recorded as
 * an adjusted amount with its working. A part of a year is split over the year's months first
 * (as monthly instalments split it), then each month over its parts, so parts add up to the year.
 */
export class YearAmounts {
  readonly adjusted: AdjustedAmount[] = [];
  private readonly minor: number;
  /** Per party: its contributions to pools worked out on the year (only for a part of a year). */
  private readonly contributions = new Map<string, YearContribution[]>();

  constructor(
    private readonly contract: Contract,
    private readonly settled: Settled,
  ) {
    this.minor = minorUnits(contract.currency);
    if (settled.parts) this.contributeOnTheYear();
  }

  /** The year's amount for `party`: pro-rated once for its days in force in the year, when fewer than all. */
  private forYear(declared: string, party?: string): Working {
    const { parts, inYear, mode } = this.settled;
    const value = Decimal.parse(declared) ?? Decimal.ZERO; // validated: a decimal string
    const scale = Math.max(this.minor, value.decimalPlaces);
    const working: Working = { units: value.toUnits(scale, mode), scale, steps: [] };
    const partial = parts && party !== undefined ? inYear.get(party) : undefined;
    if (partial) {
      const before = unitsText(working.units, scale);
      working.units = scaleUnits(working.units, partial.proRata.fraction, mode);
      working.steps.push(
        `${before} × ${fractionText(partial.proRata.fraction)} for ${party}'s time in force in the year ${partial.from} to ${partial.to} (${partial.proRata.text}), rounded ${mode} → ${unitsText(working.units, scale)}`,
      );
    }
    return working;
  }

  /**
   * A year amount cut to what is settled: split over the year's months (those `party` is in force
   * in), then each month over its parts, so the parts of a year add up to the year's amount; for
   * a whole year, only pro-rated for `party`'s time in force.
   */
  private cut(working: Working, party?: string): bigint {
    const { parts, inYear, factors, coverage, calendar, partOfYear, mode } = this.settled;
    const { units, scale, steps } = working;
    if (parts) {
      const partial = party === undefined ? undefined : inYear.get(party);
      const within = partial === undefined ? undefined : { start: partial.from, end: partial.to };
      const part = amountForSpan(units, parts, coverage, scale, within);
      steps.push(
        `split over the year's months${within ? ' in force' : ''} by ${calendar.dayCount}, then each month over its parts (largest remainder): ${coverage.start} to ${coverage.end} is ${partOfYear?.text ?? '1'} → ${unitsText(part, scale)}`,
      );
      return part;
    }
    const inForceHere = party === undefined ? undefined : factors.get(party);
    if (!inForceHere) return units;
    const part = scaleUnits(units, inForceHere.proRata.fraction, mode);
    steps.push(
      `${unitsText(units, scale)} × ${fractionText(inForceHere.proRata.fraction)} for ${party}'s time in force ${inForceHere.from} to ${inForceHere.to} (${inForceHere.proRata.text}), rounded ${mode} → ${unitsText(part, scale)}`,
    );
    return part;
  }

  private note(path: string, declared: string, units: bigint, working: Working): string {
    const text = unitsText(units, working.scale);
    if (working.steps.length > 0)
      this.adjusted.push({ path, declared, value: text, formula: working.steps.join('; ') });
    return text;
  }

  /** A declared amount for what is settled: the year's amount cut to the coverage, pro-rated for `party`'s time in force. */
  amount(path: string, declared: string, party?: string): string {
    const working = this.forYear(declared, party);
    return this.note(path, declared, this.cut(working, party), working);
  }

  // For a part of a year, what a party puts into outcome pools is worked out on the year (a
  // percentage of the year's contract value is a year amount) and cut like any other amount.
  private contributeOnTheYear(): void {
    const { mode } = this.settled;
    const places = this.contract.rounding?.ratioDecimalPlaces ?? RATIO_DECIMAL_PLACES;
    for (const pool of this.contract.pools) {
      for (const c of contributionsOnTheYear(pool)) {
        const path = `pools[${pool.id}].contributions[party=${c.party}].amount`;
        let working: Working;
        let declared: string;
        if (c.amount !== undefined) {
          declared = c.amount;
          working = this.forYear(c.amount, c.party);
        } else {
          const value = this.contract.parties.find((p) => p.id === c.party)?.contractValue;
          const percent = Decimal.of(c.percentOfContractValue);
          if (value === undefined) continue;
          const year = this.forYear(value, c.party);
          const exact = Decimal.fromUnits(year.units, year.scale).times(percent).dividedBy(Decimal.HUNDRED, places);
          declared = `${c.percentOfContractValue} % of ${value}`;
          working = {
            units: exact.toUnits(this.minor, mode),
            scale: this.minor,
            steps: [
              `${c.percentOfContractValue} % of the year's contract value ${unitsText(year.units, year.scale)} = ${exact.toPlainString()}, rounded ${mode} → ${unitsText(exact.toUnits(this.minor, mode), this.minor)}`,
            ],
          };
        }
        const copy = { ...working, steps: [...working.steps] };
        const entry = { pool: pool.id, path, declared, working: copy, part: this.cut(copy, c.party) };
        let list = this.contributions.get(c.party);
        if (!list) this.contributions.set(c.party, (list = []));
        list.push(entry);
      }
    }
  }

  /** A party's contribution to a pool for the part of the year, when it was worked out on the year. */
  contributionPart(pool: string, party: string): string | undefined {
    const entry = this.contributions.get(party)?.find((e) => e.pool === pool);
    return entry && this.note(entry.path, entry.declared, entry.part, entry.working);
  }

  /** A party with its contract value for what is settled. */
  party(p: Party): Party {
    if (p.contractValue === undefined) return p;
    const { coverage } = this.settled;
    const path = `parties[${p.id}].contractValue`;
    const atRisk = this.contributions.get(p.id);
    if (!atRisk) return { ...p, contractValue: this.amount(path, p.contractValue, p.id) };
    // The guaranteed payment (the value less what is at risk) is cut as one amount, as its monthly
    // instalments are, so a year to date at a month end is what those instalments paid; the
    // value for the part is that plus the parts at risk.
    const working = this.forYear(p.contractValue, p.id);
    const lift = (units: bigint, e: YearContribution) => units * 10n ** BigInt(working.scale - e.working.scale);
    const guaranteedYear = atRisk.reduce((g, e) => g - lift(e.working.units, e), working.units);
    const guaranteed = this.cut({ units: guaranteedYear, scale: working.scale, steps: [] }, p.id);
    const value = atRisk.reduce((v, e) => v + lift(e.part, e), guaranteed);
    working.steps.push(
      `less ${atRisk.map((e) => `${unitsText(e.working.units, e.working.scale)} at risk in pool ${e.pool}`).join(', ')} = the year's guaranteed ${unitsText(guaranteedYear, working.scale)}, cut to ${coverage.start} to ${coverage.end} → ${unitsText(guaranteed, working.scale)}; plus ${atRisk.map((e) => `${unitsText(e.part, e.working.scale)} at risk in pool ${e.pool}`).join(', ')} for the part → ${unitsText(value, working.scale)}`,
    );
    return { ...p, contractValue: this.note(path, p.contractValue, value, working) };
  }

  /** What a pool kind is given to cut its own amounts (`pools/`). */
  cutter(yearId: string): Cutter {
    const { parts, coverage, partOfYear, mode } = this.settled;
    return {
      yearId,
      partOfYear: parts !== null,
      amount: (path, declared, party) => this.amount(path, declared, party),
      contributionPart: (pool, party) => this.contributionPart(pool, party),
      cutWhole: (units) => (parts ? amountForSpan(units, parts, coverage, this.minor) : units),
      settled: `${coverage.start} to ${coverage.end}${partOfYear ? ` (${partOfYear.text})` : ''}`,
      adjust: (path, declared, value, formula) => this.adjusted.push({ path, declared, value, formula }),
      minorUnits: this.minor,
      mode,
    };
  }
}

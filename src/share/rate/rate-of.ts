import { Decimal } from '../../money/decimal.js';
import type { Rate } from '../schema.js';
import { fraction, plain, unvalidated, type StepContext, type StepInput } from '../step.js';

/** A rate worked out: the fraction, and how it was found. */
export interface WorkedRate {
  readonly rate: Decimal;
  readonly formula: string;
  readonly inputs: StepInput[];
}

/**
 * A rate spec worked out: its percentage (times a quality score if it has one), or 1 − the gain
 * rate, then held between its floor and ceiling.
 * @param gainRate - the gain rate worked out, for a loss rate of 1 − the gain rate
 * @example
 * // { percent: '50', quality: { measure: 'q' } } with q = 0.8: 50 % × 0.8 = 0.4
 * // { oneMinusGain: true, floor: '40' } with a gain rate of 0.7: 1 − 0.7 = 0.3, raised to the floor 0.4
 */
export function rateOf(spec: Rate, ctx: StepContext, gainRate?: () => WorkedRate): WorkedRate {
  let rate: Decimal;
  let formula: string;
  const inputs: StepInput[] = [];
  if (spec.oneMinusGain) {
    const gain = (gainRate ?? unvalidated('"oneMinusGain" with no gain rate to take 1 − of'))();
    rate = Decimal.ONE.minus(gain.rate);
    formula = `1 − gain rate ${plain(gain.rate)} = ${plain(rate)}`;
    inputs.push({ name: 'gain rate', value: plain(gain.rate) }, ...gain.inputs);
  } else {
    const percent = spec.percent ?? unvalidated('a rate with neither "percent" nor "oneMinusGain"');
    rate = fraction(percent);
    formula = `${percent} %`;
    inputs.push({ name: 'rate', value: `${percent} %` });
    if (spec.quality) {
      const { score, input } = ctx.quality(spec.quality);
      rate = rate.times(score);
      formula += ` × quality score ${plain(score)} = ${plain(rate)}`;
      inputs.push(input);
    }
  }
  if (spec.floor !== undefined && rate.lt(fraction(spec.floor))) {
    rate = fraction(spec.floor);
    formula += `, raised to the floor of ${spec.floor} %`;
    inputs.push({ name: 'floor', value: `${spec.floor} %` });
  }
  if (spec.ceiling !== undefined && rate.gt(fraction(spec.ceiling))) {
    rate = fraction(spec.ceiling);
    formula += `, lowered to the ceiling of ${spec.ceiling} %`;
    inputs.push({ name: 'ceiling', value: `${spec.ceiling} %` });
  }
  return { rate, formula, inputs };
}

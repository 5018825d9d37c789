import { listed, said } from '../../base/errors.js';
import type { Rate } from '../schema.js';
import { checkSomeSide, checkUnit, decimalOf, type StepCheckTools } from '../step.js';
import type { RateStep } from './index.js';

/**
 * The checks of a rate step that its schema cannot make: each side gives "percent" or (loss
 * only, with a gain rate) "oneMinusGain", a quality score comes from one source that exists, and
 * a floor is not above its ceiling.
 */
export function checkRateStep(step: RateStep, tools: StepCheckTools): void {
  checkSomeSide(step, tools);
  for (const side of ['gain', 'loss'] as const) {
    const spec = step[side];
    if (spec !== undefined) checkRate(spec, side, step, tools);
  }
}

function checkRate(spec: Rate, side: 'gain' | 'loss', step: RateStep, tools: StepCheckTools): void {
  const { add } = tools;
  const stepId = step.id;
  checkUnit(tools, [side, 'percent'], `the ${side} sharing rate of step '${stepId}'`, 'refuse');
  checkUnit(tools, [side, 'floor'], `the ${side} rate floor of step '${stepId}'`, 'refuse');
  checkUnit(tools, [side, 'ceiling'], `the ${side} rate ceiling of step '${stepId}'`, 'refuse');
  const hasPercent = spec.percent !== undefined;
  const hasOneMinus = spec.oneMinusGain !== undefined;
  if (!hasPercent && !hasOneMinus)
    add(
      [side],
      'rate_missing',
      `the ${side} rate of step '${stepId}' needs "percent"${side === 'loss' ? ' or "oneMinusGain"' : ''}`,
    );
  if (hasPercent && hasOneMinus)
    add(
      [side],
      'rate_conflict',
      `the ${side} rate of step '${stepId}' gives both "percent" and "oneMinusGain"; give one`,
    );
  if (hasOneMinus && side === 'gain')
    add([side, 'oneMinusGain'], 'one_minus_gain_on_gain', '"oneMinusGain" belongs on the loss side');
  if (hasOneMinus && side === 'loss' && step.gain === undefined)
    add(
      [side, 'oneMinusGain'],
      'one_minus_gain_without_gain',
      `the loss rate of step '${stepId}' is 1 − the gain rate, but the step declares no gain rate`,
    );
  if (spec.quality !== undefined) {
    const quality = spec.quality;
    if ((quality.measure !== undefined) === (quality.pool !== undefined))
      add([side, 'quality'], 'quality_source', 'a quality score comes from exactly one of "measure" or "pool"');
    else if (quality.pool !== undefined && !tools.outcomePools.has(quality.pool))
      add(
        [side, 'quality', 'pool'],
        'unknown_pool',
        `'${said(quality.pool)}' is not an outcome pool of this contract (outcome pools: ${listed(tools.outcomePools)})`,
      );
    if (hasOneMinus)
      add([side, 'quality'], 'rate_conflict', 'a rate of 1 − the gain rate takes its quality from the gain rate');
  }
  if (spec.floor !== undefined && spec.ceiling !== undefined && decimalOf(spec.floor).gt(decimalOf(spec.ceiling)))
    add(
      [side, 'floor'],
      'floor_above_ceiling',
      `the ${side} rate floor of step '${stepId}' (${spec.floor} %) is above its ceiling (${spec.ceiling} %)`,
    );
}

import type { Decimal } from '../../money/decimal.js';
import { checkUnit, decimalOf, type StepCheckTools } from '../step.js';
import type { BandsStep } from './index.js';

/**
 * The checks of a bands step that its schema cannot make: on each side the bands start at 0 %,
 * each starts where the one before ends (no gap, no overlap), each ends after it starts, and only
 * the last leaves out "to".
 */
export function checkBands(step: BandsStep, tools: StepCheckTools): void {
  const { add } = tools;
  for (const side of ['gain', 'loss'] as const) {
    const bands = step[side] ?? [];
    let previousTo: Decimal | undefined;
    bands.forEach((band, j) => {
      const which = `${side} band ${j + 1} of step '${step.id}'`;
      checkUnit(tools, [side, j, 'percent'], `the share of ${which}`, 'refuse');
      checkUnit(tools, [side, j, 'from'], `the start of ${which}`, 'warn');
      checkUnit(tools, [side, j, 'to'], `the end of ${which}`, 'warn');
      const from = decimalOf(band.from);
      const to = band.to === undefined ? undefined : decimalOf(band.to);
      if (j === 0 && !from.isZero())
        add([side, 0, 'from'], 'bands_not_from_zero', `the first ${side} band must start at 0 %, not ${band.from} %`);
      else if (j > 0 && previousTo !== undefined && from.gt(previousTo))
        add(
          [side, j, 'from'],
          'bands_gap',
          `${side} band ${j + 1} starts at ${band.from} % but band ${j} ends at ${previousTo.toPlainString()} %: a gap`,
        );
      else if (j > 0 && previousTo !== undefined && from.lt(previousTo))
        add(
          [side, j, 'from'],
          'bands_overlap',
          `${side} band ${j + 1} starts at ${band.from} % but band ${j} ends at ${previousTo.toPlainString()} %: they overlap`,
        );
      if (band.to === undefined && j < bands.length - 1)
        add([side, j, 'to'], 'band_open_not_last', `only the last ${side} band may leave out "to" (and above)`);
      if (to && to.lte(from))
        add(
          [side, j, 'to'],
          'band_empty',
          `${side} band ${j + 1} ends (${band.to} %) at or before it starts (${band.from} %)`,
        );
      previousTo = to;
    });
  }
}

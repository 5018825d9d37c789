import { said } from '../../base/errors.js';
import { Decimal } from '../../money/decimal.js';
import type { CheckTools } from '../check-tools.js';
import { list, record, type Raw } from '../../base/raw.js';

/**
 * The checks of a points scheme that its schema cannot make: the payer is a commissioner, the
 * participants are providers, indicator ids are unique, and each lower threshold is below its
 * upper threshold.
 */

export function checkPointsScheme(pool: Raw, at: (...rest: PropertyKey[]) => PropertyKey[], tools: CheckTools): void {
  const { add, checkMinorUnits, checkUnique, mustBeParty } = tools;
  mustBeParty(pool.payer, at('payer'), 'commissioner');
  list(pool.participants).forEach((party, i) => mustBeParty(party, at('participants', i), 'provider'));
  checkMinorUnits(pool.valuePerPoint, at('valuePerPoint'));
  const indicators = list(pool.indicators);
  checkUnique(indicators, at('indicators'), 'indicator');
  indicators.forEach((item, i) => {
    const indicator = record(item);
    const lower = Decimal.parse(indicator.lower);
    const upper = Decimal.parse(indicator.upper);
    const lowerIsBetter = indicator.direction === 'lower-is-better';
    if (lower && upper && (lowerIsBetter ? !lower.gt(upper) : !lower.lt(upper)))
      add(
        at('indicators', i, 'lower'),
        'thresholds_out_of_order',
        `indicator '${said(indicator.id)}' earns points from its lower threshold to its upper one, so ${lowerIsBetter ? 'as lower is better the lower threshold must be above the upper' : 'the lower threshold must be below the upper'} (got ${said(indicator.lower)} and ${said(indicator.upper)})`,
      );
  });
}

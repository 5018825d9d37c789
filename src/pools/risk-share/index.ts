import type { RiskSharePool } from './schema.js';
import { signedShares, type PoolKind } from '../kind.js';
import { cutRiskSharePool } from './cut.js';
import { settleRiskSharePool } from './settle.js';

/**
 * Risk-share pools: a budget against the measured outturn; the surplus or deficit shared by
 * declared steps (`share/`) in a declared order, the alliance's share split between its members.
 * @example
 * // budget £100m, outturn £96m: a £4m surplus; a 50 % rate gives the alliance £2m
 */
export const riskSharePools: PoolKind<RiskSharePool> = {
  kind: 'risk-share',
  reads(pool, into) {
    // the outturn, gateway, quality and schedule measures, and a distribution measure
    into.measures.add(pool.outturn.measure);
    if (pool.distribution.measure) into.measures.add(pool.distribution.measure);
    for (const step of pool.steps) {
      if (step.type === 'gateway') into.measures.add(step.measure);
      if (step.type === 'rate')
        for (const spec of [step.gain, step.loss]) if (spec?.quality?.measure) into.measures.add(spec.quality.measure);
      if (step.type === 'corridor')
        for (const schedule of [step.gainSchedule, step.lossSchedule])
          if (schedule) into.measures.add(schedule.measure);
    }
  },
  cut: cutRiskSharePool,
  carriesForward: (pool) => pool.deficit === 'carry-forward',
  settle: (pool, ctx, earlier) =>
    signedShares(settleRiskSharePool(pool, ctx, earlier), 'riskShares', (into, result) => into.riskShares.push(result)),
};

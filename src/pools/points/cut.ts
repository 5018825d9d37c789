import type { PointsScheme } from './schema.js';
import type { Cutter } from '../context.js';

/** A points scheme for what is settled: the value of a point is a year amount, cut to the part of the year. */
export const cutPointsScheme = (pool: PointsScheme, cutter: Cutter): PointsScheme => ({
  ...pool,
  valuePerPoint: cutter.amount(`pools[${pool.id}].valuePerPoint`, pool.valuePerPoint),
});

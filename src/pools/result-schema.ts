import * as z from 'zod';
import { figure, resultObject, traceRefs } from '../base/trace.js';

/** A party's part in one risk-share pool, pooled budget, points scheme or rate card, signed: + it receives, − it bears or pays. */
export const partySharedStatementSchema = resultObject({
  pool: z.string(),
  shared: figure,
  trace: traceRefs(['shared']),
});

export type PartyRiskShareStatement = z.infer<typeof partySharedStatementSchema>;

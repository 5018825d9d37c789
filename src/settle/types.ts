/**
 * The settlement's types, inferred from its schema (`settle/schema.ts`) and from each pool kind's
 * result schema (`pools/<kind>/result-schema.ts`); gathered here for the modules that fill them.
 */
export type {
  MetricResult,
  GatewayResult,
  PoolAllocationPart,
  PartyAmount,
  PoolResult,
  PartyPoolStatement,
} from '../pools/outcome/result-schema.js';
export type { RiskShareStepResult, RiskSharePart, RiskSharePoolResult } from '../pools/risk-share/result-schema.js';
export type { PooledBudgetResult } from '../pools/pooled-budget/result-schema.js';
export type { PointsSchemeResult } from '../pools/points/result-schema.js';
export type { RateCardResult } from '../pools/rate-card/result-schema.js';
export type {
  Settlement,
  SettlementSegment,
  SettlementResolution,
  BroughtForwardRecord,
  PaymentOnAccountResult,
  Reconciliation,
  MeasurementUsed,
  PartyStatement,
} from './schema.js';
export type { PartyRiskShareStatement } from '../pools/result-schema.js';

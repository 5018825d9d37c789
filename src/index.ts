/**
 * alliance-payments: exact, auditable outcome-based payments for health and care alliances.
 * This file is the whole public API; everything else is internal and may change.
 */
export { AllianceInputError, ContractError, MeasurementError, type Issue } from './base/errors.js';
export { ISSUE_CODES, type IssueCode } from './base/codes.js';
export { allocate, type Allocation, type AllocationPart } from './money/allocate.js';
export { CURRENCIES, type CurrencyCode } from './money/currency.js';
export { ROUNDING_MODES, type RoundingMode } from './money/rounding.js';
export { defineContract, validateContract, type ContractValidation } from './contract/validate.js';
export { contractJsonSchema } from './contract/json-schema.js';
export { measurementsJsonSchema } from './measure/json-schema.js';
export { settlementJsonSchema } from './settle/json-schema.js';
export type { Contract, ContractInput, Party, Period, Calendar, PaymentOnAccount } from './contract/schema.js';
export type {
  OutcomePool,
  OutcomePoolInput,
  Metric,
  Gateway,
  Contribution,
  Destination,
} from './pools/outcome/schema.js';
export type { RiskSharePoolInput } from './pools/risk-share/schema.js';
export type { PooledBudgetPoolInput } from './pools/pooled-budget/schema.js';
export type { PointsSchemeInput } from './pools/points/schema.js';
export type { RateCardInput } from './pools/rate-card/schema.js';
export type { Scoring } from './score/index.js';
export type { RiskSharePool, Step as RiskShareStep } from './pools/risk-share/schema.js';
export type { Measurement, MeasurementInput } from './measure/schema.js';
export { settle, type SettleOptions } from './settle/index.js';
export type {
  Settlement,
  MetricResult,
  GatewayResult,
  PoolResult,
  PoolAllocationPart,
  PartyStatement,
  PartyPoolStatement,
  PartyAmount,
  RiskSharePoolResult,
  PooledBudgetResult,
  PointsSchemeResult,
  RateCardResult,
  RiskSharePart,
  RiskShareStepResult,
  PartyRiskShareStatement,
  PaymentOnAccountResult,
  Reconciliation,
  SettlementResolution,
  BroughtForwardRecord,
  MeasurementUsed,
} from './settle/types.js';
export type { TraceNode, TraceInput } from './base/trace.js';
export { explain } from './explain/explain.js';
export {
  diffSettlements,
  type SettlementDiff,
  type FigureChange,
  type ChangeOrigin,
  type MeasurementChange,
} from './explain/diff.js';
export { restate, type Restatement } from './explain/restate.js';
export {
  verifySettlement,
  type Verification,
  type VerificationDifference,
  type VerifyOptions,
} from './explain/verify.js';
export { signSettlement, verifySignature, type SettlementSignature } from './explain/sign.js';
export { splitIntoInstalments, proRata, type InstalmentOptions, type ProRata, type Span } from './period/public.js';
export { ENGINE_VERSION } from './version.js';

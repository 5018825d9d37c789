/**
 * Every code an issue or a warning of this library can carry, with what it means, in one place
 * (the conventions: one catalogue of codes, typed and exported). A test reads the source and
 * fails when a code is emitted that is not listed here, or listed here and never emitted.
 */

const error = (meaning: string) => ({ kind: 'error', meaning }) as const;
const warning = (meaning: string) => ({ kind: 'warning', meaning }) as const;

/**
 * The catalogue of issue and warning codes: each code's kind (`error`: the input is refused,
 * `warning`: it is used as written, and a warning says how it was read) and a one-sentence meaning.
 * @example
 * ISSUE_CODES.percent_below_one.kind; // 'warning'
 * ISSUE_CODES.unknown_party.meaning; // 'A party id names no party of the contract.'
 */
export const ISSUE_CODES = {
  active_outside_period: error('The part of a period in force given to splitIntoInstalments is not inside the period.'),
  adjustment_kind: error('An adjustment step needs exactly one of "amount" or "exceptional".'),
  affected_months: error("An exceptional event affects more months than the adjustment's period has."),
  as_of_outside_period: error('The asOf date given to settle is not inside the period settled.'),
  at_risk_over_100: error("A party has more than 100 % of its contract value at risk across the contract's pools."),
  band_empty: error('A risk-share band, or a band of a rate schedule, ends at or before it starts.'),
  band_open_not_last: error('A band of a risk-share step or of a rate schedule, other than the last, leaves out "to".'),
  band_open_rate_moves: error('The open-ended last band of a rate schedule gives a moving rate instead of one rate.'),
  bands_gap: error('A risk-share band starts after the band before it ends, leaving a gap.'),
  bands_not_from_zero: error('The first risk-share band of a side does not start at 0 %.'),
  bands_not_monotone: error('A better band of a banded score scores less than a worse one.'),
  bands_overlap: error(
    'A risk-share band starts before the band before it ends, or a rate schedule band does not start after the one before it.',
  ),
  budget_kind: error('A risk-share pool needs exactly one of "budget" (for the alliance) or "budgets" (per member).'),
  cap_not_in_order: error('A rate card declares a cap that its "capOrder" does not apply.'),
  brought_forward_not_reproduced: error(
    "The previous year's settlement given with its files is not what they give when settled again.",
  ),
  carry_forward_missing: error('A pool carries money forward, so settle needs "broughtForward" (or "none").'),
  carry_forward_needs_year: error("The settlement brought forward is not a whole contract year's settlement."),
  conflicting_schedule: error('A payment-on-account schedule says how it is paid in more than one way.'),
  contribution_kind: error('A contribution needs exactly one of "amount" or "percentOfContractValue".'),
  currency_mismatch: error('Two settlements, or a settlement and its contract, are in different currencies.'),
  date_outside_term: error("A party joins or leaves on a date outside the contract's term."),
  different_brought_forward: error(
    'A restatement is given other money brought forward than the settlement it restates.',
  ),
  different_contract: error('A settlement given is of another contract than the one settled.'),
  different_year: error('A restated period is not in the contract year the previous settlement brought money into.'),
  duplicate_cap: error('A rate card\'s "capOrder" names the same cap twice.'),
  duplicate_contribution: error('A party contributes to the same pool twice.'),
  duplicate_id: error('An id is used twice in a list whose ids must be unique.'),
  duplicate_instalment: error('A payment-on-account schedule has two instalments in the same month.'),
  duplicate_measurement: error('The same measurement (metric, party, period and revision) is given twice.'),
  duplicate_schedule: error('A party is paid the same money on account by two schedules.'),
  duplicate_step: error("A step is named twice in a risk-share pool's order or a pooled budget's waterfall."),
  duplicate_threshold: error('Two bands of a banded score have the same threshold.'),
  duplicate_version: error("A variation's version is already used by the contract or another variation."),
  end_before_start: error('A span of dates (a term, a period, a measured span) ends before it starts.'),
  exclusions_exceed_denominator: error("A measurement's exclusions leave nothing of its denominator."),
  floor_above_ceiling: error("A quality-adjusted rate's floor is above its ceiling."),
  fund_id_reserved: error(
    'A pooled budget fund is called "underspends", "reserve" or "partners", which the waterfall uses for its own sources.',
  ),
  gateway_after_rate: error('A gateway that sets the loss rate comes after the rate step in the order.'),
  instalment_outside_year: error('An instalment falls in a month that no contract year has.'),
  instalments_not_100: error("A schedule's instalments do not add up to 100 % of the year."),
  invalid_amount: error('An amount given to a library function is not a decimal string.'),
  invalid_count: error('A count of outcomes for a rate card is not a whole number.'),
  invalid_date: error('A date is not a real date written YYYY-MM-DD (years 1900 to 2999).'),
  invalid_decimal: error('A figure is not a plain decimal string such as "12.5".'),
  invalid_format: error('A text field, such as an id, is not in the form expected.'),
  invalid_option: error('An option is not one of the words it may be.'),
  edited_settlement: error(
    'A settlement given was changed after it was settled: its content no longer gives its settlementHash.',
  ),
  invalid_signing_key: error('A signing or public key is not a 32-byte Ed25519 key written as 64 hex digits or bytes.'),
  invalid_settlement: error('A value given where a settlement is expected is not a settlement as settle returned it.'),
  invalid_signature: error('A signature is not an Ed25519 signature written as 128 hex digits.'),
  invalid_type: error('A field is missing or of the wrong type (a list for an object, a number for a string).'),
  invalid_union: error('A value is none of the forms the field may take (such as an unknown step type).'),
  invalid_value: error('A field is not one of the values it may take.'),
  invalid_weight: error('A weight given to allocate is not a non-negative decimal string.'),
  leaves_before_joins: error('A party leaves the contract before it joins.'),
  limit_basis: error('A cap limit needs exactly one of "amount", "percentOfBudget" or "percentOfRevenue".'),
  maximum_below_contribution: error("A pooled-budget contribution's maximum is below the contribution itself."),
  member_cap_basis: error('A member cap needs exactly one of "amount" or "percentOfContractValue".'),
  missing_baseline: error('A metric scored on improvement has no baseline above zero.'),
  missing_budget: error('A risk-share pool with per-member budgets has a member without a budget.'),
  missing_budgets: error('A risk-share distribution by "budget" needs per-member "budgets".'),
  missing_contract_value: error('A party has no contract value where one is needed to compute or split an amount.'),
  missing_expected: error('A payment-on-account schedule gives no expected amount for a party it pays.'),
  missing_frequency: error('A payment-on-account schedule does not say how it is paid.'),
  missing_measure: error('A risk-share distribution by "measure" names no measure.'),
  missing_measurement: error('A measurement needed to settle the period is not given.'),
  missing_party: error('A destination "to": "commissioner" does not name the party that keeps the money.'),
  missing_payer: error('A payment-on-account schedule does not name its payer.'),
  missing_per: error('A metric measured as a numerator and denominator declares no "per".'),
  missing_pool: error('A schedule that pays outcome money does not name its outcome pool.'),
  missing_priority: error('A rate card cut by "priority" has no "priority" list.'),
  missing_share: error('A party that takes part in a fixed split has no share.'),
  missing_shares: error('A fixed split (basis "fixed") has no "shares".'),
  missing_weight: error('Some metrics of a pool have a weight and others do not.'),
  negative_value: error('A figure that may not be negative is written with a minus sign.'),
  negative_weight: error('A measurement used to split a risk-share pool between its members is negative.'),
  no_accountable: error('A metric lists no accountable provider.'),
  no_members: error('A risk-share pool has no member provider to share its gain or loss.'),
  no_providers: error('An outcome pool has no provider that could earn from it.'),
  no_side: error('A risk-share step declares neither a "gain" nor a "loss" side.'),
  no_weights: error('allocate is given no weights.'),
  not_a_commissioner: error('A party named where a commissioner is needed is a provider.'),
  not_a_provider: error('A party named where a provider is needed is a commissioner.'),
  not_eligible: error('A party has a share of, or is accountable in, an outcome pool it is not eligible for.'),
  not_positive: error('A figure that must be above zero is zero or less.'),
  not_previous_year: error('The settlement brought forward is not of the contract year before the one settled.'),
  not_variable: error(
    'A variation changes a part of the contract that cannot be varied (id, currency, term, periods).',
  ),
  nothing_to_score: error('Every metric of a pool is missing and excluded, so nothing is left to score.'),
  numerator_exceeds_denominator: error("A measurement's numerator is more than its denominator less exclusions."),
  one_minus_gain_on_gain: error('"oneMinusGain" is written on a gain rate; it belongs on the loss side.'),
  one_minus_gain_without_gain: error('A loss rate of 1 − the gain rate is declared on a step with no gain rate.'),
  out_of_range: error('A score or fraction is not between 0 and 1.'),
  outside_schedule: error(
    'A measurement that picks the rate of a schedule falls below its first band or between two of its bands.',
  ),
  percent_below_one: warning('A bare rate below 1 is read as a percentage, though it may be meant as a fraction.'),
  percent_or_fraction: error(
    'A bare rate below 1 could be a fraction or a percentage, and the percentage is unlikely.',
  ),
  percentage_out_of_range: error('A percentage is above 100.'),
  period_outside_term: error("A period is not inside the contract's term."),
  period_outside_year: error('A part of a year is not inside any contract year.'),
  period_too_long: error('A period is longer than its kind allows (a contract year, for one, is at most 12 months).'),
  periods_overlap: error('Two periods of the same kind overlap.'),
  pool_not_balanced: error("A pooled budget's contributions do not add up to its lines' budgets and reserve."),
  quality_source: error('A quality score must come from exactly one of "measure" or "pool".'),
  rate_and_schedule: error('A corridor gives both a rate and a schedule for the same side.'),
  rate_conflict: error('A rate gives both "percent" and "oneMinusGain", or a quality for 1 − the gain rate.'),
  rate_missing: error('A rate step side gives no "percent" (or, for a loss, "oneMinusGain").'),
  revenue_unknown: error('A cap in per cent of revenue has no revenue to work from.'),
  revision_backwards: error('A measurement revision is older than one already given or settled.'),
  score_out_of_range: error('A quality score given as a measurement is not between 0 and 1.'),
  shares_not_100: error('The shares of a split do not add up to 100 %.'),
  side_without_share: error('A risk-share pool shares a side that no step gives a share for.'),
  step_for_unshared_side: error('A risk-share step acts on a side that the pool does not share.'),
  step_not_in_order: error('A risk-share step is declared but the order does not apply it.'),
  thresholds_out_of_order: error("A scoring rule's thresholds are in the wrong order for its direction."),
  too_big: error('A number or list is larger than the field allows.'),
  too_deep: error('Lists and objects are nested deeper than the library reads (see Limits).'),
  too_long: error('A text or key is longer than the library reads (see Limits).'),
  too_many_decimals: error('An amount has more decimal places than its currency has.'),
  too_many: error('A list or object has more entries, or a value more parts, than the library reads (see Limits).'),
  too_small: error('A number, text or list is smaller than the field allows (an empty list or text).'),
  unclear_sides: error('A risk-share pool does not say whether its members share gains, losses or both.'),
  unexpected_field: error('A schedule paying the guaranteed payment gives a field that only outcome money has.'),
  unexpected_party: error('A party is named where it takes no part (not a member, not paid, not a commissioner).'),
  unexpected_share: error('A party has a share but does not take part in the split.'),
  unexpected_shares: error('Shares are given for a split whose basis is not "fixed".'),
  unknown_cap: error('A rate card\'s "capOrder" names a cap the rate card does not declare.'),
  unknown_currency: error('A currency is not an ISO 4217 code this library knows.'),
  unknown_metric: error('A measurement names no metric or other measure of the contract.'),
  unknown_option: error('An options object has a key that is not an option of the function.'),
  unknown_outcome: error('A rate card\'s "priority" names an outcome the rate card does not price.'),
  unknown_party: error('A party id names no party of the contract.'),
  unknown_path: error('A variation changes a path that the contract does not have.'),
  unknown_period: error('A period id names no period of the contract.'),
  unknown_pool: error('A pool id names no pool of the right kind in the contract.'),
  unknown_step: error("A risk-share pool's order names a step the pool does not declare."),
  unknown_trace_node: error("explain is asked for a node that the settlement's trace does not have."),
  unknown_waterfall_source: error("A pooled budget's waterfall names something that is none of its sources."),
  unrecognized_keys: error('An object has a field it does not know (with the field meant, when one is near).'),
  value_or_ratio: error('A measurement needs exactly one of "value" or a numerator and denominator.'),
  variation_before_start: error('A variation takes effect on or before the day the contract starts.'),
  variation_outside_term: error("A variation takes effect after the contract's term ends."),
  variations_overlap: error('Two variations take effect on the same day.'),
  waterfall_end: error('A pooled budget\'s waterfall does not end with "partners".'),
  weights_not_100: error('The metric weights of a pool do not add up to 100 %.'),
  zero_weights: error('The weights of a split add up to zero, so nothing can be split by them.'),
} as const;

/**
 * A code an `Issue` or a warning can carry: one of the keys of `ISSUE_CODES`.
 * @example
 * const code: IssueCode = 'unknown_party';
 * ISSUE_CODES[code].kind; // 'error'
 */
export type IssueCode = keyof typeof ISSUE_CODES;

const isIssueCode = (code: string): code is IssueCode => Object.prototype.hasOwnProperty.call(ISSUE_CODES, code);

/**
 * The code of a problem a schema reported: the library's own (`params.code`, which its checks
 * carry) or zod's (`invalid_type`, `too_small`, ...), which the catalogue lists. A zod code it
 * does not list, which the library's schemas cannot give, is reported as `invalid_value`.
 * @example
 * schemaIssueCode({ code: 'custom', params: { code: 'invalid_date' } }); // 'invalid_date'
 * schemaIssueCode({ code: 'too_small' }); // 'too_small'
 */
export function schemaIssueCode(issue: { readonly code: string; readonly params?: unknown }): IssueCode {
  const { params } = issue;
  const own: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, 'code') : undefined;
  const code = typeof own === 'string' ? own : issue.code;
  return isIssueCode(code) ? code : 'invalid_value';
}

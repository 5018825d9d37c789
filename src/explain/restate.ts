import { ContractError, MeasurementError, type Issue } from '../base/errors.js';
import type { Contract, ContractInput } from '../contract/schema.js';
import type { MeasurementInput } from '../measure/schema.js';
import { settleBringing, type SettleOptions } from '../settle/index.js';
import { broughtForwardAgain } from '../settle/brought-forward.js';
import { canonicalJson } from '../settle/canonical.js';
import { settlementIssues } from '../settle/check-settlement.js';
import type { BroughtForwardRecord, Settlement } from '../settle/types.js';
import { diffSettlements, type SettlementDiff } from './diff.js';

/** A settlement made again on later data: the new figures, what was settled before (kept as it was), and the difference. */
export interface Restatement {
  readonly previous: Settlement;
  readonly settlement: Settlement;
  readonly diff: SettlementDiff;
}

/**
 * Settles again what `previous` settled (same period and, for an interim settlement, the same
 * `asOf`), on later measurements or a varied contract, and shows the difference with the trace
 * of why. The previous settlement is not touched: keep both.
 *
 * Money brought forward from the previous contract year is brought forward again, exactly as
 * `previous` recorded it (`resolution.broughtForward`: the same settlement's hash and amounts),
 * so a restatement never drops it. Giving `options.broughtForward` checks it is that same
 * settlement; a different one is refused: bringing in another settlement of the previous year is a
 * new settlement (`settle`, then `diffSettlements`), not a restatement. Only when `previous`
 * brought nothing forward (an older settlement) may one be given here, and the diff shows it.
 *
 * @param previous - the settlement being restated
 * @param contract - the contract (the same contract id as `previous`)
 * @param measurements - all measurements, superseded revisions included
 * @param options - to settle a different period or `asOf` (default: those of `previous`)
 * @throws MeasurementError when a figure's revision is lower than the one `previous` used (revision_backwards)
 * @throws ContractError when `previous` is not a settlement (invalid_settlement), the contract is not the one
 * `previous` settled (different_contract), or `options.broughtForward` is not what `previous` brought forward
 * (different_brought_forward)
 * @example
 * const year = restate(q2, contract, [...provisional, ...final]);
 * console.log(year.diff.parties);
 */
export function restate(
  previous: Settlement,
  contract: Contract | ContractInput,
  measurements: readonly MeasurementInput[],
  options?: Partial<SettleOptions>,
): Restatement {
  const shape = settlementIssues(previous, 'previous');
  if (shape.length > 0) throw new ContractError(shape);
  const interim = previous.resolution.coverage.end !== previous.period.end;
  const settleOptions = {
    ...options,
    period: options?.period ?? previous.period.id,
    ...(options?.asOf !== undefined
      ? { asOf: options.asOf }
      : interim
        ? { asOf: previous.resolution.coverage.end }
        : {}),
  };
  // a settlement made before settlements recorded what they brought forward has no record
  const recorded: BroughtForwardRecord | null = previous.resolution.broughtForward ?? null;
  const given = options?.broughtForward !== undefined;
  const settlement = settleBringing(
    contract,
    measurements,
    settleOptions,
    given || recorded === null
      ? undefined
      : {
          year: previous.resolution.year,
          brought: broughtForwardAgain(recorded, previous.currency, 'previous.resolution.broughtForward'),
        },
  );
  if (settlement.contract.id !== previous.contract.id) {
    throw new ContractError([
      {
        path: 'contract.id',
        code: 'different_contract',
        message: `the previous settlement is of contract '${previous.contract.id}', not '${settlement.contract.id}'`,
      },
    ]);
  }
  const now = settlement.resolution.broughtForward;
  if (given && recorded !== null && canonicalJson(recorded) !== canonicalJson(now)) {
    const what = (r: BroughtForwardRecord | null) =>
      r === null || r.from === null
        ? 'nothing ("none")'
        : `the settlement of '${r.from.period}' (settlement ${r.from.settlementHash.slice(0, 12)}…, ${r.pools.map((p) => `${p.pool} ${p.amount}`).join(', ') || 'nothing carried'})`;
    throw new ContractError([
      {
        path: 'options.broughtForward',
        code: 'different_brought_forward',
        message: `the previous settlement brought forward ${what(recorded)}, but broughtForward is ${what(now)}: a restatement brings forward the same money (leave broughtForward out to reuse it); to bring in a different settlement of the previous year, settle the period with it and compare with diffSettlements`,
      },
    ]);
  }
  const key = (m: Settlement['measurements'][number]) =>
    [m.metric, m.party ?? '', m.cohort ?? '', m.person ?? ''].join('\u0000');
  const latest = new Map(settlement.measurements.map((m) => [key(m), m]));
  const issues: Issue[] = [];
  for (const m of previous.measurements) {
    const later = latest.get(key(m));
    if (later && later.revision < m.revision) {
      issues.push({
        path: `measurements[metric=${m.metric}${m.party ? `,party=${m.party}` : ''},period=${previous.period.id}]`,
        code: 'revision_backwards',
        message: `'${m.metric}'${m.party ? ` for '${m.party}'` : ''} was settled on revision ${m.revision}, but the latest revision given now is ${later.revision}: a restatement cannot go back to an earlier revision (keep every revision in the measurements)`,
      });
    }
  }
  if (issues.length > 0) throw new MeasurementError(issues);
  return { previous, settlement, diff: diffSettlements(previous, settlement) };
}

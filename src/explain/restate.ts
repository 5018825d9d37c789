import { ContractError, MeasurementError, type Issue } from '../errors.js';
import type { Contract, ContractInput } from '../contract/schema.js';
import type { MeasurementInput } from '../measure/schema.js';
import { settle, type SettleOptions } from '../settle/index.js';
import type { Settlement } from '../settle/types.js';
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
 * @param previous - the settlement being restated
 * @param contract - the contract (the same contract id as `previous`)
 * @param measurements - all measurements, superseded revisions included
 * @param options - to settle a different period or `asOf` (default: those of `previous`)
 * @throws MeasurementError when a figure's revision is lower than the one `previous` used (revision_backwards)
 * @throws ContractError when the contract is not the one `previous` settled
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
  const interim = previous.resolution.coverage.end !== previous.period.end;
  const settlement = settle(contract, measurements, {
    ...options,
    period: options?.period ?? previous.period.id,
    ...(options?.asOf !== undefined
      ? { asOf: options.asOf }
      : interim
        ? { asOf: previous.resolution.coverage.end }
        : {}),
  });
  if (settlement.contract.id !== previous.contract.id) {
    throw new ContractError([
      {
        path: 'contract.id',
        code: 'different_contract',
        message: `the previous settlement is of contract '${previous.contract.id}', not '${settlement.contract.id}'`,
      },
    ]);
  }
  const key = (m: Settlement['measurements'][number]) =>
    [m.metric, m.party ?? '', m.cohort ?? '', m.person ?? ''].join('\u0000');
  const now = new Map(settlement.measurements.map((m) => [key(m), m]));
  const issues: Issue[] = [];
  for (const m of previous.measurements) {
    const later = now.get(key(m));
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

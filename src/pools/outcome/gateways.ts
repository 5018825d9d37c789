import { measurementKey } from '../../measure/resolve.js';
import type { GatewayResult } from './result-schema.js';
import type { Run } from './run.js';

/** Stage 3: every gateway, for the pool or per eligible provider, met or not. */
export function settleGateways(run: Run): {
  gateways: GatewayResult[];
  poolGatePassed: boolean;
  failedParties: ReadonlySet<string>;
} {
  const { pool, ctx, trace, at, nodeId, plan } = run;
  const eligible = plan.eligible;
  const gateways: GatewayResult[] = [];
  let poolGatePassed = true;
  const failedParties = new Set<string>();
  for (const { gateway, threshold } of plan.gateways) {
    const targets = gateway.scope === 'pool' ? [null] : eligible;
    for (const party of targets) {
      const found = ctx.measured.get(measurementKey(gateway.measure, party ?? undefined));
      let met = false;
      let formula: string;
      if (!found) {
        if ((gateway.missing ?? 'error') === 'error') {
          ctx.issues.push({
            path: 'measurements',
            code: 'missing_measurement',
            message: `no measurement of '${gateway.measure}'${party ? ` for '${party}'` : ''} in period '${ctx.periodId}', needed by gateway '${gateway.id}' of pool '${pool.id}' (its missing-data policy is "error")`,
          });
        }
        formula = 'no measurement: the gateway fails (missing-data policy "fail")';
      } else {
        run.provisional ||= found.measurement.status === 'provisional';
        met = gateway.direction === 'higher-is-better' ? found.value.gte(threshold) : found.value.lte(threshold);
        formula = `${found.value.toPlainString()} ${gateway.direction === 'higher-is-better' ? '≥' : '≤'} ${gateway.threshold}`;
      }
      if (!met) {
        if (party === null) poolGatePassed = false;
        else failedParties.add(party);
      }
      const id = party === null ? nodeId('gateway', gateway.id) : nodeId('gateway', gateway.id, party);
      trace.add({
        id,
        label: `gateway ${gateway.id} (${gateway.name})${party ? ` for ${party}` : ''}`,
        value: met ? 'met' : 'not met',
        formula,
        inputs: found
          ? [
              { name: 'measured', value: found.value.toPlainString() },
              { name: 'threshold', value: gateway.threshold },
            ]
          : [{ name: 'threshold', value: gateway.threshold }],
        path: `${at}.gateways[${gateway.id}]`,
        clause: gateway.clause ?? pool.clause,
      });
      gateways.push({
        pool: pool.id,
        id: gateway.id,
        party,
        measured: found ? found.value.toPlainString() : null,
        threshold: gateway.threshold,
        met,
        trace: { met: id },
      });
    }
  }

  return { gateways, poolGatePassed, failedParties };
}

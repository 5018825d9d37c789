import { expect } from 'vitest';
import {
  ContractError,
  defineContract,
  MeasurementError,
  settle,
  validateContract,
  type Issue,
  type MeasurementInput,
} from '../../src/index.js';
import { baseContract, PERIOD } from './fixtures.js';

/** What `run` throws; fails the test if it returns. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.unreachable('expected a throw');
}

/**
 * The issues of a contract that must be refused: `defineContract` throws one ContractError with
 * them, and `validateContract` returns the very same issues without throwing.
 */
export function contractIssues(input: unknown): readonly Issue[] {
  const error = thrownBy(() => defineContract(input));
  expect(error).toBeInstanceOf(ContractError);
  const issues = (error as ContractError).issues;
  expect(validateContract(input)).toEqual({ success: false, issues, warnings: expect.any(Array) });
  return issues;
}

/** The issues of measurements that `settle` must refuse for the (valid) base contract. */
export function measurementIssues(measurements: unknown, period: string = PERIOD): readonly Issue[] {
  const contract = defineContract(baseContract());
  const error = thrownBy(() => settle(contract, measurements as MeasurementInput[], { period }));
  expect(error).toBeInstanceOf(MeasurementError);
  return (error as MeasurementError).issues;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An expected issue: exact path and code, and a message containing each fragment, in order. */
export const issue = (path: string, code: string, ...fragments: string[]) => ({
  path,
  code,
  message: expect.stringMatching(new RegExp(fragments.map(escape).join('[\\s\\S]*'))) as string,
});

/** Sets a property to a value of the wrong type, as a hand-written JSON file might. */
export function set(target: object, key: string, value: unknown): void {
  (target as Record<string, unknown>)[key] = value;
}

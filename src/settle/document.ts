import type { Contract } from '../contract/schema.js';
import { memoized, MemoKey } from '../contract/compiled.js';
import { canonicalJson, jcs } from './canonical.js';
import { sha256Hex } from './sha256.js';
import type { Settlement } from './schema.js';

/**
 * A settlement is a document (design.md section 8): it says what it was made from (the contract's
 * and the measurements' hashes, every option), and its own hash covers everything it says. Every
 * hash is SHA-256 over RFC 8785 (JCS) text, so tools outside this library reproduce them.
 */

/** The SHA-256 of a compiled contract's canonical form, worked out once: sweeps settle one contract many times. */
const CONTRACT_HASH = new MemoKey<string>('contract hash');

/** The SHA-256 of a validated contract's canonical JSON (`contractHash`). */
function contractHashOf(contract: Contract): string {
  return memoized(contract, CONTRACT_HASH, () => sha256Hex(canonicalJson(contract)));
}

/** The SHA-256 of the canonical JSON of a period's measurements, every revision (`measurementsHash`). */
function measurementsHashOf(measurements: readonly unknown[]): string {
  return sha256Hex(canonicalJson(measurements, 'measurements'));
}

/** What a settlement records of the options it was settled with. */
export type SettledOptions = Settlement['options'];

/** The head of a settlement document: what it was made from, each part hashed. */
export interface DocumentHead {
  readonly contractHash: string;
  readonly measurementsHash: string;
  readonly options: SettledOptions;
  readonly inputsHash: string;
}

/** The head of the document for a contract, this period's measurements and the options settled with. */
export function documentHead(
  contract: Contract,
  measurements: readonly unknown[],
  options: SettledOptions,
): DocumentHead {
  const contractHash = contractHashOf(contract);
  const measurementsHash = measurementsHashOf(measurements);
  return {
    contractHash,
    measurementsHash,
    options,
    inputsHash: inputsHashOf({ contractHash, measurementsHash, options }),
  };
}

/** The SHA-256 of a settlement's JCS text without its `settlementHash`: what its `settlementHash` must be. */
export function settlementHashOf(settlement: object): string {
  return sha256Hex(jcs({ ...settlement, settlementHash: undefined }));
}

/** The settlement with its `settlementHash` worked out (the object is new; the one given is not touched). */
export function sealed(settlement: Settlement): Settlement {
  return { ...settlement, settlementHash: settlementHashOf(settlement) };
}

/** What a document's `inputsHash` must be, from the hashes and options it records. */
export function inputsHashOf(head: Pick<DocumentHead, 'contractHash' | 'measurementsHash' | 'options'>): string {
  const { contractHash, measurementsHash, options } = head;
  return sha256Hex(jcs({ contractHash, measurementsHash, options }));
}

import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { ContractError, show, type Issue } from '../base/errors.js';
import { jcs } from '../settle/canonical.js';
import { settlementIssues } from '../settle/check-settlement.js';
import type { Settlement } from '../settle/types.js';

/**
 * Ed25519 signatures of settlement documents exchanged between organisations, from
 * `@noble/curves` (audited, no dependencies beyond `@noble/hashes`, runs in browsers). A hash
 * shows a document is as it was settled; a signature shows who vouched for it. Keys are the
 * user's: 32-byte Ed25519 keys as 64 hex digits (or bytes); this library never makes or keeps one.
 */

/** A detached signature of a settlement document: the document's file is not changed by signing. */
export interface SettlementSignature {
  readonly algorithm: 'Ed25519';
  /** The `settlementHash` of the document signed. */
  readonly settlementHash: string;
  /** The signer's public key, 64 hex digits. */
  readonly publicKey: string;
  /** The signature of the document's RFC 8785 (JCS) text, 128 hex digits. */
  readonly signature: string;
}

type Key = string | Uint8Array;

function keyBytes(key: unknown, path: string, issues: Issue[]): Uint8Array | undefined {
  if (key instanceof Uint8Array && key.length === 32) return key;
  if (typeof key === 'string' && /^[0-9a-fA-F]{64}$/.test(key)) return hexToBytes(key.toLowerCase());
  issues.push({
    path,
    code: 'invalid_signing_key',
    message: `must be a 32-byte Ed25519 key, as 64 hex digits or bytes, got ${key instanceof Uint8Array ? `${key.length} bytes` : show(key)}`,
  });
  return undefined;
}

/** The document checked (a settlement, not edited since it was settled) and its signed bytes. */
function signedBytes(document: Settlement, issues: Issue[]): Uint8Array | undefined {
  const shape = settlementIssues(document, 'document');
  issues.push(...shape);
  return shape.length > 0 ? undefined : utf8ToBytes(jcs(document));
}

/**
 * Signs a settlement document with an Ed25519 secret key: the signature covers the document's
 * RFC 8785 text, so any Ed25519 and JCS implementation checks it.
 *
 * @param document - a settlement as `settle` wrote it, not edited since
 * @param secretKey - the signer's 32-byte Ed25519 secret key (64 hex digits or bytes)
 * @throws ContractError when the document is not a settlement or was edited (invalid_settlement,
 * edited_settlement), or the key is not a key (invalid_key)
 * @example
 * const signature = signSettlement(settlement, process.env.SIGNING_KEY!);
 * writeFileSync('settlement.sig.json', JSON.stringify(signature, null, 2));
 */
export function signSettlement(document: Settlement, secretKey: Key): SettlementSignature {
  const issues: Issue[] = [];
  const message = signedBytes(document, issues);
  const key = keyBytes(secretKey, 'secretKey', issues);
  if (issues.length > 0 || message === undefined || key === undefined) throw new ContractError(issues);
  return {
    algorithm: 'Ed25519',
    settlementHash: document.settlementHash,
    publicKey: bytesToHex(ed25519.getPublicKey(key)),
    signature: bytesToHex(ed25519.sign(message, key)),
  };
}

/**
 * Whether a signature is a valid Ed25519 signature of this document by the holder of `publicKey`
 * (the key you trust, not the one the signature names: a forger can name any key).
 *
 * @param document - the settlement document
 * @param signature - what `signSettlement` returned
 * @param publicKey - the signer's public key as you know it (64 hex digits or bytes)
 * @returns true when the document, unedited, was signed with the secret key of `publicKey`
 * @throws ContractError when the document is not a settlement or was edited, or the key or signature is malformed
 * @example
 * if (!verifySignature(settlement, signature, homertonPublicKey)) throw new Error('not signed by Homerton');
 */
export function verifySignature(document: Settlement, signature: SettlementSignature, publicKey: Key): boolean {
  const issues: Issue[] = [];
  const message = signedBytes(document, issues);
  const key = keyBytes(publicKey, 'publicKey', issues);
  const text: unknown = typeof signature === 'object' && signature !== null ? signature.signature : undefined;
  if (typeof text !== 'string' || !/^[0-9a-fA-F]{128}$/.test(text))
    issues.push({
      path: 'signature.signature',
      code: 'invalid_signature',
      message: `must be an Ed25519 signature, 128 hex digits, got ${show(text)}`,
    });
  if (issues.length > 0 || message === undefined || key === undefined || typeof text !== 'string')
    throw new ContractError(issues);
  try {
    return ed25519.verify(hexToBytes(text.toLowerCase()), message, key, { zip215: false });
  } catch {
    // a public key that is not a point on the curve verifies nothing
    return false;
  }
}

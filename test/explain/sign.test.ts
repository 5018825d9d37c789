import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ContractError, settle, signSettlement, verifySignature, type Settlement } from '../../src/index.js';
import { jcs } from '../../src/settle/canonical.js';
import { resealed } from '../fixtures/resealed.js';
import { twoYearsCarriedForward } from '../fixtures/time-contract.js';

/*
 * Signed settlement documents (issue 13): keys are the user's. The secret keys here are the test
 * vectors of RFC 8032 section 7.1 (TEST 1 and TEST 2), whose public keys the RFC gives.
 */
const RFC_SECRET_1 = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC_1 = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SECRET_2 = '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';

const settlement = settle(
  twoYearsCarriedForward({ clause: 'Schedule 4 para 6' }),
  [{ metric: 'admissions', period: '2025-26', value: '190', status: 'final' }],
  { period: '2025-26' },
);
const copy = (s: Settlement) => JSON.parse(JSON.stringify(s)) as Settlement;
const codes = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as ContractError).issues.map((i) => [i.path, i.code]);
  }
  return expect.unreachable('expected a ContractError');
};

describe('signSettlement and verifySignature', () => {
  const signature = signSettlement(settlement, RFC_SECRET_1);

  it('signs the document’s RFC 8785 text with Ed25519, checkable by any Ed25519 implementation', () => {
    expect(signature.algorithm).toBe('Ed25519');
    expect(signature.publicKey).toBe(RFC_PUBLIC_1);
    expect(signature.settlementHash).toBe(settlement.settlementHash);
    // checked by Node's own Ed25519 (OpenSSL), an implementation that is not the library's
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(RFC_PUBLIC_1, 'hex').toString('base64url') },
      format: 'jwk',
    });
    const message = Buffer.from(jcs(settlement), 'utf8');
    expect(verify(null, message, key, Buffer.from(signature.signature, 'hex'))).toBe(true);
    // deterministic (RFC 8032): the same document and key give the same signature
    expect(signSettlement(copy(settlement), RFC_SECRET_1)).toEqual(signature);
  });

  it('accepts the signature of the document read back from a file, with the signer’s key', () => {
    expect(verifySignature(copy(settlement), signature, RFC_PUBLIC_1)).toBe(true);
    expect(verifySignature(settlement, signature, RFC_PUBLIC_1.toUpperCase())).toBe(true);
  });

  it('rejects the signature with another key, and a signature of another document', () => {
    const other = bytesToHex(ed25519.getPublicKey(Uint8Array.from(Buffer.from(RFC_SECRET_2, 'hex'))));
    expect(verifySignature(settlement, signature, other)).toBe(false);
    // a forger who edits a figure and reseals it: the hash holds, the signature does not
    const forged = resealed({ ...copy(settlement), status: 'provisional' as const });
    expect(verifySignature(forged, signature, RFC_PUBLIC_1)).toBe(false);
    // a key that is not a point on the curve verifies nothing
    expect(verifySignature(settlement, signature, 'ff'.repeat(32))).toBe(false);
  });

  it('refuses an edited document, a malformed key and a malformed signature, all at once', () => {
    const edited = { ...copy(settlement), status: 'provisional' as const };
    expect(codes(() => signSettlement(edited, 'abc'))).toEqual([
      ['document.settlementHash', 'edited_settlement'],
      ['secretKey', 'invalid_signing_key'],
    ]);
    expect(codes(() => verifySignature(settlement, { ...signature, signature: 'xyz' }, new Uint8Array(31)))).toEqual([
      ['publicKey', 'invalid_signing_key'],
      ['signature.signature', 'invalid_signature'],
    ]);
  });
});

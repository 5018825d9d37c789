import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * SHA-256 (FIPS 180-4) of a UTF-8 string, as lowercase hex. From `@noble/hashes` (audited, no
 * dependencies, synchronous, runs in browsers): the core must hash without Node's crypto, and
 * WebCrypto's digest is asynchronous. Measured on a 140 KB settlement text it is a little faster
 * than the hand-written SHA-256 it replaced (2.3 ms against 2.7 ms, same run).
 *
 * @example
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

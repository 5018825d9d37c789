/**
 * The grammar of a decimal string, the one form amounts and ratios take in files and in the API:
 * an optional minus, digits without leading zeros, an optional point and digits. No exponent, no
 * separators, at most 400 characters. `money/` parses this text into exact numbers; the schemas
 * here only check it, so they need no arithmetic (the few comparisons below are on the digits).
 */
const DECIMAL_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Whether `text` is a plain decimal string ("1250000.00", "-0.5"). */
export function isDecimalText(text: unknown): text is string {
  return typeof text === 'string' && text.length <= 400 && DECIMAL_TEXT.test(text);
}

/** The sign of a decimal string: −1, 0 ("0", "-0.00") or 1. */
export function decimalSign(text: string): -1 | 0 | 1 {
  if (!/[1-9]/.test(text)) return 0;
  return text.startsWith('-') ? -1 : 1;
}

/** Whether a decimal string is at most the whole number `bound`. */
export function isAtMost(text: string, bound: bigint): boolean {
  if (decimalSign(text) < 0) return true;
  const [whole = '0', fraction = ''] = text.split('.');
  const integer = BigInt(whole);
  return integer < bound || (integer === bound && !/[1-9]/.test(fraction));
}

/** Whether a decimal string is strictly between 0 and 1 ("0.02", "0.5"): read as a percentage, it is under 1 %. */
export function isBelowOne(text: string): boolean {
  return decimalSign(text) > 0 && /^0(?:\.|$)/.test(text);
}

/**
 * A fraction written as a decimal string, as the same number in per cent: the point moves two
 * places right, on the digits, so nothing is rounded ("0.030182182" → "3.0182182", "0.5" → "50").
 */
export function percentOfFraction(text: string): string {
  const [whole = '0', decimals = ''] = text.split('.');
  const padded = decimals.padEnd(2, '0');
  const integer = `${whole}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2);
  return rest === '' ? integer : `${integer}.${rest}`;
}

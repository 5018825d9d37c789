/**
 * Rounding modes a contract may declare. Ties (exactly half a unit) are what tell the
 * half-* modes apart; `up`/`down` are away from / towards zero; `floor`/`ceiling` towards
 * minus / plus infinity. Money defaults to `half-up` (ties away from zero, so that rounding
 * -x gives exactly the negation of rounding x); ratios use `half-even`.
 */
export const ROUNDING_MODES = ['half-up', 'half-even', 'half-down', 'up', 'down', 'floor', 'ceiling'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/**
 * The integer quotient n / d rounded with `mode`. The one place where a division is rounded.
 * @throws RangeError when d is zero (callers check for zero first and report it in the user's words).
 */
export function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d; // truncates towards zero
  const r = n % d; // same sign as n
  if (r === 0n) return q;
  const negative = n < 0n;
  const twiceRemainder = (r < 0n ? -r : r) * 2n;
  let awayFromZero: boolean;
  switch (mode) {
    // Stryker disable next-line StringLiteral: a mode matching no case leaves awayFromZero unset, which rounds towards zero, as 'down' does
    case 'down':
      awayFromZero = false;
      break;
    case 'up':
      awayFromZero = true;
      break;
    case 'floor':
      awayFromZero = negative;
      break;
    case 'ceiling':
      awayFromZero = !negative;
      break;
    case 'half-up':
      awayFromZero = twiceRemainder >= d;
      break;
    case 'half-down':
      awayFromZero = twiceRemainder > d;
      break;
    case 'half-even':
      awayFromZero = twiceRemainder > d || (twiceRemainder === d && (q & 1n) !== 0n);
      break;
  }
  if (!awayFromZero) return q;
  return negative ? q - 1n : q + 1n;
}

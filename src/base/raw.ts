/**
 * Defensive readers for contract input that may have failed its schema: the semantic checks
 * read the raw input through these, so a wrong type is skipped (the schema reported it) rather
 * than thrown on.
 */
export type Raw = Record<string, unknown>;
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const record = (value: unknown): Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
export const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

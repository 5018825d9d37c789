/**
 * Defensive readers for contract input that may have failed its schema: the semantic checks
 * read the raw input through these, so a wrong type is skipped (the schema reported it) rather
 * than thrown on.
 */
export type Raw = Record<string, unknown>;
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const record = (value: unknown): Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
/** The value at `path` inside `value` (keys and indices), or undefined where the path leads nowhere. */
export const at = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (here, key) =>
      typeof key === 'number' ? list(here)[key] : typeof key === 'string' ? record(here)[key] : undefined,
    value,
  );
export const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

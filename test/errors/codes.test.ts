import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../src/index.js';

// The catalogue of codes is held to the source: every code the source can emit is listed, none is
// listed that the source cannot emit, and every code listed is exercised by some test.
const files = (dir: string, ext: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name), ext) : entry.name.endsWith(ext) ? [join(dir, entry.name)] : [],
  );
const SRC = join(import.meta.dirname, '../../src');
const TEST = join(import.meta.dirname, '..');
const withoutComments = (text: string) => text.replace(/^\s*(\*|\/\/).*$/gm, '');

// zod's own codes reach users (with the library's words) through `inOurWords`, which words each
// by a `case`; `invalid_key` cannot arise, as every record in the schemas is keyed by z.string().
const UNREACHABLE = new Set(['invalid_key']);

/** The codes the source emits: `code: '...'` (issues and `params`), a code passed before its message, zod's. */
function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of files(SRC, '.ts')) {
    const text = withoutComments(readFileSync(file, 'utf8'));
    for (const [, code] of text.matchAll(/\bcode: '([a-z_0-9]+)'/g)) codes.add(code!);
    // add(path, 'code', message), warn(...), fail('code', message), new ChangeProblem('code', message)
    for (const [, code] of text.matchAll(/'([a-z]+(?:_[a-z0-9]+)+)',(?=\s*(?:[^\s'\]]|'[^']* ))/g)) codes.add(code!);
    // role === 'provider' ? 'not_a_provider' : 'not_a_commissioner', (a code chosen by a condition)
    for (const [, code] of text.matchAll(/\? '([a-z]+(?:_[a-z0-9]+)+)' : '[a-z_]+',/g)) codes.add(code!);
    if (file.endsWith(join('base', 'schema.ts')))
      for (const [, code] of text.matchAll(/case '([a-z_]+)':/g)) codes.add(code!);
  }
  codes.delete('custom'); // zod's code for the library's own checks, which always carry their own
  for (const code of UNREACHABLE) codes.delete(code);
  return codes;
}

describe('the catalogue of issue codes', () => {
  const catalogued = Object.keys(ISSUE_CODES).sort();
  const emitted = [...emittedCodes()].sort();

  it('lists every code the source emits, and no other', () => {
    expect(emitted.filter((code) => !catalogued.includes(code))).toEqual([]);
    expect(catalogued.filter((code) => !emitted.includes(code))).toEqual([]);
    expect(catalogued.length).toBeGreaterThan(100);
  });

  it('gives each code a kind and a one-sentence meaning', () => {
    for (const [code, { kind, meaning }] of Object.entries(ISSUE_CODES)) {
      expect(['error', 'warning'], code).toContain(kind);
      expect(meaning, code).toMatch(/^[A-Z"a-z].*\.$/);
    }
    expect(ISSUE_CODES.percent_below_one.kind).toBe('warning');
    expect(Object.values(ISSUE_CODES).filter((entry) => entry.kind === 'warning')).toHaveLength(1);
  });

  it('has every code exercised by a test other than this one', () => {
    const tested = new Set<string>();
    for (const file of files(TEST, '.ts')) {
      if (file.endsWith('codes.test.ts') && !file.endsWith('untested-codes.test.ts')) continue;
      for (const [, code] of readFileSync(file, 'utf8').matchAll(/['"]([a-z]+(?:_[a-z0-9]+)*)['"]/g)) tested.add(code!);
    }
    expect(catalogued.filter((code) => !tested.has(code))).toEqual([]);
  });
});

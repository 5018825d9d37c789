import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POOL_KIND_ORDER } from '../../src/pools/index.js';

// The folders of src/ in pipeline order (design.md section 7): a folder imports only folders
// before it. A pool kind is one folder under `pools/`, but its two halves sit in two layers: its
// declaration (`schema.ts`, `checks.ts`, and the registry of them in `pools/schema.ts` with the
// tools in `pools/check-tools.ts`) below `contract/`, which composes the schemas into the
// contract's; its settlement (everything else) after `measure/`, since it reads resolved measurements.
const LAYERS = [
  'base',
  'money',
  'period',
  'score',
  'share',
  'pool declarations',
  'contract',
  'measure',
  'pools',
  'settle',
  'explain',
];
const DECLARATION = /^pools\/(schema|check-tools|[^/]+\/schema|[^/]+\/checks)\.ts$/;

// Imports against that order: none remain (share/ reached into contract/ for its step types, and
// pools/ into settle/ for its result types, until each moved below). A new one fails here.
const KNOWN: string[] = [];

const SRC = join(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
const folderOf = (file: string) => {
  const path = relative(SRC, file).replace(/\.js$/, '.ts');
  if (DECLARATION.test(path)) return 'pool declarations';
  const parts = path.split('/');
  return parts.length > 1 ? parts[0]! : 'root';
};

function upwardImports(): string[] {
  const found = new Set<string>();
  for (const file of files(SRC)) {
    const from = folderOf(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const to = folderOf(normalize(join(dirname(file), match[1]!)));
      if (from === to || from === 'root') continue;
      if (to === 'root' && match[1]!.endsWith('version.js')) continue; // the engine version, set at build time
      if (LAYERS.indexOf(to) > LAYERS.indexOf(from) || to === 'root') found.add(`${from} -> ${to}`);
    }
  }
  return [...found].sort();
}

describe('the layers of src/', () => {
  it('import only the folders before them, apart from the listed type-only exceptions', () => {
    expect(upwardImports()).toEqual([...KNOWN].sort());
  });

  it('every folder of src/ has its place in the order', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory());
    for (const folder of folders) expect(LAYERS).toContain(folder.name);
  });

  it('every pool kind declares its schema and checks in its folder, below contract/', () => {
    for (const kind of POOL_KIND_ORDER) {
      for (const file of ['schema.ts', 'checks.ts'])
        expect(folderOf(join(SRC, 'pools', kind, file))).toBe('pool declarations');
      expect(folderOf(join(SRC, 'pools', kind, 'settle.ts'))).toBe('pools');
    }
  });

  it('every pool kind is one folder under src/pools/, with its settle, cut and registry module', () => {
    const kinds = readdirSync(join(SRC, 'pools'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(kinds).toEqual([...POOL_KIND_ORDER].sort());
    for (const kind of kinds) {
      const here = readdirSync(join(SRC, 'pools', kind));
      expect(here).toEqual(expect.arrayContaining(['index.ts', 'schema.ts', 'checks.ts', 'cut.ts', 'settle.ts']));
    }
  });

  it('every pool kind is settled by a bundled example whose expected/ settlement is compared byte for byte', () => {
    const examples = join(SRC, '../examples');
    const settled = new Set(
      readdirSync(examples, { withFileTypes: true })
        .filter((e) => e.isDirectory() && readdirSync(join(examples, e.name)).includes('expected'))
        .flatMap((e) => {
          const contract = JSON.parse(readFileSync(join(examples, e.name, 'contract.json'), 'utf8')) as {
            pools: { kind: string }[];
          };
          return contract.pools.map((pool) => pool.kind);
        }),
    );
    for (const kind of POOL_KIND_ORDER) expect(settled).toContain(kind);
  });
});

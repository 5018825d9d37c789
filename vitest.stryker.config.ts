import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.js';

// The tests Stryker runs for each mutant: the focused unit tests of the mutated folders, the worked
// examples, the error tests and the fast property tests. Importing a test file costs about a second
// (zod and the engine), far more than its tests, so the whole suite made a mutant cost ~12 s; the
// slow robustness, settle and property files guard other things and run in `npm test` (among them
// the time-zone property test, which sets process.env.TZ, and conservation, which mocks a module).
// `isolate: false` imports the engine once per run instead of once per file (5 times faster); the
// mutated code reads the active mutant at run time.
const FIRST = [
  'test/mutation/',
  'test/money/',
  'test/score/',
  'test/share/',
  'test/golden/',
  'test/contract/',
  'test/errors/',
];
const rank = (file: TestSpecification) => {
  const at = FIRST.findIndex((folder) => file.moduleId.includes(`/${folder}`));
  return at < 0 ? FIRST.length : at;
};

/**
 * Runs the focused tests first: Stryker stops a mutant's run at its first failing test (bail), and
 * the focused files import a module or two where the others import the whole engine. Vitest's own
 * order puts the slowest files first.
 */
class FocusedFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a) - rank(b) || (a.moduleId < b.moduleId ? -1 : 1));
  }
}

// Spread, not mergeConfig: mergeConfig would add these lists to the base config's instead of replacing them.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/money/**/*.test.ts',
      'test/score/**/*.test.ts',
      'test/share/**/*.test.ts',
      'test/golden/**/*.test.ts',
      'test/mutation/**/*.test.ts',
      'test/contract/**/*.test.ts',
      'test/errors/**/*.test.ts',
      'test/properties/allocate.test.ts',
      'test/properties/allocate-capped.test.ts',
      'test/properties/decimal.test.ts',
    ],
    exclude: [
      ...configDefaults.exclude,
      'test/errors/robustness.test.ts',
      'test/errors/risk-share-robustness.test.ts',
      // reads the source for the codes it emits, and Stryker's instrumented copy of src/ reads otherwise
      'test/errors/codes.test.ts',
    ],
    isolate: false,
    sequence: { ...base.test?.sequence, sequencer: FocusedFirst },
  },
});

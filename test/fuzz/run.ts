/**
 * The fuzz campaign (issue 12, item 9): `npm run fuzz` runs 100,000 seeded inputs and prints a
 * table per kind of input. Options: `--count N`, `--seed S`, `--from I` (the first case index:
 * a failing case `i` is replayed alone with `--from i --count 1 --verbose`), `--kinds a,b`,
 * `--until 2026-12-03T13:50Z` (stop there and report the inputs run), `--tz-every K` (every K-th
 * case is also run in a child process with TZ=Pacific/Apia and its result compared byte for byte;
 * 0 turns it off). Exits 1 when any check failed.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { settle, splitIntoInstalments } from '../../src/index.js';
import { drawCase, EXAMPLES, KINDS, WEIGHTS, type FuzzCase, type Kind } from './cases.js';
import { FAILURES, runCase, type Failure } from './check.js';
import { caseRandom } from './random.js';

export interface CampaignOptions {
  readonly seed: number;
  readonly from: number;
  readonly count: number;
  readonly kinds?: readonly Kind[] | undefined;
  /** Every how many cases one is also run under TZ=Pacific/Apia; 0 for none. */
  readonly tzEvery: number;
  /** A time (ms since the epoch) after which no more inputs are run, the campaign then reported. */
  readonly until?: number | undefined;
  readonly progress?: (done: number) => void;
  readonly interim?: (table: string) => void;
}

export interface KindTally {
  inputs: number;
  ok: number;
  refused: number;
  slowestMs: number;
  slowestIndex: number;
  failures: Record<Failure, number>;
}

export interface Campaign {
  readonly tally: Record<Kind, KindTally>;
  /** The first few cases of each failure class: index, kind, what was fuzzed, what failed. */
  readonly examples: {
    index: number;
    kind: Kind;
    failure: Failure | 'TZ mismatch' | 'harness error';
    how: string;
    detail: string;
  }[];
  readonly tzCompared: number;
  readonly tzMismatches: number;
  readonly seconds: number;
  /** The inputs run: all those asked for, or those run before the deadline. */
  readonly count: number;
  /** Inputs the harness itself failed to make (a bug in test/fuzz, not in the library). */
  readonly harnessErrors: number;
}

const weightsFor = (kinds?: readonly Kind[]) =>
  Object.fromEntries(KINDS.map((kind) => [kind, !kinds || kinds.includes(kind) ? WEIGHTS[kind] : 0])) as Record<
    Kind,
    number
  >;

const RUN = fileURLToPath(import.meta.url);

/**
 * The digests of the cases `from + j * every` computed in a child process with TZ=Pacific/Apia,
 * as they come: a campaign stopped at its deadline compares those the child has reached.
 */
function digestsInApia(options: CampaignOptions): {
  digests: Map<number, string>;
  done: Promise<void>;
  reached: (index: number) => Promise<void>;
  stop: () => void;
} {
  const args = ['--import', 'tsx', RUN, '--digests', '--seed', String(options.seed), '--from', String(options.from)];
  args.push('--count', String(options.count), '--tz-every', String(options.tzEvery));
  if (options.kinds) args.push('--kinds', options.kinds.join(','));
  const digests = new Map<number, string>();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TZ: 'Pacific/Apia' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let rest = '';
  let last = -1;
  let waiting: { index: number; resolve: () => void } | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const [index, digest] = line.split(' ');
      digests.set(Number(index), digest!);
      last = Number(index);
    }
    if (waiting && last >= waiting.index) waiting.resolve();
  });
  let stopped = false;
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      waiting?.resolve();
      if (code === 0 || stopped) resolve();
      else reject(new Error(`the TZ=Pacific/Apia run exited ${code}`));
    });
  });
  return {
    digests,
    done,
    // the parent's loop is synchronous, so the child's lines are only read once it awaits this
    reached: (index) =>
      last >= index || child.exitCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiting = { index, resolve };
          }),
    stop: () => {
      stopped = true;
      child.kill();
    },
  };
}

/**
 * Settles every example and splits the longest spans once before anything is timed: the first
 * call of a cold process compiles the library, which is not what the one-second limit is about.
 */
function warmUp(): void {
  for (const example of EXAMPLES) {
    try {
      settle(example.contract as never, example.measurements as never, { period: example.period });
    } catch {
      // a failing example is for the examples' own tests to report
    }
  }
  for (const dayCount of ['actual/actual', 'twelfths'] as const)
    splitIntoInstalments(
      { amount: '1000.000', currency: 'KWD' },
      { start: '1900-01-01', end: '2999-12-31' },
      { frequency: 'month', dayCount },
    );
}

/** Runs a campaign in this process (and its TZ sample in a child), and tallies it. */
export async function runCampaign(options: CampaignOptions): Promise<Campaign> {
  const started = performance.now();
  const apia = options.tzEvery > 0 ? digestsInApia(options) : undefined;
  const weights = weightsFor(options.kinds);
  warmUp();
  const tally = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      {
        inputs: 0,
        ok: 0,
        refused: 0,
        slowestMs: 0,
        slowestIndex: -1,
        failures: Object.fromEntries(FAILURES.map((f) => [f, 0])),
      },
    ]),
  ) as Record<Kind, KindTally>;
  const examples: Campaign['examples'] = [];
  let harnessErrors = 0;
  const shown = new Map<string, number>();
  const note = (index: number, kind: Kind, failure: Failure | 'TZ mismatch', how: string, detail: string) => {
    const key = `${failure} ${kind} ${detail.replace(/\d+/g, 'n').slice(0, 60)}`;
    const n = shown.get(key) ?? 0;
    shown.set(key, n + 1);
    if (n < 2 && examples.length < 200) examples.push({ index, kind, failure, how: how.slice(0, 400), detail });
  };
  const mine = new Map<number, { digest: string; kind: Kind; how: string }>();
  let index = options.from;
  for (; index < options.from + options.count; index++) {
    if (options.until !== undefined && index % 100 === 0 && Date.now() > options.until) break;
    const random = caseRandom(options.seed, index);
    let fuzz: FuzzCase;
    try {
      fuzz = drawCase(random, weights);
    } catch (error) {
      // a bug of the harness, not of the library: counted and shown, and the campaign goes on
      harnessErrors += 1;
      if (examples.length < 200)
        examples.push({ index, kind: 'contract', failure: 'harness error', how: '', detail: String(error) });
      continue;
    }
    const sampled = options.tzEvery > 0 && (index - options.from) % options.tzEvery === 0;
    const outcome = runCase(fuzz, random, sampled);
    const t = tally[fuzz.kind];
    t.inputs += 1;
    if (outcome.result === 'ok') t.ok += 1;
    if (outcome.result === 'refused') t.refused += 1;
    if (outcome.ms > t.slowestMs) {
      t.slowestMs = outcome.ms;
      t.slowestIndex = index;
    }
    for (const { failure, detail } of outcome.failures) {
      t.failures[failure] += 1;
      note(index, fuzz.kind, failure, fuzz.how, detail);
    }
    if (sampled) mine.set(index, { digest: outcome.digest, kind: fuzz.kind, how: fuzz.how });
    const done = index - options.from + 1;
    if (done % 10_000 === 0) options.progress?.(done);
    // the table so far, now and then, so that a campaign cut short still reports what it ran
    if (done % 50_000 === 0)
      options.interim?.(
        report({
          tally,
          examples,
          tzCompared: 0,
          tzMismatches: 0,
          harnessErrors,
          count: done,
          seconds: (performance.now() - started) / 1000,
        }),
      );
  }
  // all the child's digests when the campaign ran to its end; when stopped at its deadline, those
  // of the cases run (before, the child was killed before its lines were read: 0 compared)
  if (index === options.from + options.count) await apia?.done;
  else if (mine.size > 0) await apia?.reached(Math.max(...mine.keys()));
  apia?.stop();
  const theirs = apia?.digests ?? new Map<number, string>();
  let tzMismatches = 0;
  let tzCompared = 0;
  for (const [at, { digest, kind, how }] of mine) {
    if (!theirs.has(at)) continue;
    tzCompared += 1;
    if (theirs.get(at) === digest) continue;
    tzMismatches += 1;
    note(at, kind, 'TZ mismatch', how, `${digest} here, ${theirs.get(at)} in Pacific/Apia`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { tally, examples, tzCompared, tzMismatches, harnessErrors, seconds, count: index - options.from };
}

/** The campaign as a table, one row per kind, and the failures found. */
export function report(campaign: Campaign): string {
  const columns = ['inputs', 'ok', 'refused', ...FAILURES, 'slowest ms'];
  const rows = KINDS.filter((kind) => campaign.tally[kind].inputs > 0).map((kind) => {
    const t = campaign.tally[kind];
    return [
      kind,
      t.inputs,
      t.ok,
      t.refused,
      ...FAILURES.map((f) => t.failures[f]),
      `${t.slowestMs.toFixed(1)} (#${t.slowestIndex})`,
    ];
  });
  const total = [
    'total',
    ...columns.slice(0, -1).map((_, c) => rows.reduce((n, row) => n + Number(row[c + 1]), 0)),
    '',
  ];
  const all = [['kind', ...columns], ...rows, total].map((row) => row.map(String));
  const widths = all[0]!.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const lines = all.map((row) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | '),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('-|-'));
  lines.push(
    '',
    `TZ=Pacific/Apia: ${campaign.tzCompared} compared, ${campaign.tzMismatches} mismatches`,
    `harness errors (test/fuzz itself): ${campaign.harnessErrors}`,
    `wall time ${campaign.seconds.toFixed(1)} s`,
  );
  for (const e of campaign.examples) lines.push(`#${e.index} ${e.kind} ${e.failure}: ${e.detail}\n    ${e.how}`);
  return lines.join('\n');
}

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}

async function main(): Promise<void> {
  const options: CampaignOptions = {
    seed: Number(argument('seed', '1')),
    from: Number(argument('from', '0')),
    count: Number(argument('count', '100000')),
    kinds: process.argv.includes('--kinds') ? (argument('kinds', '').split(',') as Kind[]) : undefined,
    tzEvery: Number(argument('tz-every', '50')),
    until: process.argv.includes('--until') ? Date.parse(argument('until', '')) : undefined,
    progress: (done) => process.stderr.write(`${new Date().toISOString()} ${done} inputs\n`),
    interim: (table) => process.stderr.write(`${table}\n`),
  };
  if (process.argv.includes('--digests')) {
    // the child: the digest of every tzEvery-th case, computed in this process's TZ
    const weights = weightsFor(options.kinds);
    for (let index = options.from; index < options.from + options.count; index += options.tzEvery) {
      const random = caseRandom(options.seed, index);
      let fuzz: FuzzCase;
      try {
        fuzz = drawCase(random, weights);
      } catch {
        continue; // counted by the parent, which draws the same case
      }
      process.stdout.write(`${index} ${runCase({ ...fuzz, orderFree: false }, random).digest}\n`);
    }
    return;
  }
  if (process.argv.includes('--verbose')) {
    for (let index = options.from; index < options.from + options.count; index++) {
      const random = caseRandom(options.seed, index);
      const fuzz = drawCase(random, weightsFor(options.kinds));
      console.log(`#${index} ${fuzz.kind}: ${fuzz.how}`);
      console.log(runCase(fuzz, random));
    }
  }
  const campaign = await runCampaign(options);
  console.log(`seed ${options.seed}, cases ${options.from} to ${options.from + campaign.count - 1}`);
  console.log(report(campaign));
  const failed =
    KINDS.some((kind) => FAILURES.some((f) => campaign.tally[kind].failures[f] > 0)) ||
    campaign.tzMismatches > 0 ||
    campaign.harnessErrors > 0;
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] === RUN) await main();

import type { Issue } from '../base/errors.js';

/**
 * Whether a problem the meaning checks found is a follow-on of one the schema reported: at the
 * same place or inside it (shares written as a list are one mistake, not also "no share" for each
 * provider and "add up to 0 %"), so each mistake is reported once.
 */
export function followsOn(issue: Issue, schemaIssues: readonly Issue[]): boolean {
  const list = referredList(issue);
  // an unknown field is reported at its object, whose other problems are problems of their own
  return schemaIssues.some(
    (reported) =>
      (reported.code !== 'unrecognized_keys' &&
        (issue.path === reported.path ||
          issue.path.startsWith(`${reported.path}.`) ||
          issue.path.startsWith(`${reported.path}[`))) ||
      (list !== undefined && list.test(reported.path)),
  );
}

/** The lists a reference names an entry of, by the code of the issue that it names none. */
const REFERRED: Record<string, string> = {
  unknown_party: 'parties',
  unknown_period: 'periods',
  unknown_pool: 'pools',
  unknown_metric: 'metrics',
};

/**
 * Where a problem already reported would make `issue` follow on from it: a reference to an
 * unknown party follows on from a party the schema refused (it may be the one meant), a step
 * order or a pool's sides from steps the schema refused.
 */
function referredList(issue: Issue): RegExp | undefined {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pool = /^pools\[\d+\]/.exec(issue.path)?.[0];
  if (pool !== undefined && issue.code === 'unknown_step')
    return new RegExp(`^${escape(pool)}\\.steps(\\[\\d+\\](\\.(id|type))?)?$`);
  // which sides a pool shares is read from all its steps, so any step refused may be the one
  if (pool !== undefined && (issue.code === 'unclear_sides' || issue.code === 'side_without_share'))
    return new RegExp(`^${escape(pool)}\\.steps([.[]|$)`);
  const listName = REFERRED[issue.code];
  if (listName === undefined) return undefined;
  // the list in the same pool when it is a pool's (metrics), else the contract's
  const inPool = listName === 'metrics' && pool !== undefined ? `${escape(pool)}\\.` : '';
  return new RegExp(`^${inPool}${listName}(\\[\\d+\\](\\.id)?)?$`);
}

/**
 * The schema's problems without those a misspelt field causes: `"limit" (did you mean "limits"?)
 * is not a field here` is the one mistake, not also "limits must be given".
 */
export function withoutMisspelt(issues: readonly Issue[]): Issue[] {
  const meant = misspelt(issues);
  return issues.filter((issue) => issue.code === 'unrecognized_keys' || !meant.has(issue.path));
}

/** The paths of the fields that unknown fields were probably meant to be (`parties[1].contractValue`). */
function misspelt(issues: readonly Issue[]): Set<string> {
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    for (const [, field] of issue.message.matchAll(/\(did you mean "([^"]+)"\?\)/g))
      meant.add(issue.path === '' ? String(field) : `${issue.path}.${String(field)}`);
  }
  return meant;
}

/**
 * Whether a meaning check's "party X has no contract value" follows on from X's contract value
 * being misspelt (`contractVlaue`): the one mistake is reported once, at the party.
 */
export function followsOnMisspeltValue(
  issue: Issue,
  schemaIssues: readonly Issue[],
  parties: readonly unknown[],
): boolean {
  if (issue.code !== 'missing_contract_value') return false;
  const ids = [...misspelt(schemaIssues)].flatMap((path) => {
    const index = /^parties\[(\d+)\]\.contractValue$/.exec(path)?.[1];
    const party = index === undefined ? undefined : (parties[Number(index)] as { id?: unknown } | undefined);
    return typeof party?.id === 'string' ? [party.id] : [];
  });
  return ids.some((id) => issue.message.includes(`'${id}'`));
}

/** A temporary git repository holding a pdb project, for the `pdb diff --base` tests. */
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixtureFiles, tempProject, writeFiles, type ProjectFiles } from '../support/temp-project.js';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

export function git(dir: string, args: readonly string[]): string {
  return execFileSync('git', [...args], { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
}

/** The small compile fixture (or `files`), committed as the first commit of a fresh repository; returns its folder. */
export async function gitProject(files?: ProjectFiles): Promise<string> {
  const dir = await tempProject(files ?? (await fixtureFiles('test/fixtures/compile/small')));
  await writeFile(join(dir, '.gitignore'), 'target/\n');
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  return dir;
}

/** Replaces `before` with `after` in a file of the project; fails when `before` is not there. */
export async function edit(dir: string, path: string, before: string, after: string): Promise<void> {
  const text = await readFile(join(dir, path), 'utf8');
  if (!text.includes(before)) throw new Error(`${path} does not contain ${JSON.stringify(before)}`);
  await writeFile(join(dir, path), text.replace(before, after));
}

/**
 * The change the tests review: stg_events gets a column, daily_users a column in its SQL and
 * YAML and a stricter test, weekly_users is added and users_by_country removed.
 */
export async function changeProject(dir: string): Promise<void> {
  await edit(dir, 'models/staging/stg_events.sql', '  {{ mapping.country }} as country\n', "  {{ mapping.country }} as country,\n  'web' as platform\n");
  await edit(dir, 'models/metrics/daily_users.sql', 'select event_date, active_users\n', 'select event_date, active_users, dayofweek(event_date) as weekday\n');
  await edit(dir, 'models/metrics/daily_users.yml', '          - accepted_range: { min_value: 0, severity: warn }\n', '          - accepted_range: { min_value: 1, severity: warn }\n      - name: weekday\n');
  await writeFiles(dir, { 'models/metrics/weekly_users.sql': "select date_trunc('week', event_date) as week, max(active_users) as peak_users\nfrom {{ ref('daily_users') }}\ngroup by 1\n" });
  await rm(join(dir, 'models/metrics/users_by_country.sql'));
  await rm(join(dir, 'models/metrics/users_by_country.yml'));
}

/**
 * The user id where no column is called user_id: a column named for the app's people (`player`),
 * or, with no such name, the text column whose values identify people by their shape and counts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { duckdb, projectWithSource, readText, runInfer } from './infer-harness.js';

/** 200 people with 3 to 9 events each, a session key per 3 events, an event id per row, and a platform label. */
const events = (person: string): string => `copy (
  select 'p' || i as ${person}, 's' || i || '-' || (k // 3) as session_key, 'e' || i || '-' || k as event_uuid,
    ['ios', 'android'][1 + i % 2] as platform, ['open', 'play', 'win', 'quit'][1 + k % 4] as action,
    timestamp '2026-10-01' + to_seconds(i * 600 + k * 60) as ts
  from range(200) as t(i), range(3 + i % 7) as e(k)
) to 'FILE' (format parquet)`;

async function inferredUserId(person: string): Promise<{ expression: string | undefined; comment: string }> {
  const dir = await projectWithSource('data/events.parquet');
  await mkdir(join(dir, 'data'), { recursive: true });
  await duckdb([events(person).replace('FILE', join(dir, 'data', 'events.parquet'))]);
  const inferred = await runInfer(dir, ['--source', 'app.events']);
  assert.is(inferred.code, 0, inferred.stderr);
  const yaml = await readText(dir, 'mapping.yml');
  const lines = yaml.split('\n');
  const at = lines.findIndex((l) => l.startsWith('  user_id:'));
  return { expression: at < 0 ? undefined : lines[at]!.slice('  user_id: '.length), comment: lines.slice(Math.max(0, at - 3), at).join('\n') };
}

test('a column named for the app\'s people (player) is the user id', async () => {
  const { expression } = await inferredUserId('player');
  assert.is(expression, "nullif(player, '')");
});

test('no column named like a user id: the identifiers of people by their values, not sessions, event ids or labels, flagged for review', async () => {
  const { expression, comment } = await inferredUserId('who');
  assert.is(expression, "nullif(who, '')");
  assert.match(comment, 'no column is named like a user id');
  assert.match(comment, 'check that it identifies people');
});

test.run();

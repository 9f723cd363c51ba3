/**
 * One small build of the repo's own project on a generated sample, shared by the report's tests
 * of one process (a build takes a few seconds): the report, the tables and target/ it read.
 */
import * as assert from 'uvu/assert';
import { copyRepoProject, runCli } from '../support/temp-project.js';

let built: Promise<{ dir: string; buildStdout: string }> | undefined;

/** The repo's project on 1,500 users over 21 days (enough for D14, not for D30), built. */
export function sampleBuild(): Promise<{ dir: string; buildStdout: string }> {
  built ??= (async () => {
    const dir = await copyRepoProject();
    const sample = await runCli(dir, ['sample', '--users', '1500', '--days', '21', '--out', 'data/report']);
    assert.is(sample.code, 0, sample.stderr);
    const build = await runCli(dir, ['build', '--vars', '{"events_path": "data/report/events_*.parquet"}']);
    assert.is(build.code, 0, build.stdout + build.stderr);
    return { dir, buildStdout: build.stdout };
  })();
  return built;
}

/** The database of the repo's profiles.yml (target dev). */
export const SAMPLE_DATABASE = 'target/pdb.duckdb';

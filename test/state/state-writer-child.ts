/** A second process for the concurrency test: records `count` runs into the store at argv[2]. */
import { DuckDbStateStore } from '../../src/state/duckdb-state-store.js';

const [file, prefix, countText] = process.argv.slice(2);
const store = new DuckDbStateStore(file!, 'state.duckdb');
for (let i = 0; i < Number(countText); i++) {
  await store.recordRun({
    runId: `${prefix}-${i}`, runHash: 'h', project: 'p', command: 'build', select: [], exclude: [], vars: {}, target: 'p/dev',
    startedAt: `2026-12-01T00:00:${String(i).padStart(2, '0')}.000Z`, seconds: 0.1, status: 'success', pdbVersion: 'test',
    steps: [{ stepId: 'model.a', kind: 'model', name: 'a', status: 'success', seconds: 0.1, rows: i, relation: 'main.a', fingerprint: `${prefix}${i}` }],
  });
}

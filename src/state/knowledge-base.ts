import type { KnowledgeBase, KnowledgeFinding, KnownFinding } from '../plugins/plugin-api.js';
import type { StateStore } from './state-store.js';
import type { FindingRecord } from './state-types.js';

/**
 * The plugin API's knowledge base over the run-state store, for one project and one run: a
 * plugin stores its findings and learns which it has seen before and what people said of them.
 */
export function knowledgeBase(store: StateStore, project: string, runId: string): KnowledgeBase {
  return {
    async recordFindings(findings) {
      const { current, resolved } = await store.recordFindings(project, runId, findings.map(recordOf));
      const known: KnownFinding[] = current.map((f) => ({
        key: f.key,
        status: f.status === 'new' ? 'new' : 'persisting',
        first_seen_run: f.firstSeenRun,
        ...(f.feedback === undefined ? {} : { feedback: { verdict: f.feedback.verdict, note: f.feedback.note, at: f.feedback.at } }),
      }));
      return { findings: known, resolved: resolved.map(findingOf) };
    },
  };
}

function recordOf(f: KnowledgeFinding): FindingRecord {
  return { key: f.key, findingId: f.id, kind: f.kind, metric: f.metric, segment: f.segment, dateFrom: f.date_from, dateTo: f.date_to, significant: f.significant, summary: f.summary };
}

function findingOf(f: FindingRecord): KnowledgeFinding {
  return { key: f.key, id: f.findingId, kind: f.kind, metric: f.metric, segment: f.segment, date_from: f.dateFrom, date_to: f.dateTo, significant: f.significant, summary: f.summary };
}

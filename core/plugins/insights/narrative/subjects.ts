/**
 * Groups significant findings by what they are about (a day, a segment value, a series' trend, the
 * funnel), so that one insight tells one story: the outage day's drop in users, new users and
 * revenue is one insight, not three.
 */
import type { Finding } from '../insights-file.js';

export interface Subject {
  readonly key: string;
  /** Ordered by score, the first is the lead. */
  readonly findings: readonly Finding[];
}

export function subjectKey(f: Finding): string {
  switch (f.kind) {
    case 'anomaly':
    case 'gap':
      return f.where['event_date'] !== undefined ? `day:${f.where['event_date']}` : `gap:${f.key}`;
    case 'segment': {
      const [dimension, value] = Object.entries(f.where)[0] ?? ['segment', ''];
      return `segment:${dimension}=${value}`;
    }
    case 'trend':
      return `trend:${f.metric}`;
    case 'funnel':
      return 'funnel';
    case 'benchmark':
      return `benchmark:${f.metric}`;
  }
}

/** How many subjects of one family the top of a narrative takes before the others get a turn. */
const FAMILY_CAP: Readonly<Record<string, number>> = { day: 3, gap: 2, segment: 2, trend: 1, funnel: 1, benchmark: 1 };

/**
 * The first `top` subjects, taking at most a few of each family (days, segments, trends, ...) so a
 * narrative covers different stories; when there are too few others, the rest fill in by rank.
 */
export function topSubjects(all: readonly Subject[], top: number): Subject[] {
  const taken: Subject[] = [];
  const perFamily = new Map<string, number>();
  for (const s of all) {
    if (taken.length >= top) break;
    const family = s.key.slice(0, s.key.indexOf(':') < 0 ? s.key.length : s.key.indexOf(':'));
    if ((perFamily.get(family) ?? 0) >= (FAMILY_CAP[family] ?? 1)) continue;
    perFamily.set(family, (perFamily.get(family) ?? 0) + 1);
    taken.push(s);
  }
  for (const s of all) if (taken.length < top && !taken.includes(s)) taken.push(s);
  return all.filter((s) => taken.includes(s));
}

/** Subjects of the significant findings (and gaps), in order of their best finding. */
export function subjects(findings: readonly Finding[]): Subject[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!(f.significant || (f.kind === 'gap' && f.test === null))) continue;
    const key = subjectKey(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()].map(([key, list]) => ({ key, findings: list })).sort((a, b) => b.findings[0]!.score - a.findings[0]!.score);
}

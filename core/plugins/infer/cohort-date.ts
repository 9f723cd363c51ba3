/**
 * The optional cohort date: a column such as `install_date` or `first_seen` that dates when a user
 * arrived. Proposed only when its name says so and its values behave so: one value per user (in
 * the sample) and on or before the day of each of the user's events.
 */
import type { FieldProposal } from '../../../src/plugins/plugin-api.js';
import { timeExpression } from './event-time.js';
import { type Candidate, pct, round } from './fields.js';
import { describeTime, timeMillis } from './profile.js';

const COHORT_NAME =
  /^(cohort_date|cohort_day|install_(date|day|time|ts|timestamp|at)|installed_(at|on)|first_seen(_at|_date|_day|_time|_ts)?|first_open_(date|time)|signup_(date|time|at)|sign_up_(date|at)|registration_(date|time)|registered_(at|on)|first_(active|login)_(date|at|time))$/;
const DAY_MS = 86_400_000;

export function proposeCohortDate(all: readonly Candidate[], user: Candidate | undefined, time: Candidate | undefined): FieldProposal | undefined {
  const named = all.filter((c) => c.profile.time !== undefined && c !== time && COHORT_NAME.test(c.leaf.name));
  let top: { c: Candidate; score: number; evidence: string[] } | undefined;
  for (const c of named) {
    const kind = c.profile.time!;
    const values = c.leaf.values.map((v) => timeMillis(kind, v));
    const evidence = [`name '${c.leaf.path}' says when a user arrived`, `values are ${describeTime(kind)}`];
    let score = 0.9;
    if (user !== undefined) {
      const perUser = new Map<string, Set<number>>();
      user.leaf.values.forEach((u, i) => {
        const v = values[i];
        if (u === null || u === undefined || u === '' || v === undefined) return;
        const set = perUser.get(String(u)) ?? new Set<number>();
        set.add(Math.floor(v / DAY_MS));
        perUser.set(String(u), set);
      });
      const constant = perUser.size === 0 ? 0 : [...perUser.values()].filter((s) => s.size === 1).length / perUser.size;
      evidence.push(`one value per user for ${pct(constant)} of ${perUser.size} sampled users`);
      if (constant < 0.95) score *= 0.5;
    }
    if (time !== undefined) {
      let both = 0;
      let notAfter = 0;
      time.leaf.values.forEach((t, i) => {
        const e = timeMillis(time.profile.time!, t);
        const v = values[i];
        if (e === undefined || v === undefined) return;
        both++;
        if (Math.floor(v / DAY_MS) <= Math.floor(e / DAY_MS)) notAfter++;
      });
      const share = both === 0 ? 0 : notAfter / both;
      evidence.push(`on or before the event's day on ${pct(share)} of sampled rows`);
      if (share < 0.99) score *= 0.6;
    }
    if (top === undefined || score > top.score) top = { c, score, evidence };
  }
  if (top === undefined) return undefined;
  return { expression: timeExpression(top.c.leaf.path, top.c.profile.time!), confidence: round(top.score), evidence: top.evidence };
}

/**
 * Event roles from the whole source: the vocabulary of event names, new-user events, revenue
 * types, and the funnel: the steps in the order new users actually reach them on their first day.
 */
import type { DialectInfo, MappingProposal, Row } from '../../../src/plugins/plugin-api.js';
import type { TimeKind } from './profile.js';
import { NEW_USER_EVENTS, NOISE_EVENTS, REVENUE_PATTERNS, STEP_LABELS, eventKey } from './vocabulary.js';

export interface EventInputs {
  readonly relation: string;
  readonly userSql: string;
  readonly eventSql: string;
  readonly timePath: string;
  readonly timeKind: TimeKind;
  readonly dialect: DialectInfo;
  readonly query: (sql: string) => Promise<readonly Row[]>;
}

export type Events = NonNullable<MappingProposal['events']>;

/** A sortable expression of the event time and its calendar day (UTC), in SQL both engines run. */
export function timeSql(path: string, kind: TimeKind): { order: string; day: string } {
  switch (kind) {
    case 'epoch_micros':
      return { order: path, day: `floor(${path} / 86400000000)` };
    case 'epoch_millis':
      return { order: path, day: `floor(${path} / 86400000)` };
    case 'epoch_seconds':
      return { order: path, day: `floor(${path} / 86400)` };
    case 'iso_string':
      return { order: `cast(${path} as timestamp)`, day: `cast(cast(${path} as timestamp) as date)` };
    case 'date_string':
    case 'native_date':
      return { order: `cast(${path} as date)`, day: `cast(${path} as date)` };
    case 'native_timestamp':
      return { order: path, day: `cast(${path} as date)` };
  }
}

/** Event names of the whole source with their counts, most frequent first. */
export async function eventVocabulary(inputs: EventInputs): Promise<{ name: string; count: number }[]> {
  const rows = await inputs.query(`select ${inputs.eventSql} as event_name, count(*) as n from ${inputs.relation} where ${inputs.eventSql} is not null group by 1 order by 2 desc, 1 limit 500`);
  return rows.map((r) => ({ name: String(r['event_name']), count: Number(r['n']) }));
}

export async function proposeEvents(inputs: EventInputs, vocabulary: readonly { name: string; count: number }[]): Promise<{ events: Events; evidence: string[] }> {
  const names = vocabulary.map((v) => v.name);
  const evidence: string[] = [];
  // Matched by key ("Signed Up" is signed_up), kept in the word list's order.
  const newUserRank = (n: string): number => NEW_USER_EVENTS.indexOf(eventKey(n));
  const newUser = names.filter((n) => newUserRank(n) >= 0).sort((a, b) => newUserRank(a) - newUserRank(b) || (a < b ? -1 : 1));
  evidence.push(newUser.length > 0 ? `new users: ${newUser.join(', ')} marks a first open or sign-up` : 'new users: no install or sign-up event, so a user is new on their first activity');
  const revenueTypes = {
    iap: names.filter((n) => REVENUE_PATTERNS.iap.test(eventKey(n)) && !REVENUE_PATTERNS.subscription.test(eventKey(n))),
    ads: names.filter((n) => REVENUE_PATTERNS.ads.test(eventKey(n))),
    subscription: names.filter((n) => REVENUE_PATTERNS.subscription.test(eventKey(n))),
  };
  for (const [type, list] of Object.entries(revenueTypes)) if (list.length > 0) evidence.push(`revenue type ${type}: ${list.join(', ')} by name`);
  evidence.push('activity: every event makes a user active');
  const funnel = await proposeFunnel(inputs, names, newUser, revenueTypes, evidence);
  const sortedTypes = Object.fromEntries(Object.entries(revenueTypes).filter(([, list]) => list.length > 0).map(([k, list]) => [k, [...list].sort()]));
  return { events: { activity: 'all', newUser, funnel, revenueTypes: sortedTypes }, evidence };
}

async function proposeFunnel(inputs: EventInputs, names: readonly string[], newUser: readonly string[], revenue: { iap: string[]; ads: string[]; subscription: string[] }, evidence: string[]): Promise<Events['funnel']> {
  if (inputs.timeKind === 'date_string' || inputs.timeKind === 'native_date') {
    evidence.push('funnel: none (event times are dates only, so the order of steps within a day is unknown)');
    return [];
  }
  const excluded = new Set([...newUser, ...revenue.ads, ...revenue.subscription]);
  const candidates = names.filter((n) => !excluded.has(n) && !NOISE_EVENTS.has(eventKey(n)) && !/(fail|error|cancel|remove|exception)/.test(eventKey(n)));
  // A `*_begin` step is implied by its `*_complete`: keep the completion only.
  const steps = candidates.filter((n) => !(n.endsWith('_begin') && candidates.includes(`${n.slice(0, -'_begin'.length)}_complete`)));
  if (steps.length < 2) {
    evidence.push('funnel: none (fewer than two distinct step events)');
    return [];
  }
  const { order, day } = timeSql(inputs.timePath, inputs.timeKind);
  const q = inputs.dialect.quoteString;
  const newUserFilter = newUser.length > 0 ? `where n in (${newUser.map(q).join(', ')})` : '';
  const sql = `with e as (select ${inputs.userSql} as u, ${order} as t, ${day} as d, ${inputs.eventSql} as n from ${inputs.relation} where ${inputs.userSql} is not null and ${inputs.timePath} is not null),
firsts as (select u, min(d) as d0 from e ${newUserFilter} group by u),
first_day as (select e.u, e.n, min(e.t) as t from e inner join firsts as f on e.u = f.u and e.d = f.d0 where e.n in (${steps.map(q).join(', ')}) group by e.u, e.n),
ranked as (select n, row_number() over (partition by u order by t, n) as r from first_day)
select n as event_name, count(*) as users, avg(r) as avg_rank, (select count(*) from firsts) as new_users from ranked group by n`;
  const rows = await inputs.query(sql);
  const newUsers = Number(rows[0]?.['new_users'] ?? 0);
  const reach = rows
    .map((r) => ({ name: String(r['event_name']), users: Number(r['users']), rank: Number(r['avg_rank']) }))
    // "Many" new users: 1% of them, and never a single user's odd event (small data sets have a dozen new users).
    .filter((r) => newUsers > 0 && r.users / newUsers >= 0.01 && r.users >= Math.min(2, newUsers));
  // Order by when users reach them; keep at most six steps, the most reached ones.
  const kept = [...reach].sort((a, b) => b.users - a.users || (a.name < b.name ? -1 : 1)).slice(0, 6);
  const ordered = kept.sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : 1));
  if (ordered.length < 2) {
    evidence.push('funnel: none (fewer than two events reached by 1% of new users, and at least two, on their first day)');
    return [];
  }
  const used = new Set<string>();
  const funnel = ordered.map((s) => {
    let label = STEP_LABELS[eventKey(s.name)] ?? s.name;
    if (used.has(label)) label = s.name;
    used.add(label);
    return { name: label, events: [s.name] };
  });
  evidence.push(`funnel: ${ordered.map((s) => `${s.name} (${Math.round((s.users / newUsers) * 100)}% of new users on day one)`).join(' -> ')}, in the order new users reach them`);
  return funnel;
}

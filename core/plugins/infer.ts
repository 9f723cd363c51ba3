/**
 * The built-in schema-inference plugin (`pdb infer`): proposes the mapping of METRICS.md section 1
 * for a source from its columns, a sample of its rows and a few profiling queries. It uses only
 * the public plugin API, exactly as a user's plugin would.
 */
import type { CanonicalField, FieldProposal, InferContext, MappingProposal, PdbPlugin } from '../../src/plugins/plugin-api.js';
import { eventVocabulary, proposeEvents, type Events } from './infer/events.js';
import { proposeCategory } from './infer/category.js';
import { proposeCohortDate } from './infer/cohort-date.js';
import { proposeEventTime } from './infer/event-time.js';
import { candidates, proposeChannel, proposeEventName, proposeGeo, proposeRevenue, proposeRevenueType, proposeUserId } from './infer/fields.js';
import { leavesOf, paramKeysOf } from './infer/leaves.js';

export async function inferMapping(context: InferContext<unknown>): Promise<MappingProposal> {
  const { dialect } = context;
  const all = candidates(leavesOf(context.columns, context.sample, dialect.quoteIdentifier));
  const columns: Partial<Record<CanonicalField, FieldProposal>> = {};
  const taken = new Set<string>();
  const take = (field: CanonicalField, proposal: FieldProposal | undefined, path?: string): void => {
    if (proposal === undefined) return;
    columns[field] = proposal;
    taken.add(path ?? proposal.expression);
  };

  const user = proposeUserId(all, dialect);
  if (user !== undefined) take('user_id', user.proposal, user.candidate.leaf.path);
  const time = proposeEventTime(all);
  if (time !== undefined) take('event_time', time.proposal, time.candidate.leaf.path);
  const eventName = proposeEventName(all, taken, dialect);
  take('event_name', eventName);
  const geo = proposeGeo(all, taken);
  take('country', geo.country);
  take('region', geo.region);
  take('channel', proposeChannel(all, taken));
  take('cohort_date', proposeCohortDate(all, user?.candidate, time?.candidate));

  const eventColumn = eventName.expression.startsWith("'") ? undefined : eventName.expression;
  const topLevelEvent = eventColumn !== undefined && context.columns.some((c) => c.name === eventColumn) ? eventColumn : undefined;
  const userSql = columns.user_id?.expression;
  let events: Events | undefined;
  const evidence: string[] = [];
  let vocabulary: { name: string; count: number }[] = [];
  if (eventColumn === undefined) {
    events = { activity: 'all', newUser: [], funnel: [], revenueTypes: {} };
    evidence.push('no event names: every row is activity; a user is new on their first row; no funnel');
  } else if (userSql !== undefined && time !== undefined) {
    const inputs = { relation: context.sourceRelation, userSql, eventSql: eventColumn, timePath: time.candidate.leaf.path, timeKind: time.candidate.profile.time!, dialect, query: context.query };
    vocabulary = await eventVocabulary(inputs);
    const proposed = await proposeEvents(inputs, vocabulary);
    events = proposed.events;
    evidence.push(...proposed.evidence);
  }
  const params = paramKeysOf(context.columns, context.sample, topLevelEvent);
  take('revenue', proposeRevenue(all, taken, params, vocabulary.map((v) => v.name), eventColumn, dialect));
  take('revenue_type', proposeRevenueType(all, taken));

  const geoLevel = geo.country !== undefined && geo.countryValues >= 2 ? 'auto' : geo.region !== undefined ? 'region' : geo.country !== undefined ? 'country' : 'auto';
  evidence.push(
    geoLevel === 'auto' ? (geo.country === undefined ? 'geo level: no country or region; geo is unknown' : `geo level: auto (${geo.countryValues} countries in the sample)`)
    : geoLevel === 'region' ? `geo level: region (${geo.country === undefined ? 'no country' : 'a single country'})` : 'geo level: country (no region)',
  );
  const category = proposeCategory(vocabulary.map((v) => v.name), context.columns.map((c) => c.name));
  return { columns, timezone: 'UTC', geoLevel, ...(events === undefined ? {} : { events }), evidence, category };
}

const plugin: PdbPlugin = {
  name: 'infer',
  description: 'Proposes the schema mapping of a source from its columns, a sample and its event names.',
  inferMapping,
};

export default plugin;

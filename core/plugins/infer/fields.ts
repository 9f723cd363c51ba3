/**
 * Picks a column (or an expression) for each canonical field by name and by value profile, with
 * a confidence and the evidence for it.
 */
import type { CanonicalField, DialectInfo, FieldProposal, MappingProposal } from '../../../src/plugins/plugin-api.js';
import type { Leaf, ParamKey } from './leaves.js';
import { profileValues, type Profile } from './profile.js';
import { REVENUE_PATTERNS, eventKey } from './vocabulary.js';

export interface Candidate {
  readonly leaf: Leaf;
  readonly profile: Profile;
}

type Columns = Partial<Record<CanonicalField, FieldProposal>>;

/** Fields chosen by name and value profile here (event time and cohort date have their own files). */
type NamedField = Exclude<CanonicalField, 'event_time' | 'cohort_date'>;

/** Name patterns and how strongly each says "this is the field" (first match wins). */
const NAMES: Readonly<Record<NamedField, readonly (readonly [RegExp, number])[]>> = {
  user_id: [
    [/^user_pseudo_id$/, 1],
    [/^(anonymous_id|distinct_id|user_id|userid|uid|amplitude_id|domain_userid|network_userid)$/, 0.9],
    [/^(device_id|client_id|visitor_id|player_id|customer_id|account_id|member_id|domain_sessionid)$/, 0.8],
    // Who the app's people are called, alone or as an id or key (`player`, `customerId`, `member_key`).
    [/^(player|gamer|customer|member|account|visitor|subscriber|person|profile|device|client)(_?(id|key|uuid))?$/, 0.75],
    [/user/, 0.6],
  ],
  event_name: [[/^(event_name|event|event_type)$/, 1], [/^(action|page|page_name|screen|screen_name)$/, 0.8], [/(event|action)/, 0.6], [/(name|type)$/, 0.3]],
  country: [[/^(country|country_code|country_name)$/, 1], [/country/, 0.9]],
  region: [[/^(region|state|province|subdivision)$/, 1], [/(region|state|province)/, 0.8]],
  channel: [
    [/^(utm_source|mkt_source|media_source|acquisition_channel|channel|acquisition_source|campaign_source|context_campaign_source)$/, 0.95],
    [/^source$/, 0.85],
    [/(^|_)medium$/, 0.8],
    [/(channel|network)/, 0.7],
    [/(^utm_|^mkt_|campaign|referrer)/, 0.5],
  ],
  revenue: [[/^(event_value_in_usd|revenue|revenue_usd|value_in_usd)$/, 1], [/(revenue|amount|price|usd)/, 0.85], [/^value$/, 0.6]],
  revenue_type: [[/^(revenue_type|product_type|purchase_type)$/, 0.9]],
};


export function nameScore(field: NamedField, leaf: Leaf): number {
  const full = leaf.path.toLowerCase();
  if (field === 'channel' && /^traffic_source\.source$/.test(full)) return 1;
  for (const [pattern, score] of NAMES[field]) if (pattern.test(leaf.name)) return score;
  return 0;
}

export function candidates(leaves: readonly Leaf[]): Candidate[] {
  return leaves.map((leaf) => ({ leaf, profile: profileValues(leaf.type, leaf.values) }));
}

const filled = (p: Profile): number => (p.total === 0 ? 0 : p.nonNull / p.total);
export const round = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
export const pct = (x: number): string => `${Math.round(x * 100)}%`;

function best<T>(items: readonly T[], score: (item: T) => number): { item: T; score: number } | undefined {
  let top: { item: T; score: number } | undefined;
  for (const item of items) {
    const s = score(item);
    if (s > 0 && (top === undefined || s > top.score)) top = { item, score: s };
  }
  return top;
}

/** A text column (or struct field): only text can hold ''; UUID or number ids cannot. */
function textType(leaf: Leaf): boolean {
  const type = leaf.type.trim();
  if (!/^struct/i.test(type)) return /^(varchar|string|text|char|bpchar)\b/i.test(type);
  const field = new RegExp(`[(,]\\s*"?${leaf.name.replace(/[^\w]/g, '')}"?\\s+(varchar|string|text)\\b`, 'i');
  return field.test(type);
}

/** A few values repeated over many rows: labels (a plan, a user type), or a very small data set. */
const fewRepeated = (p: Profile): boolean => p.distinct <= 20 && p.distinct * 10 <= p.nonNull;

/**
 * The user id: by name, how often it is filled (empty strings count as missing: a logged-out row
 * of a Segment export has `user_id = ''`), and by values: identifiers with many distinct values win
 * over a column of a few repeated labels, and among near-equal names the richer column wins.
 */
export function proposeUserId(all: readonly Candidate[], dialect: DialectInfo): { proposal: FieldProposal; candidate: Candidate } | undefined {
  const named = all.filter((c) => c.profile.time === undefined && nameScore('user_id', c.leaf) > 0 && c.profile.nonNull > 0);
  if (named.length === 0) return userIdByValues(all, dialect);
  const richest = Math.max(1, ...named.map((c) => c.profile.distinct));
  const labels = (p: Profile): boolean => fewRepeated(p) && richest >= 3 * p.distinct;
  const score = (c: Candidate): number => nameScore('user_id', c.leaf) * filled(c.profile) * (labels(c.profile) ? 0.15 : 0.7 + (0.3 * c.profile.distinct) / richest);
  const top = best(named, score);
  if (top === undefined) return undefined;
  const c = top.item;
  const evidence = [
    `name '${c.leaf.path}' looks like a user id`,
    `${pct(filled(c.profile))} of sampled rows have a value`,
    `${c.profile.distinct} distinct values in the sample${c.profile.idLike ? ', shaped like device or user ids' : ''}`,
  ];
  const passed = named.filter((o) => o !== c && nameScore('user_id', o.leaf) >= 0.6);
  if (passed.length > 0) {
    const why = (o: Candidate): string => (labels(o.profile) ? `only ${o.profile.distinct} repeated labels` : filled(o.profile) < filled(c.profile) ? `filled on ${pct(filled(o.profile))} of rows` : `${o.profile.distinct} distinct values`);
    evidence.push(`not ${passed.map((o) => `'${o.leaf.path}' (${why(o)})`).join(', ')}`);
  }
  // Empty strings are missing ids: a logged-out row must never become a user called ''.
  const text = textType(c.leaf);
  if (text) evidence.push(c.profile.empty > 0 ? `${c.profile.empty} sampled rows have an empty string: read as missing` : 'empty strings are read as missing');
  // Nothing richer to compare with, but only a few values: maybe labels, maybe a tiny data set.
  if (fewRepeated(c.profile)) evidence.push(`only ${c.profile.distinct} values repeated over ${c.profile.nonNull} sampled rows: check that it identifies users`);
  const confidence = fewRepeated(c.profile) ? Math.min(0.5, round(top.score)) : round(top.score);
  return { proposal: { expression: text ? `nullif(${c.leaf.path}, ${dialect.quoteString('')})` : c.leaf.path, confidence, evidence }, candidate: c };
}

/** A token: letters, digits and `_.:@+-`, no spaces or slashes (not a URL, a sentence or a label with spaces). */
const TOKEN = /^[A-Za-z0-9_.:@+-]{1,64}$/;
/** Names of columns that identify something other than a person: never the user id by their values alone. */
const OTHER_IDS = /(session|event|order|transaction|purchase|message|request|row|line|item|product|sku|page|url|path|screen|ip)/;

/**
 * No column is named like a user id: the text column whose values look like identifiers of people
 * (tokens, filled on nearly every row, many of them, each on several rows as a person has several
 * events) is proposed, with a low confidence and a request to check it. An id unique per row (an
 * event id) repeats on no row; labels (a plan, a country) are few.
 */
function userIdByValues(all: readonly Candidate[], dialect: DialectInfo): { proposal: FieldProposal; candidate: Candidate } | undefined {
  const looksLikePeople = (c: Candidate): boolean => {
    const p = c.profile;
    return textType(c.leaf) && p.time === undefined && !p.numeric && !p.countryCodes && !p.countryNames && !p.cityState && !p.usStates && !OTHER_IDS.test(c.leaf.name)
      && filled(p) >= 0.95 && p.distinct >= 20 && p.nonNull >= 2 * p.distinct && p.strings.every((v) => TOKEN.test(v));
  };
  // Among several, the one with the most distinct values: a person is the finest grain that still repeats.
  const top = best(all.filter(looksLikePeople), (c) => c.profile.distinct);
  if (top === undefined) return undefined;
  const c = top.item;
  const perValue = Math.round(c.profile.nonNull / c.profile.distinct);
  return {
    proposal: {
      expression: `nullif(${c.leaf.path}, ${dialect.quoteString('')})`,
      confidence: 0.45,
      evidence: [
        'no column is named like a user id',
        `'${c.leaf.path}' holds identifiers: ${c.profile.distinct} distinct values in the sample, each on about ${perValue} rows, on ${pct(filled(c.profile))} of rows`,
        'check that it identifies people (not sessions or devices shared by several)',
      ],
    },
    candidate: c,
  };
}

export function proposeEventName(all: readonly Candidate[], taken: ReadonlySet<string>, dialect: DialectInfo): FieldProposal {
  const score = (c: Candidate): number => {
    if (taken.has(c.leaf.path) || c.profile.strings.length === 0 || c.profile.time !== undefined || c.profile.idLike) return 0;
    const repeats = c.profile.distinct <= 1000 && c.profile.distinct * 3 <= c.profile.nonNull;
    return repeats ? nameScore('event_name', c.leaf) * filled(c.profile) : 0;
  };
  const top = best(all, score);
  if (top === undefined || top.score < 0.25) {
    return { expression: dialect.quoteString('active'), confidence: 0.6, evidence: ['no column looks like event names: every row is taken as one activity (one row per user per active day)'] };
  }
  // Two columns that both look like event names (Snowplow's `event` and `event_name`, a type and a
  // name): the richer one (more distinct values) says more about what happened.
  const rivals = all.filter((c) => c !== top.item && score(c) >= Math.max(0.5, top.score * 0.75));
  const richer = [top.item, ...rivals].sort((a, b) => b.profile.distinct - a.profile.distinct || score(b) - score(a))[0]!;
  const c = richer;
  const evidence = [`name '${c.leaf.path}' looks like event names`, `a vocabulary of ${c.profile.distinct} values repeated over ${c.profile.nonNull} sampled rows`];
  const others = [top.item, ...rivals].filter((o) => o !== c);
  if (others.length > 0) evidence.push(`richer than ${others.map((o) => `'${o.leaf.path}' (${o.profile.distinct} values)`).join(', ')}`);
  return { expression: c.leaf.path, confidence: round(score(c)), evidence };
}

export function proposeGeo(all: readonly Candidate[], taken: ReadonlySet<string>): { country?: FieldProposal; region?: FieldProposal; countryValues: number } {
  const free = all.filter((c) => !taken.has(c.leaf.path) && c.profile.strings.length > 0 && !/continent|city/.test(c.leaf.name));
  const country = best(free, (c) => {
    const byValue = c.profile.countryCodes ? 0.8 : c.profile.countryNames ? 0.8 : 0;
    const byName = nameScore('country', c.leaf);
    return byName > 0 ? byName * (byValue > 0 ? 1 : 0.8) : byValue * 0.9;
  });
  const out: { country?: FieldProposal; region?: FieldProposal; countryValues: number } = { countryValues: country?.item.profile.distinct ?? 0 };
  if (country !== undefined) {
    const p = country.item.profile;
    const evidence = [nameScore('country', country.item.leaf) > 0 ? `name '${country.item.leaf.path}' says country` : `name '${country.item.leaf.path}' does not say country`];
    if (p.countryCodes) evidence.push('values are ISO-3166 country codes');
    else if (p.countryNames) evidence.push('values are country names');
    evidence.push(`${p.distinct} distinct value${p.distinct === 1 ? '' : 's'} in the sample`);
    out.country = { expression: country.item.leaf.path, confidence: round(country.score), evidence };
  }
  const region = best(free, (c) => (c === country?.item || c.profile.cityState ? 0 : nameScore('region', c.leaf) * (c.profile.usStates ? 1 : 0.95)));
  if (region !== undefined) {
    out.region = { expression: region.item.leaf.path, confidence: round(region.score), evidence: [`name '${region.item.leaf.path}' says region`, `${region.item.profile.distinct} distinct values in the sample`] };
    return out;
  }
  const cityState = best(free, (c) => (c.profile.cityState ? (c.profile.usCityState ? 0.85 : 0.7) : 0));
  if (cityState !== undefined) {
    const path = cityState.item.leaf.path;
    const metro = cityState.item.profile.strings.some((v) => /,[^,]*-/.test(v));
    // strpos/substr/trim exist in DuckDB and BigQuery alike: one expression for both engines.
    const after = `trim(substr(${path}, strpos(${path}, ',') + 1))`;
    const region = metro ? `case when strpos(${after}, '-') > 0 then substr(${after}, 1, strpos(${after}, '-') - 1) else ${after} end` : after;
    out.region = {
      expression: `case when strpos(${path}, ',') > 0 then ${region} end`,
      confidence: round(cityState.score),
      evidence: [
        `values of '${path}' are "City, ST" strings: the region is the part after the comma`,
        ...(metro ? ['metro areas list several states ("Chicago-Naperville-Elgin, IL-IN-WI"): the first one is the region'] : []),
        ...(cityState.item.profile.usCityState ? ['every part after the comma is a US state code'] : []),
      ],
    };
    if (out.country === undefined && cityState.item.profile.usCityState) {
      out.country = { expression: "'US'", confidence: 0.6, evidence: ['no country column; every region is a US state code, so one country: US'] };
      out.countryValues = 1;
    }
  }
  return out;
}

/**
 * The acquisition channel: marketing columns (source, medium, campaign, utm_*) by name, more filled
 * ones first. An id-like column (long hex or UUID strings, one per user or row: Snowplow's
 * `network_userid`) is never a channel, whatever its name says.
 */
export function proposeChannel(all: readonly Candidate[], taken: ReadonlySet<string>): FieldProposal | undefined {
  const eligible = (c: Candidate): boolean => !taken.has(c.leaf.path) && c.profile.strings.length > 0 && c.profile.time === undefined;
  const score = (c: Candidate): number => (eligible(c) && !c.profile.idLike && c.profile.distinct * 2 <= c.profile.nonNull ? nameScore('channel', c.leaf) * (0.5 + filled(c.profile) / 2) : 0);
  const top = best(all, score);
  if (top === undefined) return undefined;
  const c = top.item;
  const sample = [...new Set(c.profile.strings)].slice(0, 4).map((s) => `'${s}'`).join(', ');
  const evidence = [`name '${c.leaf.path}' looks like an acquisition channel`, `values such as ${sample}`, `${pct(filled(c.profile))} of sampled rows have a value`];
  const ids = all.filter((o) => eligible(o) && nameScore('channel', o.leaf) > 0 && (o.profile.idLike || o.profile.distinct * 2 > o.profile.nonNull));
  if (ids.length > 0) evidence.push(`not ${ids.map((o) => `'${o.leaf.path}' (${o.profile.idLike ? 'id-like values' : 'nearly one value per row'})`).join(', ')}`);
  return { expression: c.leaf.path, confidence: round(top.score), evidence };
}

export function proposeRevenue(all: readonly Candidate[], taken: ReadonlySet<string>, params: readonly ParamKey[], eventNames: readonly string[], eventColumn: string | undefined, dialect: DialectInfo): FieldProposal | undefined {
  const top = best(all, (c) => (taken.has(c.leaf.path) || !c.profile.numeric || c.profile.time !== undefined ? 0 : nameScore('revenue', c.leaf) * (c.profile.amount || c.profile.nonNull === 0 ? 1 : 0.8)));
  // Ad revenue logged as a `value` parameter of ad events (GA4), which the revenue column leaves out.
  const adEvents = eventNames.filter((e) => REVENUE_PATTERNS.ads.test(eventKey(e)));
  const adParam = params.find((p) => /^(value|revenue)$/.test(p.key) && adEvents.some((e) => (p.events.get(e) ?? 0) > 0));
  const adCase = adParam === undefined || eventColumn === undefined ? undefined : (() => {
    const events = adEvents.filter((e) => (adParam.events.get(e) ?? 0) > 0);
    const test = events.length === 1 ? `${eventColumn} = ${dialect.quoteString(events[0]!)}` : `${eventColumn} in (${events.map(dialect.quoteString).join(', ')})`;
    return { events, sql: `case when ${test} then {{ ga4_param(${dialect.quoteString(adParam.key)}, 'number') }} end` };
  })();
  if (top === undefined && adCase === undefined) return undefined;
  const evidence: string[] = [];
  let expression: string;
  let confidence: number;
  if (top !== undefined) {
    const c = top.item;
    evidence.push(`name '${c.leaf.path}' looks like revenue`, c.profile.amount ? 'values are currency-like amounts' : c.profile.nonNull === 0 ? 'no values in the sample' : 'numeric values');
    expression = c.leaf.path;
    confidence = top.score;
  } else {
    expression = '';
    confidence = 0.6;
  }
  if (adCase !== undefined) {
    evidence.push(`ad revenue is the '${adParam!.key}' parameter of ${adCase.events.join(', ')} in ${adParam!.column}`);
    expression = expression === '' ? adCase.sql : `coalesce(${expression}, ${adCase.sql})`;
  }
  return { expression, confidence: round(confidence), evidence };
}

export function proposeRevenueType(all: readonly Candidate[], taken: ReadonlySet<string>): FieldProposal | undefined {
  const known = new Set(['iap', 'ads', 'subscription', 'other']);
  const top = best(all, (c) => (taken.has(c.leaf.path) || c.profile.strings.length === 0 ? 0 : nameScore('revenue_type', c.leaf) * (c.profile.strings.every((s) => known.has(s)) ? 1 : 0.5)));
  if (top === undefined) return undefined;
  return { expression: top.item.leaf.path, confidence: round(top.score), evidence: [`name '${top.item.leaf.path}' says revenue type`, `values: ${[...new Set(top.item.profile.strings)].sort().join(', ')}`] };
}

export type { Columns, MappingProposal };

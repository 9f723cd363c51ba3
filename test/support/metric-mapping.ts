import type { MetricRoles } from '../reference/index.js';

/** The mapping.yml of a project over the fixture events' columns (test/support/canonical-events.ts) with these roles. */
export function mappingYaml(roles: MetricRoles, withRevenueType: boolean): string {
  const list = (xs: readonly string[]): string => `[${xs.join(', ')}]`;
  return [
    'source: ga4.events',
    `timezone: ${roles.timezone}`,
    `geo_level: ${roles.geoLevel}`,
    'columns:',
    '  user_id: user_id',
    "  event_time: \"{{ timestamp_from_micros('ts_us') }}\"",
    '  event_name: event_name',
    '  country: country',
    '  region: region',
    '  channel: channel',
    '  revenue: revenue',
    ...(withRevenueType ? ['  revenue_type: revenue_type'] : []),
    ...(roles.cohortDateMapped === true ? ["  cohort_date: \"{{ timestamp_from_micros('install_us') }}\""] : []),
    'events:',
    `  activity: ${roles.activityEvents === 'all' ? 'all' : list(roles.activityEvents)}`,
    `  new_user: ${list(roles.newUserEvents)}`,
    '  funnel:',
    ...roles.funnel.map((s) => `    - { name: ${s.name}, events: ${list(s.events)} }`),
    `  revenue_types: { iap: ${list(roles.revenueTypes.iap)}, ads: ${list(roles.revenueTypes.ads)}, subscription: ${list(roles.revenueTypes.subscription)} }`,
    '',
  ].join('\n');
}

/** The roles of a mobile game over the fixture events (test/metrics/fixture-events.ts), in a zone with DST. */
export const GAME_ROLES: MetricRoles = {
  timezone: 'America/Los_Angeles',
  activityEvents: 'all',
  newUserEvents: ['first_open'],
  funnel: [
    { name: 'login', events: ['session_start'] },
    { name: 'game_started', events: ['level_start'] },
    { name: 'first_level', events: ['level_complete'] },
    { name: 'iap', events: ['in_app_purchase'] },
  ],
  revenueTypes: { iap: ['in_app_purchase'], ads: ['ad_impression'], subscription: ['subscription_start'] },
  geoLevel: 'auto',
};

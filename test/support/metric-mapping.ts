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

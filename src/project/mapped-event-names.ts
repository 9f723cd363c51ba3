import type { Mapping } from './types.js';

/**
 * Every event name the mapping gives a role, once, sorted: each should occur in the data. The
 * staging model counts each (`event_<i>_events`, in this order) and the data-quality checks read
 * those counts, so both take the list from here.
 */
export function mappedEventNames(mapping: Mapping): string[] {
  const names = new Set<string>([
    ...(mapping.activityEvents === 'all' ? [] : mapping.activityEvents),
    ...mapping.newUserEvents,
    ...mapping.funnel.flatMap((s) => s.events),
    ...mapping.revenueTypes.iap,
    ...mapping.revenueTypes.ads,
    ...mapping.revenueTypes.subscription,
  ]);
  return [...names].sort();
}

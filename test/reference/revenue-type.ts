/** The revenue type of one revenue event (METRICS.md section 1 and the mapping's event lists). */
import type { MetricRoles, RevenueType } from './types.js';

type ListedType = Exclude<RevenueType, 'other'>;
const LISTED_TYPES: readonly ListedType[] = ['iap', 'ads', 'subscription'];

/**
 * A mapped `revenue_type` value wins when non-null (unknown values become 'other'); otherwise the
 * event name is looked up in the lists iap, ads, subscription, in that order; in none: 'other'.
 */
export function revenueTypeOf(
  eventName: string,
  mappedType: string | null,
  lists: MetricRoles['revenueTypes'],
): RevenueType {
  if (mappedType != null) {
    return LISTED_TYPES.find((type) => type === mappedType) ?? 'other';
  }
  return LISTED_TYPES.find((type) => listOf(lists, type).includes(eventName)) ?? 'other';
}

function listOf(lists: MetricRoles['revenueTypes'], type: ListedType): readonly string[] {
  switch (type) {
    case 'iap':
      return lists.iap;
    case 'ads':
      return lists.ads;
    case 'subscription':
      return lists.subscription;
    default: {
      const unexpected: never = type;
      throw new Error(`Unknown revenue type: ${String(unexpected)}`);
    }
  }
}

/**
 * The sample game's events. The simulation stores an event as its index in EVENT_NAMES (a small
 * integer is cheaper to append than a string); the writer turns it back into the name in SQL.
 */

export const EVENT_NAMES = [
  'first_open',
  'session_start',
  'user_engagement',
  'tutorial_begin',
  'tutorial_complete',
  'level_start',
  'level_complete',
  'level_fail',
  'in_app_purchase',
  'ad_impression',
  'subscription_start',
  'subscription_renew',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

/** Event codes by name, e.g. `EV.level_start`. */
export const EV: { readonly [K in EventName]: number } = Object.fromEntries(
  EVENT_NAMES.map((name, i) => [name, i]),
) as { readonly [K in EventName]: number };

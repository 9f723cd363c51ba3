/** The reference implementation's public surface, for the SQL tests. */
export { computeCoreMetrics, NO_STEP_NAME } from './compute-core-metrics.js';
export { compareMetricTables, type CompareOptions } from './compare-metric-tables.js';
export { checkInvariants } from './check-invariants.js';
export { lastFunnelStep } from './funnel.js';
export { createEventDater } from './event-date.js';
export { dayToIso, isoToDay } from './calendar.js';
export * from './types.js';

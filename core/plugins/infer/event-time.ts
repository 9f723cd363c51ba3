/**
 * The event time among several time columns. Exports from trackers carry many: the device's clock,
 * the collector's, and the times of each later stage (sent, received, processed, loaded). The one
 * that behaves like the event's own time is the one the processing stages follow: another column
 * that is at or after it on (almost) every row, and strictly after on many, is a later stage, never
 * the event time. Device clocks drift (hours or days, either way): a column that is after a device
 * clock is not thereby a later stage, and a server-side time is preferred to a device reading when
 * both qualify (Amplitude's `event_time` over `client_event_time`, Segment's `timestamp` over
 * `original_timestamp`). A device clock is chosen only when nothing else qualifies.
 */
import type { FieldProposal } from '../../../src/plugins/plugin-api.js';
import { type Candidate, round } from './fields.js';
import { describeTime, resolution, timeMillis, type TimeKind } from './profile.js';

/** Names of event times, strongest first (then any *_tstamp, *_ts, *_at or *time*). */
const EVENT_TIME_NAMES: readonly (readonly [RegExp, number])[] = [
  [/^(event_timestamp|event_time|timestamp|ts|occurred_at|event_ts|derived_tstamp|collector_tstamp|time|event_tstamp|created_at)$/, 1],
  [/(_tstamp$|_ts$|_at$|time)/, 0.7],
  [/(date|day)/, 0.6],
];
/** Times of the user (first touch, install, sign-up), not of the event. */
const USER_TIME = /(first|touch|install|signup|sign_up|birth|registered|registration)/;
/** Readings of the device's clock: they drift (hours or days, either way), so no stage follows them reliably. */
const DEVICE_CLOCK = /^(dvce|client|device|original)_/;
/** Times of a later processing stage, by name. */
const STAGE_TIME = /(load|etl|ingest|insert|receiv|upload|sent|process|updated|arriv|uuid_ts)/;

export function eventTimeNameScore(name: string): number {
  for (const [pattern, score] of EVENT_TIME_NAMES) if (pattern.test(name)) return score;
  return 0;
}

/** The mapping expression that reads a time column of `kind` as a timestamp. */
export function timeExpression(path: string, kind: TimeKind): string {
  const quoted = `'${path.replaceAll("'", "\\'")}'`;
  switch (kind) {
    case 'epoch_micros':
      return `{{ timestamp_from_micros(${quoted}) }}`;
    case 'epoch_millis':
      return `{{ timestamp_from_millis(${quoted}) }}`;
    case 'epoch_seconds':
      return `{{ timestamp_from_seconds(${quoted}) }}`;
    case 'iso_string':
    case 'date_string':
      return `{{ timestamp_from_iso(${quoted}) }}`;
    case 'native_date':
      return `cast(${path} as timestamp)`;
    case 'native_timestamp':
      return path;
  }
}

interface Timed {
  readonly c: Candidate;
  readonly ms: readonly (number | undefined)[];
  /** Columns this one is a later stage of. */
  readonly after: Timed[];
  /** Columns that are later stages of this one. */
  readonly followers: Timed[];
}

/** `b` is a later stage of `a`: at or after it on 99% of the rows with both, after it on a fifth. */
function laterStage(a: Timed, b: Timed): boolean {
  let both = 0;
  let atOrAfter = 0;
  let strictlyAfter = 0;
  for (let i = 0; i < a.ms.length; i++) {
    const x = a.ms[i];
    const y = b.ms[i];
    if (x === undefined || y === undefined) continue;
    both++;
    if (y >= x) atOrAfter++;
    if (y > x) strictlyAfter++;
  }
  return both >= 5 && atOrAfter >= 0.99 * both && strictlyAfter >= 0.2 * both;
}

export function proposeEventTime(all: readonly Candidate[]): { proposal: FieldProposal; candidate: Candidate } | undefined {
  const times = all.filter((c) => c.profile.time !== undefined);
  if (times.length === 0) return undefined;
  // The user's own times are not event times (unless nothing else is a time).
  const ofEvents = times.filter((c) => !USER_TIME.test(c.leaf.name));
  let pool = ofEvents.length > 0 ? ofEvents : times;
  // A date-only column is the event time only when nothing finer exists.
  const finest = Math.max(...pool.map((c) => resolution(c.profile.time!)));
  if (finest > 1) pool = pool.filter((c) => resolution(c.profile.time!) > 1);

  const timed: Timed[] = pool.map((c) => ({ c, ms: c.leaf.values.map((v) => timeMillis(c.profile.time!, v)), after: [], followers: [] }));
  for (const a of timed) {
    for (const b of timed) {
      if (a !== b && !DEVICE_CLOCK.test(a.c.leaf.name) && laterStage(a, b)) {
        b.after.push(a);
        a.followers.push(b);
      }
    }
  }
  const rank = (t: Timed): number[] => [
    t.after.length === 0 ? 1 : 0,
    DEVICE_CLOCK.test(t.c.leaf.name) ? 0 : 1,
    t.followers.length,
    STAGE_TIME.test(t.c.leaf.name) ? 0 : 1,
    eventTimeNameScore(t.c.leaf.name),
    resolution(t.c.profile.time!),
    t.c.profile.total === 0 ? 0 : t.c.profile.nonNull / t.c.profile.total,
  ];
  const compare = (x: Timed, y: Timed): number => {
    const [rx, ry] = [rank(x), rank(y)];
    for (let i = 0; i < rx.length; i++) if (rx[i] !== ry[i]) return ry[i]! - rx[i]!;
    return 0;
  };
  const ordered = [...timed].sort(compare);
  const top = ordered[0]!;
  const c = top.c;
  const kind = c.profile.time!;
  const nameOk = eventTimeNameScore(c.leaf.name);
  const evidence = [`values are ${describeTime(kind)}`, nameOk > 0 ? `name '${c.leaf.path}' looks like an event time` : `name '${c.leaf.path}' does not say it is the event time`];
  if (top.followers.length > 0) evidence.push(`${top.followers.map((f) => `'${f.c.leaf.path}'`).join(', ')} follow it on every row (later processing stages)`);
  const others = times.filter((t) => t !== c);
  if (others.length > 0) {
    const why = (t: Candidate): string => {
      const entry = timed.find((x) => x.c === t);
      if (entry === undefined) return USER_TIME.test(t.leaf.name) ? 'a time of the user' : 'dates only';
      if (entry.after.length > 0) return `after ${entry.after.map((a) => `'${a.c.leaf.path}'`).join(', ')}`;
      if (DEVICE_CLOCK.test(t.leaf.name)) return "the device's clock";
      return entry.followers.length > 0 ? `followed by ${entry.followers.map((f) => `'${f.c.leaf.path}'`).join(', ')} only` : 'follows no pattern with the others';
    };
    evidence.push(`other time columns: ${others.map((t) => `'${t.leaf.path}' (${why(t)})`).join(', ')}`);
  }
  if (resolution(kind) <= 1) evidence.push('dates only: every event of a day gets midnight UTC, so first-day funnel order is unknown');
  // Two candidates that behaviour does not tell apart (only their names did): a guess to review.
  const runnerUp = ordered[1];
  const tied = runnerUp !== undefined && rank(runnerUp).slice(0, 3).join() === rank(top).slice(0, 3).join();
  if (tied) evidence.push(`'${runnerUp.c.leaf.path}' behaves alike: chosen by name`);
  const confidence = round((nameOk > 0 ? 0.6 : 0.4) + (resolution(kind) >= 3 ? 0.35 : 0.15) - (tied ? 0.3 : 0));
  return { proposal: { expression: timeExpression(c.leaf.path, kind), confidence, evidence }, candidate: c };
}

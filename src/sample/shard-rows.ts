/**
 * One shard's flat event rows, column by column in growable typed arrays. Millions of small row
 * objects cost more in allocation and garbage collection than simulating the events; numbers in
 * typed arrays cost neither, and the writer copies them into DuckDB's vectors column by column.
 */

const INITIAL_CAPACITY = 1024;

export class ShardRows {
  length = 0;
  user = new Int32Array(INITIAL_CAPACITY);
  /** Microseconds since epoch, UTC. */
  micros = new Float64Array(INITIAL_CAPACITY);
  /** ga_session_id, or -1 outside a session. */
  sessionId = new Float64Array(INITIAL_CAPACITY);
  /** ga_session_number, or -1 outside a session. */
  sessionNumber = new Int32Array(INITIAL_CAPACITY);
  /** The one number an event carries (engagement msec, level or `value`), or -1. */
  x = new Float64Array(INITIAL_CAPACITY);
  /** Index in EVENT_NAMES. */
  ev = new Int32Array(INITIAL_CAPACITY);
  /** Product index (purchases, subscriptions) or AD_UNITS index (ad impressions), else 0. */
  item = new Int32Array(INITIAL_CAPACITY);

  push(user: number, micros: number, ev: number, sessionId: number, sessionNumber: number, x: number, item: number): void {
    if (this.length === this.user.length) this.grow();
    const i = this.length++;
    this.user[i] = user;
    this.micros[i] = micros;
    this.sessionId[i] = sessionId;
    this.sessionNumber[i] = sessionNumber;
    this.x[i] = x;
    this.ev[i] = ev;
    this.item[i] = item;
  }

  /**
   * Row indices in time order; ties keep the order rows were pushed in (simulation order), so
   * the same run gives the same order everywhere.
   */
  timeOrder(): Uint32Array {
    const order = new Uint32Array(this.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const micros = this.micros;
    return order.sort((a, b) => micros[a]! - micros[b]! || a - b);
  }

  private grow(): void {
    const n = this.user.length * 2;
    this.user = resized(this.user, new Int32Array(n));
    this.micros = resized(this.micros, new Float64Array(n));
    this.sessionId = resized(this.sessionId, new Float64Array(n));
    this.sessionNumber = resized(this.sessionNumber, new Int32Array(n));
    this.x = resized(this.x, new Float64Array(n));
    this.ev = resized(this.ev, new Int32Array(n));
    this.item = resized(this.item, new Int32Array(n));
  }
}

function resized<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

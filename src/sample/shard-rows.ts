/**
 * One shard's flat event rows, column by column in growable typed arrays. Millions of small row
 * objects cost more in allocation and garbage collection than simulating the events; numbers in
 * typed arrays cost neither, and the writer copies them into DuckDB's vectors column by column.
 */

const INITIAL_CAPACITY = 1024;
const RADIX = 65536;

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

  /** Empties the buffer for another shard, keeping its arrays. */
  reset(): void {
    this.length = 0;
  }

  /**
   * Row indices in time order; ties keep the order rows were pushed in (simulation order), so
   * the same run gives the same order everywhere. A stable radix sort on microseconds from the
   * earliest row, 16 bits a pass: a comparison sort with a callback took as long as simulating.
   */
  timeOrder(): Uint32Array {
    const n = this.length;
    const micros = this.micros;
    let order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let min = Infinity;
    let max = -Infinity;
    let whole = true;
    for (let i = 0; i < n; i++) {
      const t = micros[i]!;
      if (t < min) min = t;
      if (t > max) max = t;
      if (!Number.isInteger(t)) whole = false;
    }
    // Radix digits need whole offsets; three passes cover 2^48 microseconds (8 years).
    if (n < 2 || !whole || !(max - min < 2 ** 48)) {
      return order.sort((a, b) => micros[a]! - micros[b]! || a - b);
    }
    const offset = new Float64Array(n);
    for (let i = 0; i < n; i++) offset[i] = micros[i]! - min;
    let next = new Uint32Array(n);
    const count = new Uint32Array(RADIX + 1);
    for (let div = 1; div <= max - min; div *= RADIX) {
      count.fill(0);
      for (let i = 0; i < n; i++) count[(Math.floor(offset[i]! / div) % RADIX) + 1]!++;
      for (let d = 1; d <= RADIX; d++) count[d]! += count[d - 1]!;
      for (let i = 0; i < n; i++) {
        const k = order[i]!;
        next[count[Math.floor(offset[k]! / div) % RADIX]!++] = k;
      }
      [order, next] = [next, order];
    }
    return order;
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

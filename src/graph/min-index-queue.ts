/**
 * A binary min-heap of small integers: the "ready set" of Kahn's algorithm. Models are numbered
 * in name order, so popping the smallest number pops the smallest name, which makes the
 * topological order a pure function of the graph, whatever order the models were loaded in.
 */
export class MinIndexQueue {
  private readonly heap: number[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(value: number): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p <= value) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = value;
  }

  pop(): number | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      let child = left;
      if (right < heap.length && heap[right]! < heap[left]!) child = right;
      const c = heap[child]!;
      if (last <= c) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

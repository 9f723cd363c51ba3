/**
 * Cycles among models, one per strongly connected component, each as a concrete ref path.
 * Iterative (explicit stacks) on purpose: graphlib's `alg.tarjan` recurses once per node and
 * overflows the call stack on a cycle of a few thousand models.
 */

/** `refs(id)` gives what `id` depends on, sorted, so the chosen path is deterministic. */
export type RefsOf<T extends string> = (id: T) => readonly T[];

/**
 * Each result is a cycle `[a, b, c]` meaning a refs b, b refs c, c refs a; a self-ref is `[a]`.
 * Every cycle starts at the smallest name of its component; cycles are sorted by that name.
 */
export function findCycles<T extends string>(ids: readonly T[], refs: RefsOf<T>): T[][] {
  const cycles: T[][] = [];
  for (const component of stronglyConnected(ids, refs)) {
    const start = component.reduce((min, id) => (id < min ? id : min));
    const members = new Set(component);
    if (component.length === 1 && !refs(start).includes(start)) continue;
    cycles.push(shortestCycle(start, members, refs));
  }
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}

/** Tarjan's algorithm with an explicit call stack. */
function stronglyConnected<T extends string>(ids: readonly T[], refs: RefsOf<T>): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const components: T[][] = [];
  let counter = 0;
  const inScope = new Set(ids);

  for (const root of ids) {
    if (index.has(root)) continue;
    // Each frame: the node and how many of its refs were already visited.
    const frames: { id: T; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter++;
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const targets = refs(frame.id);
      if (frame.next < targets.length) {
        const w = targets[frame.next++]!;
        if (!inScope.has(w)) continue;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter);
          counter++;
          stack.push(w);
          onStack.add(w);
          frames.push({ id: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: T[] = [];
        let w: T;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}

/** Breadth-first from `start` back to itself inside its component: the shortest cycle through it. */
function shortestCycle<T extends string>(start: T, members: ReadonlySet<T>, refs: RefsOf<T>): T[] {
  const cameFrom = new Map<T, T>();
  const queue: T[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of refs(v)) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path: T[] = [v];
        for (let at = v; at !== start; ) {
          at = cameFrom.get(at)!;
          path.push(at);
        }
        return path.reverse();
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  // Unreachable for a real component; keep the start so the error still names it.
  return [start];
}

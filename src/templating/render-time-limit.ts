import nunjucks from 'nunjucks';

/**
 * A time limit on rendering one template. Nunjucks renders synchronously, so nothing can stop it
 * from outside (a loop over a list it grows, `{% for x in xs %}{{ xs.push(x) }}`, never ends):
 * the check runs inside it, where every loop iteration and macro call sets variables on a Frame.
 * Throwing there lets Nunjucks attach the line and column of the statement under way.
 */
export const RENDER_TIME_LIMIT_MS = 5000;

let deadline: number | undefined;
let expired: (() => Error) | undefined;
let calls = 0;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const frame = (nunjucks as unknown as { runtime: { Frame: { prototype: { set: (...args: unknown[]) => unknown } } } }).runtime.Frame.prototype;
  const set = frame.set;
  frame.set = function (this: unknown, ...args: unknown[]): unknown {
    // Date.now() every 1024 calls keeps the check out of the render's cost.
    if (deadline !== undefined && (++calls & 1023) === 0 && Date.now() > deadline) {
      const error = expired!();
      deadline = undefined; // the error is raised once; the template's own handlers must not meet it again
      throw error;
    }
    return set.apply(this, args);
  };
}

/** Runs `render` (one synchronous Nunjucks render) with a time limit; a nested render shares the outer one's. */
export function withRenderTimeLimit<T>(limitMs: number, onExpired: () => Error, render: () => T): T {
  if (deadline !== undefined) return render();
  install();
  deadline = Date.now() + limitMs;
  expired = onExpired;
  calls = 0;
  try {
    return render();
  } finally {
    deadline = undefined;
    expired = undefined;
  }
}

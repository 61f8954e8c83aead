/**
 * Runs a generator of small steps on the main thread a few milliseconds at a time, handing the thread back to
 * the page between slices, so rebuilding 100,000 frames from a worker's packed result never freezes clicks,
 * scrolling or painting.
 */

/** Milliseconds of steps per slice: well under the 50 ms at which a task counts as long. */
const BUDGET_MS = 8;

/** Yield to the event loop without setTimeout's 4 ms clamp on nested timers. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Run `steps` to the end in slices and resolve with what it returns, or with null as soon as `cancelled()` is
 * true between two slices (e.g. a newer input replaced this one).
 */
export async function runInSlices<T>(
  steps: Generator<unknown, T, void>,
  cancelled: () => boolean = () => false,
): Promise<T | null> {
  for (;;) {
    const until = performance.now() + BUDGET_MS;
    let s = steps.next();
    while (!s.done && performance.now() < until) s = steps.next();
    if (s.done) return s.value;
    await nextTask();
    if (cancelled()) return null;
  }
}

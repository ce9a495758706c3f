/**
 * The loop under the job runner and the folding of insight changes: `work` now and every
 * `intervalMs`, never two at once (a tick that finds the last still running is skipped), each after
 * `first` has settled. A failure goes to `onError` and the next tick tries again. Once stopped it
 * starts nothing more, and `stop` resolves when the work running, if any, has finished; `work` is
 * told through `stopping` so that it can end early. `keepAlive: false` lets the process exit
 * without stopping it first.
 */
export type Ticker = { stop(): Promise<void> };

export function startTicker(
  work: (stopping: () => boolean) => Promise<unknown>,
  { intervalMs, keepAlive = false, first = Promise.resolve(), onError }: { intervalMs: number; keepAlive?: boolean; first?: Promise<unknown>; onError: (error: unknown) => void },
): Ticker {
  let current: Promise<unknown> = first;
  let busy = false;
  let stopped = false;
  const stopping = () => stopped;
  const tick = () => {
    if (busy || stopped) return;
    busy = true;
    current = current
      .then(() => work(stopping))
      .catch(onError)
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, intervalMs);
  if (!keepAlive) timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

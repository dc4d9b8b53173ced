/**
 * Admits calls in order at a rate: a token bucket of `burst` tokens, refilled at `ratePerSecond`,
 * and one admission at a time (the next call is not admitted before the last one's `admit`
 * promise settles: see CollectContext.call, where admission means holding the concurrency slots).
 *
 * Why a bucket and not a fixed spacing after each admission: when the event loop stalls (hundreds
 * of responses parsed at once), a fixed spacing loses the stalled time for good, and a queue of 50
 * per-user RAM calls at 20 QPS ends that much later. The bucket keeps up to `burst - 1` calls of
 * credit, so the queue catches up after a stall; it never admits more than `burst` calls at once,
 * nor more than the rate over time (APIs count QPS over a second: a burst of 2 stays within it).
 */
export class Pacer {
  private tokens: number;
  private last: number;
  private readonly queue: Array<{ start: () => Promise<unknown>; cancel: (reason: Error) => void }> = [];
  private admitting = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Calls waiting for admission (not counting one being admitted). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `admit` when the bucket has a token and no other call is being admitted. */
  schedule<T>(admit: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // A throw from `admit` rejects its own call and lets the next one through.
      const start = () => new Promise<T>((run) => run(admit())).then(resolve, reject);
      this.queue.push({ start, cancel: reject });
      // Admitted from a microtask, so calls asked for together are all queued first: an admission
      // sees the whole queue behind it (CollectContext gives a long queue's calls slots first).
      if (this.queue.length === 1) queueMicrotask(() => this.next());
    });
  }

  /** Stops the refill timer; calls still queued are rejected, never admitted. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const call of this.queue.splice(0)) call.cancel(new Error('Rate limiter stopped before the call was admitted.'));
  }

  private next(): void {
    if (this.admitting || this.timer !== undefined || this.queue.length === 0) return;
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) {
      const waitMs = ((1 - this.tokens) / this.ratePerSecond) * 1000;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.next();
      }, Math.ceil(waitMs));
      return;
    }
    this.tokens -= 1;
    this.admitting = true;
    void this.queue.shift()!.start().finally(() => {
      this.admitting = false;
      this.next();
    });
  }
}

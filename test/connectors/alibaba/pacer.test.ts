import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from '../../../connectors/alibaba/pacer.js';

/** Schedules `count` calls that record when they were admitted (fake clock) and settle at once. */
function admitTimes(pacer: Pacer, count: number): { times: number[]; done: Promise<unknown> } {
  const times: number[] = [];
  const done = Promise.all(Array.from({ length: count }, () => pacer.schedule(async () => times.push(Date.now()))));
  return { times, done };
}

describe('Pacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits a burst, then one call per interval, in order', async () => {
    const pacer = new Pacer(20, 2, () => Date.now());
    const order: number[] = [];
    const calls = Array.from({ length: 5 }, (_, i) => pacer.schedule(async () => (order.push(i), Date.now())));
    await vi.runAllTimersAsync();
    expect(await Promise.all(calls)).toEqual([0, 0, 50, 100, 150]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('wins back a stall up to its burst, never more, and keeps the rate over time', async () => {
    const pacer = new Pacer(20, 2, () => Date.now());
    const first = admitTimes(pacer, 2);
    await vi.runAllTimersAsync();
    await first.done;
    // Idle (or stalled) for 500 ms: ten intervals, but only the bucket's two calls of credit.
    vi.setSystemTime(600);
    const { times, done } = admitTimes(pacer, 6);
    await vi.runAllTimersAsync();
    await done;
    expect(times).toEqual([600, 600, 650, 700, 750, 800]);
  });

  it('admits one call at a time: the next waits until the last is admitted', async () => {
    const pacer = new Pacer(1000, 5, () => Date.now());
    let release!: () => void;
    const admitted: string[] = [];
    const slow = pacer.schedule(() => new Promise<void>((resolve) => (release = () => (admitted.push('slow'), resolve()))));
    const next = pacer.schedule(async () => void admitted.push('next'));
    await vi.advanceTimersByTimeAsync(100);
    expect(admitted).toEqual([]);
    release();
    await Promise.all([slow, next]);
    expect(admitted).toEqual(['slow', 'next']);
  });

  it('a call that throws rejects alone; the queue goes on', async () => {
    const pacer = new Pacer(100, 1, () => Date.now());
    const failing = pacer.schedule(() => {
      throw new Error('boom');
    });
    const failed = expect(failing).rejects.toThrow('boom');
    const after = pacer.schedule(async () => 'ok');
    await vi.runAllTimersAsync();
    await failed;
    await expect(after).resolves.toBe('ok');
  });

  it('stop rejects the calls still waiting and admits none of them', async () => {
    const pacer = new Pacer(10, 1, () => Date.now());
    const ran: number[] = [];
    const first = pacer.schedule(async () => ran.push(1));
    const waiting = pacer.schedule(async () => ran.push(2));
    await first;
    expect(pacer.waiting).toBe(1);
    pacer.stop();
    await expect(waiting).rejects.toThrow(/stopped/);
    await vi.runAllTimersAsync();
    expect(ran).toEqual([1]);
  });
});

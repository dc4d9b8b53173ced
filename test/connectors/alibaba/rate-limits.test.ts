import { describe, expect, it } from 'vitest';
import { RateLimiters, pacing } from '../../../connectors/alibaba/rate-limits.js';
import { Throttle } from '../../emulator/throttle.js';

describe('RateLimiters', () => {
  it('uses the published QPS per product/action and shares KMS per region', () => {
    const l = new RateLimiters({ 'ecs:DescribeInstances': 5 });
    expect(l.qpsFor('actiontrail', 'DescribeTrails')).toBe(100);
    expect(l.qpsFor('kms', 'DescribeKey')).toBe(50);
    expect(l.qpsFor('ecs', 'DescribeInstances')).toBe(5);
    expect(l.qpsFor('ram', 'ListUsers')).toBe(20);
  });

  it('spaces calls at the configured rate', async () => {
    const l = new RateLimiters({ ram: 100 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => l.schedule('ram', 'ListUsers', null, async () => Date.now())));
    // 6 calls at 100/s, the first two at once (the burst): the last starts ≥ 40 ms after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(38);
    await l.stop();
  });

  it('keeps a bucket smaller than the API\'s, and paces under 2 QPS below the rate', () => {
    expect(pacing(20)).toEqual({ rate: 20, burst: 2 });
    expect(pacing(3)).toEqual({ rate: 3, burst: 2 });
    expect(pacing(2)).toEqual({ rate: 2, burst: 1 });
    expect(pacing(1)).toEqual({ rate: 0.9, burst: 1 });
  });

  it('is never throttled by an API bucket of the same QPS when the first calls arrive late', () => {
    // Admission times of the client's bucket (one admission at a time), then arrivals at the
    // API: the first call delayed by `late` ms, the others not. The emulator's bucket decides.
    for (const qps of [1, 2, 3, 5, 20]) {
      const { rate, burst } = pacing(qps);
      let tokens = burst;
      let last = 0;
      const admitted: number[] = [];
      for (let now = 0; admitted.length < 4 * qps + 4; now += 1) {
        tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
        last = now;
        if (tokens >= 1) {
          tokens -= 1;
          admitted.push(now);
        }
      }
      for (const late of [0, 20, 60]) {
        let clock = 0;
        const api = new Throttle(() => clock);
        const arrivals = admitted.map((t, i) => (i === 0 ? t + late : t)).sort((a, b) => a - b);
        const throttled = arrivals.filter((t) => ((clock = t), !api.take('k', qps).ok)).length;
        expect(throttled, `qps ${qps}, first call ${late} ms late`).toBe(0);
      }
    }
  });
});

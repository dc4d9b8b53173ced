import { describe, expect, it } from 'vitest';
import { RateLimiters } from '../../../connectors/alibaba/rate-limits.js';

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
});

// The per-socket rate limiter: a burst of `capacity`, then `ratePerS`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from '../relay/connection/TokenBucket.ts';

test('TokenBucket: a burst of capacity, then the refill rate', () => {
  const bucket = new TokenBucket(100, 200, 0);
  for (let i = 0; i < 200; i++) assert.ok(bucket.take(1, 0));
  assert.equal(bucket.take(1, 0), false, 'burst spent');
  assert.equal(bucket.take(1, 5), false, 'half a token after 5 ms');
  assert.ok(bucket.take(1, 10), 'one token per 10 ms');
  assert.ok(bucket.take(200, 10_000), 'refills to capacity');
  assert.equal(bucket.take(1, 10_000), false, 'never past capacity');
});

// The in-memory revocation list: revokes by token and by subject, and forgets each entry once no
// token it covers could still verify (the verifier refuses tokens older than the max token age).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryRevocationList } from '../relay/auth/MemoryRevocationList.ts';
import type { VerifiedToken } from '../relay/auth/VerifiedToken.ts';

const token = (overrides: Partial<VerifiedToken>): VerifiedToken => ({ playerId: 'p', name: 'p', jti: 'j', issuedAtS: 1000, expiresAtS: 2000, ...overrides });

test('MemoryRevocationList: by jti, by subject (tokens issued up to then), and forgotten after the max token age', async () => {
  let now = 1_000_000;
  const list = new MemoryRevocationList(60, () => now);
  await list.revoke({ jti: 'j1' });
  await list.revoke({ sub: 'banned' });
  assert.equal(await list.isRevoked(token({ jti: 'j1' })), true);
  assert.equal(await list.isRevoked(token({ jti: 'j2' })), false);
  assert.equal(await list.isRevoked(token({ playerId: 'banned', jti: null, issuedAtS: 999 })), true);
  assert.equal(await list.isRevoked(token({ playerId: 'banned', jti: null, issuedAtS: 1001 })), false, 'a token issued after the revocation');
  now += 60_000; // every token that could carry j1 or banned's old tokens is now too old to verify
  assert.equal(await list.isRevoked(token({ jti: 'j1' })), false);
  await list.revoke({ jti: 'j3' });
  assert.equal(list.size, 1, 'expired entries are dropped, not just ignored');
});

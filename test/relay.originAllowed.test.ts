// The origin allow-list's three policies (the relay tests exercise the list one end to end).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { originAllowed } from '../relay/auth/originAllowed.ts';

test('same origin (the default): the page must come from the Host the socket connects to, any scheme', () => {
  const policy = { kind: 'sameOrigin' } as const;
  assert.equal(originAllowed(policy, 'http://127.0.0.1:8080', '127.0.0.1:8080'), true);
  assert.equal(originAllowed(policy, 'https://game.example.com', 'game.example.com'), true, 'TLS ended at a proxy');
  assert.equal(originAllowed(policy, 'http://127.0.0.1:5173', '127.0.0.1:8080'), false, 'another port is another origin');
  assert.equal(originAllowed(policy, 'https://evil.example', 'game.example.com'), false);
  assert.equal(originAllowed(policy, 'null', 'game.example.com'), false, 'sandboxed frames and file:// pages');
  assert.equal(originAllowed(policy, undefined, 'game.example.com'), true, 'not a browser');
});

test('a list allows exactly its origins; * allows any', () => {
  const list = { kind: 'list', origins: new Set(['https://game.example.com']) } as const;
  assert.equal(originAllowed(list, 'https://game.example.com', 'relay.example.com'), true);
  assert.equal(originAllowed(list, 'http://game.example.com', 'relay.example.com'), false, 'the scheme is part of the origin');
  assert.equal(originAllowed(list, undefined, 'relay.example.com'), true);
  assert.equal(originAllowed({ kind: 'any' }, 'https://anything.example', 'relay.example.com'), true);
});

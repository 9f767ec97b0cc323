import assert from 'node:assert/strict';
import { test } from 'node:test';
import { health } from './health.ts';

test('says whether a database is configured', () => {
  assert.equal(health({}).database, 'not configured');
  assert.equal(health({ DATABASE_URL: 'postgresql://x' }).database, 'configured');
});

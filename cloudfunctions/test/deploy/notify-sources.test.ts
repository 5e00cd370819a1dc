import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Only the notify entry is imported (each test file runs in its own process): what its sweep will collect from.
import '../../src/entry/notify';
import { outboxSources } from '../../src/platform/outbox/outbox.collections';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));

test('the notify timer sweeps every collection that registers itself as an outbox source', () => {
  const registering = files(src).filter((f) => f.endsWith('.ts') && /^registerOutboxSource\(/m.test(readFileSync(f, 'utf8')));
  assert.ok(registering.length >= 5, registering.join(', '));
  for (const name of ['cases', 'notices', 'patrol_missed', 'pit_alarms', 'shops']) assert.ok(outboxSources.has(name), `${name} in ${[...outboxSources].join(', ')}`);
  const total = registering.reduce((n, f) => n + [...readFileSync(f, 'utf8').matchAll(/^registerOutboxSource\(/gm)].length, 0);
  assert.equal(outboxSources.size, total, `every registration is loaded by notify: ${[...outboxSources].join(', ')}`);
});

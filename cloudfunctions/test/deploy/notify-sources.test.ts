import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// Only the notify entry is imported (each test file runs in its own process): what its sweep will collect from.
import '../../src/entry/notify';
import { system } from '../../src/platform/system';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));
const DECLARATION = /^export const (\w+_OUTBOX_SOURCES)\b/gm;

test('the notify timer sweeps every collection a context declares as an outbox source', async () => {
  const declaring = files(src).filter((f) => f.endsWith('.ts') && DECLARATION.test(readFileSync(f, 'utf8')));
  assert.ok(declaring.length >= 5, declaring.join(', '));
  const declared = new Set<string>();
  for (const f of declaring) {
    const mod = (await import(pathToFileURL(f).href)) as Record<string, string[]>;
    for (const [, name] of readFileSync(f, 'utf8').matchAll(DECLARATION)) for (const c of mod[name]) declared.add(c);
  }
  const swept = system().outboxSources;
  for (const name of ['cases', 'notices', 'patrol_missed', 'pit_alarms', 'shops']) assert.ok(swept.includes(name), `${name} in ${swept.join(', ')}`);
  assert.deepEqual([...swept].sort(), [...declared].sort(), 'every declared source is in a context module the notify entry loads, and nothing else is swept');
});

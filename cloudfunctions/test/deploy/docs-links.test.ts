import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../dev/paths';

// The repository stands alone (issue 10, item 8): a newcomer who clones it can follow every pointer in it.
// Every markdown file a source or doc file names must exist in the repository (from the root, or next to the
// naming file), and nothing may point at the old out-of-tree reference notes: the facts live in docs/.

const TEXT = /\.(ts|tsx|js|mjs|cjs|md|yml|yaml|json|html|css|scss|sh|txt)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.data', '.cache']);
const SKIP_FILES = new Set(['package-lock.json']);
/** The old notes' name, spelled so that this file does not name it. */
const OUTSIDE_WORD = new RegExp(`\\b${['hand', 'book'].join('')}\\b`, 'i');
const MD_REF = /(?<![\w./@-])((?:\.{1,2}\/)?(?:[\w.-]+\/)*[\w.-]+\.md)\b/g;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s`'")\]>]+/gi;

/** Tracked files plus new ones not ignored (git), or a walk of the tree when git is not there. */
function repoFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (git.status === 0 && git.stdout.trim()) return git.stdout.split('\n').filter(Boolean);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(repoRoot, dir))) {
      if (SKIP_DIRS.has(name)) continue;
      const rel = path.join(dir, name);
      if (statSync(path.join(repoRoot, rel)).isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out;
}

const checked = () =>
  repoFiles()
    .filter((f) => (TEXT.test(f) || f === '.ci/run') && !SKIP_FILES.has(path.basename(f)) && !f.split('/').some((p) => SKIP_DIRS.has(p)))
    .filter((f) => existsSync(path.join(repoRoot, f)));

/** `file:line: reference` for each markdown file named in `text` that is not in the repository. */
export function missingMarkdownRefs(file: string, text: string, exists: (p: string) => boolean): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.replace(URL, '').matchAll(MD_REF)) {
      const ref = m[1]!;
      const fromRoot = path.normalize(ref);
      const fromHere = path.normalize(path.join(path.dirname(file), ref));
      if (!exists(fromRoot) && !exists(fromHere)) out.push(`${file}:${i + 1}: ${ref}`);
    }
  });
  return out;
}

test('the guard itself: a bare or wrong markdown name is caught, a repository path or a URL is not', () => {
  const md = (name: string) => `${name}.md`; // built, so that this file names no missing file itself
  const have = new Set(['docs/domain/pit.md', 'README.md', 'bench/README.md']);
  const exists = (p: string) => have.has(p);
  assert.deepEqual(missingMarkdownRefs('shared/src/pit/x.ts', `/** (${md('pit')} §3.1) */`, exists), [`shared/src/pit/x.ts:1: ${md('pit')}`]);
  assert.deepEqual(missingMarkdownRefs('shared/src/pit/x.ts', `// ${md('DESIGN')} §4`, exists), [`shared/src/pit/x.ts:1: ${md('DESIGN')}`]);
  assert.deepEqual(missingMarkdownRefs('shared/src/pit/x.ts', '// docs/domain/pit.md §3.1, README.md, https://github.com/a/b/blob/main/X.md', exists), []);
  assert.deepEqual(missingMarkdownRefs('bench/run.ts', '// see README.md', exists), []);
  assert.ok(OUTSIDE_WORD.test(`see the ${['Hand', 'book'].join('')}`));
  assert.ok(!OUTSIDE_WORD.test('const HANDBOOK_DNA03 = 1'), 'an identifier is not a pointer');
});

test('every markdown file named in the repository exists in it', () => {
  const files = checked();
  assert.ok(files.length > 100, `only ${files.length} files found`);
  const exists = (p: string) => existsSync(path.join(repoRoot, p));
  const missing = files.flatMap((f) => missingMarkdownRefs(f, readFileSync(path.join(repoRoot, f), 'utf8'), exists));
  assert.deepEqual(missing, [], `pointers to markdown files that are not in the repository:\n${missing.join('\n')}`);
});

test('nothing points at the out-of-tree reference notes; their facts are in docs/', () => {
  const hits = checked().flatMap((f) =>
    readFileSync(path.join(repoRoot, f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (OUTSIDE_WORD.test(line) ? [`${f}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
  );
  assert.deepEqual(hits, [], hits.join('\n'));
  for (const doc of ['docs/ARCHITECTURE.md', 'docs/GLOSSARY.md', 'docs/domain/pit.md', 'docs/domain/city.md', 'docs/domain/platform.md', 'docs/domain/regulations.md']) {
    assert.ok(existsSync(path.join(repoRoot, doc)), `${doc} is missing`);
  }
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The module boundaries of cloudfunctions/src, checked by reading the source text (no database, no compiler):
 *   mongodb-value-import   the driver's values (MongoClient, errors …) are used only inside platform/db
 *   collection-access      `.collection(` only in a `*.repository.ts` file or under platform/
 *   context-internal       a context imports another context only through its `public.ts`
 */
export type Rule = 'mongodb-value-import' | 'collection-access' | 'context-internal';
export type SourceFile = { path: string; text: string };
export type Violation = { file: string; line: number; rule: Rule; message: string };

const SRC = 'cloudfunctions/src/';
const PLATFORM = `${SRC}platform/`;
const PLATFORM_DB = `${SRC}platform/db/`;
const CONTEXTS = `${SRC}contexts/`;

const WHY: Record<Rule, string> = {
  'mongodb-value-import': "a value import of 'mongodb' outside cloudfunctions/src/platform/db (use `import type`, or a platform/db helper)",
  'collection-access': '`.collection(` outside a *.repository.ts file and cloudfunctions/src/platform (add a function to the context\'s repository)',
  'context-internal': "an import of another context's internal file (import its public.ts)",
};

/**
 * The context a source path belongs to (`cases` for cloudfunctions/src/contexts/cases/…), or null — also for
 * files directly in contexts/ (the list of context modules, which wires every context's module object).
 */
const contextOf = (p: string) => {
  if (!p.startsWith(CONTEXTS)) return null;
  const parts = p.slice(CONTEXTS.length).split('/');
  return parts.length > 1 ? parts[0] : null;
};

/** Every module specifier a line names: static and dynamic imports, re-exports. */
function specifiers(line: string): { spec: string; typeOnly: boolean; names: string }[] {
  const out: { spec: string; typeOnly: boolean; names: string }[] = [];
  for (const m of line.matchAll(/^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*['"]([^'"]+)['"]/g)) out.push({ spec: m[4], typeOnly: !!m[2], names: m[3] });
  for (const m of line.matchAll(/^\s*import\s+['"]([^'"]+)['"]/g)) out.push({ spec: m[1], typeOnly: false, names: '' });
  for (const m of line.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1], typeOnly: false, names: '' });
  return out;
}

/** `{ type A, type B }` imports no value; `{ type A, B }` does. */
function importsValue(s: { typeOnly: boolean; names: string }): boolean {
  if (s.typeOnly) return false;
  const braces = /^\{([^}]*)\}$/.exec(s.names.trim());
  if (!braces) return true;
  const names = braces[1].split(',').map((n) => n.trim()).filter(Boolean);
  return names.length === 0 || names.some((n) => !n.startsWith('type '));
}

const isComment = (line: string) => /^\s*(\/\/|\*|\/\*)/.test(line);

/** The violations in these files (paths relative to the repository root, with `/`). */
export function checkBoundaries(files: SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const f of files) {
    const own = contextOf(f.path);
    const mayQuery = f.path.endsWith('.repository.ts') || f.path.startsWith(PLATFORM);
    // a statement split over lines (`import {\n a,\n b\n} from 'x'`) is checked as one line, at its first line
    const lines = f.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i];
      const first = i;
      if (isComment(line)) continue;
      if (/^\s*(import|export)\s+(type\s+)?\{[^}]*$/.test(line)) while (i + 1 < lines.length && !/['"][^'"]+['"]/.test(line)) line += ` ${lines[++i].trim()}`;
      const report = (rule: Rule, detail: string) => out.push({ file: f.path, line: first + 1, rule, message: `${f.path}:${first + 1}: ${WHY[rule]}: ${detail}` });
      if (!mayQuery && /\.collection\s*[<(]/.test(line)) report('collection-access', line.trim());
      for (const s of specifiers(line)) {
        if (s.spec === 'mongodb' && !f.path.startsWith(PLATFORM_DB) && importsValue(s)) report('mongodb-value-import', line.trim());
        if (own && s.spec.startsWith('.')) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(f.path), s.spec)).replace(/\.(ts|js)$/, '');
          const other = contextOf(target);
          if (other && other !== own && target !== `${CONTEXTS}${other}/public`) report('context-internal', `${own} imports ${target.slice(CONTEXTS.length)}`);
        }
      }
    }
  }
  return out;
}

/** The TypeScript sources under a folder, as repository-relative paths. */
export function readSources(root: string, dir: string, out: SourceFile[] = []): SourceFile[] {
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) readSources(root, rel, out);
    else if (name.endsWith('.ts')) out.push({ path: rel, text: readFileSync(path.join(root, rel), 'utf8') });
  }
  return out;
}

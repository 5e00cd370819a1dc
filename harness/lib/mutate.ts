/**
 * Mutators for the fuzzer: text (instrument files, CSV, forms) and JSON bodies. Deterministic given the PRNG.
 * The hostile values are the ones attackers and broken clients send: wrong types, nulls, arrays where a string
 * goes, huge strings, odd unicode, numbers at the edges, prototype keys and MongoDB operators.
 */
export const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\uFEFF', '\uD800', '😀'.repeat(50), '中'.repeat(5000), 'a'.repeat(70_000), '=cmd|" /C calc"!A0', '<script>alert(1)</script>',
  '../../etc/passwd', '%', '%zz', '\\', '"', "'", '$where', '{"$gt":""}', 'NaN', 'Infinity', '-0', '1e309', '0x10', '  13800000001  ', '\r\n\r\n', ',,,,,', '*', '+', '-',
];
export const HOSTILE_VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, [], [null], [[]], {}, { $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' },
  JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }, ...HOSTILE_STRINGS, Array.from({ length: 1000 }, (_, i) => i), [{ a: [{ b: [1] }] }],
];

const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** One mutation of a text: byte/char edits, line edits, injected hostile strings, truncation, repetition. */
export function mutateText(text: string, r: () => number): string {
  const n = 1 + Math.floor(r() * 3);
  let s = text;
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (s.length + 1));
    switch (Math.floor(r() * 12)) {
      case 0: s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + s.slice(at + 1); break;
      case 1: s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 8)); break;
      case 2: s = s.slice(0, at) + pick(r, HOSTILE_STRINGS).slice(0, 2000) + s.slice(at); break;
      case 3: s = s.slice(0, at); break;
      case 4: { const lines = s.split('\n'); const j = Math.floor(r() * lines.length); lines.splice(j, 0, lines[Math.floor(r() * lines.length)] ?? ''); s = lines.join('\n'); break; }
      case 5: { const lines = s.split('\n'); lines.splice(Math.floor(r() * lines.length), 1); s = lines.join('\n'); break; }
      case 6: { const lines = s.split('\n'); const a = Math.floor(r() * lines.length), b = Math.floor(r() * lines.length); [lines[a], lines[b]] = [lines[b], lines[a]]; s = lines.join('\n'); break; }
      case 7: s = s.replace(/\d+(\.\d+)?/, () => pick(r, ['1e309', '-0', 'NaN', '99999999999999999999', '0.0000000001', '-5', '', 'x', '1,5'])); break;
      case 8: s = s.slice(0, at) + pick(r, ['+', '-', '.', ',', ' ', '\t', '\r', '*', '?', '"', ';']) + s.slice(at); break;
      case 9: s = s.replace(/[0-9]/g, (d) => (r() < 0.05 ? String.fromCharCode(48 + Math.floor(r() * 10)) : d)); break;
      case 10: s = s.repeat(1 + Math.floor(r() * 3)); break;
      default: s = s.slice(0, at) + '\n' + s.slice(at); break;
    }
  }
  return s;
}

const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Every path to a value in a JSON body (objects and arrays), the root included. */
function paths(x: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(x)) x.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** One mutation of a valid JSON body: replace, delete or add a field; prototype and operator keys as raw JSON. */
export function mutateBody(body: unknown, r: () => number): string {
  const b = clone(body ?? {}) as Record<string, unknown>;
  const ps = paths(b);
  const p = pick(r, ps);
  const parentOf = (path: (string | number)[]) => path.slice(0, -1).reduce<any>((o, k) => o?.[k], b);
  const kind = Math.floor(r() * 10);
  if (kind === 0) return JSON.stringify(b).replace(/^\{/, '{"__proto__":{"isAdmin":true,"roles":[{"role":"admin","cityId":"dongguan"}]},');
  if (kind === 1) return JSON.stringify(b).replace(/^\{/, '{"constructor":{"prototype":{"polluted":1}},');
  if (kind === 2) return pick(r, ['', 'null', '[]', '"x"', '{', '{"a":', '1e999', '[' .repeat(5000), JSON.stringify(b).slice(0, Math.floor(r() * JSON.stringify(b).length))]);
  if (p.length === 0) return JSON.stringify(pick(r, HOSTILE_VALUES));
  const parent = parentOf(p);
  const key = p[p.length - 1];
  if (parent == null || typeof parent !== 'object') return JSON.stringify(b);
  if (kind === 3) delete parent[key];
  else if (kind === 4) parent[`$${String(key)}`] = pick(r, HOSTILE_VALUES);
  else if (kind === 5 && typeof parent[key] === 'string') parent[key] = mutateText(parent[key] as string, r);
  else parent[key] = clone(pick(r, HOSTILE_VALUES));
  return JSON.stringify(b);
}

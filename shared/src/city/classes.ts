import { invalid } from '../errors';
import { SEED_CLASS_TABLE } from './classes.seed';
import type { ServiceAttribute } from './open311-attributes';

/** GB/T 30428 class kind: 部件 (physical facility) or 事件 (behaviour or disruption). */
export type ClassKind = 'component' | 'event';

/** Provenance, as tagged in docs/domain/city.md: V verified, M recalled (unchecked), D our design. */
export type Basis = 'V' | 'M' | 'D';

/** A 大类 (major class), e.g. component 01 公用设施. */
export type MajorClass = { kind: ClassKind; code: string; name: string };

/**
 * A 小类 (small class) with its filing standard: what must be true to file a case (立案条件), the
 * handling limit in WORKING hours (处置时限, urgent vs normal) and what must be true to close (结案条件).
 */
export type CityClass = {
  kind: ClassKind;
  /** `classCode` = 大类 + 小类, 4 digits (docs/GLOSSARY.md) */
  code: string;
  majorCode: string;
  minorCode: string;
  name: string;
  /** 处置时限 in working hours; 1 working day = 7.5 h with the default calendar */
  limits: { urgentHours: number; normalHours: number };
  fileCondition: string;
  closeCondition: string;
  /** where the code and the NORMAL limit come from (docs/domain/city.md tags); urgent limits are our design */
  basis: { code: Basis; limits: Basis };
  /** extra questions a report of this class answers (Open311 `metadata: true`) */
  attributes?: readonly ServiceAttribute[];
};

/** The classes a city uses: the national seed or a local table with 扩展 classes. */
export type ClassTable = { majors: readonly MajorClass[]; classes: readonly CityClass[] };

/** @example CLASS_KIND_LABELS.event // '事件' */
export const CLASS_KIND_LABELS: Record<ClassKind, string> = { component: '部件', event: '事件' };

/** The seed table (classes.seed.ts). @example SEED_CLASS_TABLE.classes.length // 29 */
export { SEED_CLASS_TABLE };

type Compiled = { majors: Map<string, MajorClass>; classes: Map<string, CityClass> };
const compiled = new WeakMap<ClassTable, Compiled>();

/**
 * `component:0101` — the unambiguous key of a class (component 0101 and event 0101 both exist).
 * @example classKey('event', '0104') // 'event:0104'
 */
export const classKey = (kind: ClassKind, code: string): string => `${kind}:${code}`;

function compile(table: ClassTable): Compiled {
  let c = compiled.get(table);
  if (!c) {
    c = { majors: new Map(), classes: new Map() };
    for (const m of table.majors) c.majors.set(classKey(m.kind, m.code), m);
    for (const k of table.classes) c.classes.set(classKey(k.kind, k.code), k);
    compiled.set(table, c);
  }
  return c;
}

/**
 * The small class for a 4-digit class code; an unknown code throws `unknown_class` (400).
 * @example classByCode('event', '0104').limits // { urgentHours: 2, normalHours: 5 } (道路不洁)
 */
export function classByCode(kind: ClassKind, code: string, table: ClassTable = SEED_CLASS_TABLE): CityClass {
  const found = findClass(kind, code, table);
  if (!found) {
    throw invalid(`未知的${CLASS_KIND_LABELS[kind] ?? ''}小类编码：${String(code)}`, 'unknown_class', { kind, code });
  }
  return found;
}

/**
 * Like `classByCode` but returns undefined instead of throwing.
 * @example findClass('component', '0199') // undefined
 */
export function findClass(kind: ClassKind, code: string, table: ClassTable = SEED_CLASS_TABLE): CityClass | undefined {
  return compile(table).classes.get(classKey(kind, code));
}

/**
 * The major class (大类) for a 2-digit code, or undefined.
 * @example majorClassByCode('component', '02')?.name // '道路交通'
 */
export function majorClassByCode(kind: ClassKind, majorCode: string, table: ClassTable = SEED_CLASS_TABLE): MajorClass | undefined {
  return compile(table).majors.get(classKey(kind, majorCode));
}

/**
 * All small classes of one kind, in table order (for the report form's category picker).
 * @example classesOf('event').map((c) => c.name).slice(0, 2) // ['违法搭建', '暴露垃圾']
 */
export function classesOf(kind: ClassKind, table: ClassTable = SEED_CLASS_TABLE): CityClass[] {
  return table.classes.filter((c) => c.kind === kind);
}

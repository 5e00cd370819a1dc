import * as z from 'zod';
import { formatPath, parseRules, rulesError } from '../rules/rules-request';

/** The three levels of 住建部令第37号, lowest first (docs/domain/dangerous-works.md §1). */
export const DANGER_LEVELS = ['非危大', '危大', '超规模危大'] as const;
export type DangerLevel = (typeof DANGER_LEVELS)[number];

/** A missing (or null) number counts as 0; present numbers must be finite and ≥ 0. */
const size = z.number().nonnegative().nullish().transform((v) => v ?? 0);
/** An elevation may be below ±0.000 (a crane standing in a pit). */
const elevation = z.number().nullish().transform((v) => v ?? 0);
const flag = z.boolean().nullish().transform((v) => v ?? false);

/**
 * One category: its fields and its rule. `超规模` when a 附件2 threshold is reached, `危大` when a 附件1
 * threshold is reached or the category is listed in 附件1 without one of its own, else `非危大`. Every
 * threshold is inclusive (及以上): a value exactly at it counts.
 */
type Category<S extends z.ZodRawShape> = { fields: z.ZodObject<S>; level: (item: z.output<z.ZodObject<S>>) => DangerLevel };
const category = <S extends z.ZodRawShape>(shape: S, level: (item: z.output<z.ZodObject<S>>) => DangerLevel): Category<S> => ({ fields: z.object(shape), level });

const byThresholds = (over: boolean, at: boolean): DangerLevel => (over ? '超规模危大' : at ? '危大' : '非危大');

/** 住建部令第37号 附件1 / 附件2 (建办质〔2018〕31号), per category — docs/domain/dangerous-works.md §1. */
export const CATEGORIES = {
  excavation: category({ depthM: size, complexConditions: flag }, (i) => byThresholds(i.depthM >= 5, i.depthM >= 3 || i.complexConditions)),
  formwork_support: category({ heightM: size, spanM: size, totalLoadKNm2: size, lineLoadKNm: size, tallNarrowIndependent: flag }, (i) =>
    byThresholds(i.heightM >= 8 || i.spanM >= 18 || i.totalLoadKNm2 >= 15 || i.lineLoadKNm >= 20, i.heightM >= 5 || i.spanM >= 10 || i.totalLoadKNm2 >= 10 || i.lineLoadKNm >= 15 || i.tallNarrowIndependent),
  ),
  tool_formwork: category({ type: z.enum(['滑模', '爬模', '飞模', '隧道模']).nullish() }, () => '超规模危大'),
  bearing_support: category({ pointLoadKN: size }, (i) => byThresholds(i.pointLoadKN >= 7, true)),
  scaffold_floor: category({ heightM: size }, (i) => byThresholds(i.heightM >= 50, i.heightM >= 24)),
  scaffold_cantilever: category({ segmentHeightM: size }, (i) => byThresholds(i.segmentHeightM >= 20, true)),
  scaffold_attached_lifting: category({ liftHeightM: size }, (i) => byThresholds(i.liftHeightM >= 150, true)),
  manual_dug_pile: category({ depthM: size }, (i) => byThresholds(i.depthM >= 16, true)),
  tunnelling: category({ method: z.enum(['矿山法', '盾构法', '顶管法']).nullish() }, () => '超规模危大'),
  steel_structure: category({ spanM: size }, (i) => byThresholds(i.spanM >= 36, true)),
  space_frame_or_membrane: category({ spanM: size }, (i) => byThresholds(i.spanM >= 60, true)),
  curtain_wall: category({ constructionHeightM: size }, (i) => byThresholds(i.constructionHeightM >= 50, true)),
  lifting_nonstandard: category({ pieceWeightKN: size }, (i) => byThresholds(i.pieceWeightKN >= 100, i.pieceWeightKN >= 10)),
  // 附件2 names only non-standard lifting ≥ 100 kN; lifting with cranes is 危大 whatever the weight.
  lifting_by_crane: category({ pieceWeightKN: size }, () => '危大'),
  crane_erection: category({ ratedLoadKN: size, totalHeightM: size, baseElevationM: elevation }, (i) => byThresholds(i.ratedLoadKN >= 300 || i.totalHeightM >= 200 || i.baseElevationM >= 200, true)),
} as const;
export type DangerCategory = keyof typeof CATEGORIES;
export const DANGER_CATEGORIES = Object.keys(CATEGORIES) as DangerCategory[];

export type ItemClassification = { level: DangerLevel; specialSchemeRequired: boolean; expertReviewRequired: boolean };
export type ProjectClassification = { itemLevels: DangerLevel[]; projectLevel: DangerLevel; itemsNeedingExpertReview: number[]; itemsNeedingSpecialScheme: number[] };

const rank = (l: DangerLevel) => DANGER_LEVELS.indexOf(l);

/**
 * The level of one sub-item `{category, ...fields}`; `path` names it in errors (`items[2]`).
 *
 * @example
 *   itemLevel({ category: 'excavation', depthM: 5 }) // '超规模危大'
 */
export function itemLevel(item: unknown, path: readonly (string | number)[] = []): DangerLevel {
  const at = (f: string) => formatPath([...path, f]);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw rulesError(formatPath(path), 'expected an object with a category');
  const name = (item as { category?: unknown }).category;
  if (name === undefined || name === null) throw rulesError(at('category'), `required (one of ${DANGER_CATEGORIES.join(', ')})`);
  if (typeof name !== 'string') throw rulesError(at('category'), `expected string, received ${typeof name}`);
  if (!Object.hasOwn(CATEGORIES, name)) throw rulesError(at('category'), `unknown category ${JSON.stringify(name)} (one of ${DANGER_CATEGORIES.join(', ')})`, 'unknown_category');
  const c = CATEGORIES[name as DangerCategory] as Category<z.ZodRawShape>;
  return c.level(parseRules(c.fields, item, path));
}

const itemsSchema = z.object({ items: z.array(z.unknown()) });

/**
 * Classifies one sub-item, or a project's `items` (the project level is the highest; indices 0-based) —
 * 住建部令第37号 arts. 10, 12 and 附件1/附件2; docs/domain/dangerous-works.md §1.
 *
 * @example
 *   classifyDangerousWork({ category: 'formwork_support', heightM: 8 })
 *   // { level: '超规模危大', specialSchemeRequired: true, expertReviewRequired: true }
 */
export function classifyDangerousWork(input: unknown): ItemClassification | ProjectClassification {
  if (typeof input === 'object' && input !== null && 'items' in input && (input as { items: unknown }).items !== undefined) {
    const { items } = parseRules(itemsSchema, input);
    const itemLevels = items.map((it, i) => itemLevel(it, ['items', i]));
    const projectLevel = itemLevels.reduce<DangerLevel>((a, b) => (rank(b) > rank(a) ? b : a), '非危大');
    const indices = (min: DangerLevel) => itemLevels.flatMap((l, i) => (rank(l) >= rank(min) ? [i] : []));
    return { itemLevels, projectLevel, itemsNeedingExpertReview: indices('超规模危大'), itemsNeedingSpecialScheme: indices('危大') };
  }
  const level = itemLevel(input);
  return { level, specialSchemeRequired: rank(level) >= 1, expertReviewRequired: level === '超规模危大' };
}

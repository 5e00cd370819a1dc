import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../errors';
import { classifyDangerousWork, type DangerLevel } from './classify-dangerous-work';

const level = (item: Record<string, unknown>) => (classifyDangerousWork(item) as { level: DangerLevel }).level;
const [NONE, DANGER, OVER] = ['非危大', '危大', '超规模危大'] as const;

// Every threshold of 住建部令第37号 附件1/附件2 (docs/domain/dangerous-works.md §1) just below, exactly at (及以上:
// inclusive) and above; categories listed without a 危大 threshold of their own are at least 危大 (even at 0).
const CASES: [string, Record<string, unknown>, DangerLevel][] = [
  ['excavation', { depthM: 2.99 }, NONE],
  ['excavation', { depthM: 3 }, DANGER],
  ['excavation', { depthM: 4.99 }, DANGER],
  ['excavation', { depthM: 5 }, OVER],
  ['excavation', { depthM: 2, complexConditions: true }, DANGER],
  ['excavation', { depthM: 4, complexConditions: true }, DANGER], // 2018 has no complex-condition clause for 超规模
  ['excavation', {}, NONE],
  ['formwork_support', { heightM: 4.99, spanM: 9.99, totalLoadKNm2: 9.99, lineLoadKNm: 14.99 }, NONE],
  ['formwork_support', { heightM: 5 }, DANGER],
  ['formwork_support', { spanM: 10 }, DANGER],
  ['formwork_support', { totalLoadKNm2: 10 }, DANGER],
  ['formwork_support', { lineLoadKNm: 15 }, DANGER],
  ['formwork_support', { tallNarrowIndependent: true }, DANGER],
  ['formwork_support', { heightM: 7.99, spanM: 17.99, totalLoadKNm2: 14.99, lineLoadKNm: 19.99 }, DANGER],
  ['formwork_support', { heightM: 8 }, OVER],
  ['formwork_support', { spanM: 18 }, OVER],
  ['formwork_support', { totalLoadKNm2: 15 }, OVER],
  ['formwork_support', { lineLoadKNm: 20 }, OVER],
  ['tool_formwork', { type: '爬模' }, OVER],
  ['tool_formwork', {}, OVER],
  ['bearing_support', { pointLoadKN: 6.99 }, DANGER],
  ['bearing_support', { pointLoadKN: 7 }, OVER],
  ['bearing_support', {}, DANGER],
  ['scaffold_floor', { heightM: 23.99 }, NONE],
  ['scaffold_floor', { heightM: 24 }, DANGER],
  ['scaffold_floor', { heightM: 49.99 }, DANGER],
  ['scaffold_floor', { heightM: 50 }, OVER],
  ['scaffold_cantilever', { segmentHeightM: 0 }, DANGER],
  ['scaffold_cantilever', { segmentHeightM: 19.99 }, DANGER],
  ['scaffold_cantilever', { segmentHeightM: 20 }, OVER],
  ['scaffold_attached_lifting', { liftHeightM: 149.99 }, DANGER],
  ['scaffold_attached_lifting', { liftHeightM: 150 }, OVER],
  ['manual_dug_pile', { depthM: 1 }, DANGER],
  ['manual_dug_pile', { depthM: 15.99 }, DANGER],
  ['manual_dug_pile', { depthM: 16 }, OVER], // 2018: 16 m 及以上 (2009 said 超过16m)
  ['tunnelling', { method: '顶管法' }, OVER],
  ['tunnelling', { method: '盾构法' }, OVER],
  ['tunnelling', {}, OVER],
  ['steel_structure', { spanM: 35.99 }, DANGER],
  ['steel_structure', { spanM: 36 }, OVER],
  ['space_frame_or_membrane', { spanM: 59.99 }, DANGER],
  ['space_frame_or_membrane', { spanM: 60 }, OVER],
  ['curtain_wall', { constructionHeightM: 49.99 }, DANGER],
  ['curtain_wall', { constructionHeightM: 50 }, OVER],
  ['lifting_nonstandard', { pieceWeightKN: 9.99 }, NONE],
  ['lifting_nonstandard', { pieceWeightKN: 10 }, DANGER],
  ['lifting_nonstandard', { pieceWeightKN: 99.99 }, DANGER],
  ['lifting_nonstandard', { pieceWeightKN: 100 }, OVER],
  ['lifting_by_crane', { pieceWeightKN: 1 }, DANGER],
  ['lifting_by_crane', { pieceWeightKN: 500 }, DANGER], // 附件2 names only non-standard lifting
  ['crane_erection', {}, DANGER],
  ['crane_erection', { ratedLoadKN: 299.99, totalHeightM: 199.99, baseElevationM: 199.99 }, DANGER],
  ['crane_erection', { ratedLoadKN: 300 }, OVER],
  ['crane_erection', { totalHeightM: 200 }, OVER],
  ['crane_erection', { baseElevationM: 200 }, OVER],
  ['crane_erection', { baseElevationM: -12 }, DANGER],
];

test('each 危大 / 超规模 threshold below, at and above (及以上 is inclusive)', () => {
  for (const [category, fields, expected] of CASES) assert.equal(level({ category, ...fields }), expected, `${category} ${JSON.stringify(fields)}`);
});

test('one item: what it needs', () => {
  assert.deepEqual(classifyDangerousWork({ category: 'excavation', depthM: 5.5 }), { level: OVER, specialSchemeRequired: true, expertReviewRequired: true });
  assert.deepEqual(classifyDangerousWork({ category: 'excavation', depthM: 3 }), { level: DANGER, specialSchemeRequired: true, expertReviewRequired: false });
  assert.deepEqual(classifyDangerousWork({ category: 'scaffold_floor', heightM: 12 }), { level: NONE, specialSchemeRequired: false, expertReviewRequired: false });
  // missing numbers and null count as 0; extra fields are ignored
  assert.deepEqual(classifyDangerousWork({ category: 'formwork_support', heightM: null, note: '地下室' }), { level: NONE, specialSchemeRequired: false, expertReviewRequired: false });
});

test('a project: item levels, the project level is the highest, 0-based indices', () => {
  const items = [
    { category: 'scaffold_floor', heightM: 12 },
    { category: 'excavation', depthM: 5.5 },
    { category: 'curtain_wall', constructionHeightM: 30 },
    { category: 'formwork_support', heightM: 9 },
  ];
  assert.deepEqual(classifyDangerousWork({ items }), {
    itemLevels: [NONE, OVER, DANGER, OVER],
    projectLevel: OVER,
    itemsNeedingExpertReview: [1, 3],
    itemsNeedingSpecialScheme: [1, 2, 3],
  });
  assert.deepEqual(classifyDangerousWork({ items: [{ category: 'scaffold_floor', heightM: 24 }, { category: 'excavation', depthM: 1 }] }), {
    itemLevels: [DANGER, NONE], projectLevel: DANGER, itemsNeedingExpertReview: [], itemsNeedingSpecialScheme: [0],
  });
  assert.deepEqual(classifyDangerousWork({ items: [] }), { itemLevels: [], projectLevel: NONE, itemsNeedingExpertReview: [], itemsNeedingSpecialScheme: [] });
});

test('bad requests: unknown category, mistyped fields, with the item index', () => {
  const err = (input: unknown) => {
    try {
      classifyDangerousWork(input);
    } catch (e) {
      assert.ok(isDomainError(e));
      return [e.code, e.message];
    }
    return assert.fail('expected an error');
  };
  assert.deepEqual(err({ category: 'bridge' })[0], 'unknown_category');
  assert.match(err({ category: 'bridge' })[1], /^category: unknown category "bridge"/);
  assert.deepEqual(err({ items: [{ category: 'excavation' }, { category: 'demolition_x' }] }).slice(0, 1), ['unknown_category']);
  assert.match(err({ items: [{ category: 'excavation' }, { category: 'demolition_x' }] })[1], /^items\[1\]\.category: unknown category/);
  assert.deepEqual(err({}), ['invalid_request', `category: required (one of excavation, formwork_support, tool_formwork, bearing_support, scaffold_floor, scaffold_cantilever, scaffold_attached_lifting, manual_dug_pile, tunnelling, steel_structure, space_frame_or_membrane, curtain_wall, lifting_nonstandard, lifting_by_crane, crane_erection)`]);
  assert.deepEqual(err({ category: 7 })[0], 'invalid_request');
  assert.match(err({ items: [{ category: 'excavation', depthM: '5' }] })[1], /^items\[0\]\.depthM: expected number/);
  assert.match(err({ category: 'excavation', depthM: -1 })[1], /^depthM: /);
  assert.match(err({ category: 'excavation', complexConditions: 'yes' })[1], /^complexConditions: /);
  assert.match(err({ category: 'tool_formwork', type: '大模板' })[1], /^type: /);
  assert.match(err({ category: 'tunnelling', method: '明挖' })[1], /^method: /);
  assert.match(err({ items: 'x' })[1], /^items: /);
  assert.match(err({ items: [3] })[1], /^items\[0\]: expected an object/);
});

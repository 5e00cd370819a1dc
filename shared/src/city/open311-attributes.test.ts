import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkServiceAttributes, toServiceDefinition, type ServiceAttribute } from './open311-attributes';
import { SEED_CLASS_TABLE, findClass } from './classes';
import { open311Services } from './open311';

const cover: ServiceAttribute = { code: 'cover_condition', description: '井盖状况', datatype: 'singlevaluelist', required: true, values: [{ key: 'missing', name: '缺失' }, { key: 'broken', name: '破损' }], order: 1 };
const depth: ServiceAttribute = { code: 'depth', description: '深度（cm）', datatype: 'number', required: false, order: 2 };

test('services with attributes say metadata: true; the others false', () => {
  const services = open311Services();
  assert.equal(services.find((s) => s.service_code === 'C0101')?.metadata, true);
  assert.equal(services.find((s) => s.service_code === 'E0104')?.metadata, false);
  assert.ok(findClass('component', '0101', SEED_CLASS_TABLE)?.attributes?.length);
});

test('a definition lists the attributes in order with their values', () => {
  const d = toServiceDefinition('C0101', [depth, cover]);
  assert.deepEqual(d.attributes.map((a) => a.code), ['cover_condition', 'depth']);
  assert.deepEqual(d.attributes[0]!.values, [{ key: 'missing', name: '缺失' }, { key: 'broken', name: '破损' }]);
  assert.equal(d.attributes[0]!.variable, true);
});

test('answers checked: required, list keys, numbers, one value, unknown codes — each named', () => {
  assert.deepEqual(checkServiceAttributes([cover, depth], { cover_condition: 'broken', depth: '12' }), { values: { cover_condition: 'broken', depth: '12' }, issues: [] });
  const r = checkServiceAttributes([cover, depth], { depth: 'deep', colour: 'red' });
  assert.deepEqual(r.issues.map((i) => i.field), ['attribute[colour]', 'attribute[cover_condition]', 'attribute[depth]']);
  assert.match(r.issues[1]!.message, /必填/);
  assert.match(checkServiceAttributes([cover], { cover_condition: 'gone' }).issues[0]!.message, /missing\/broken/);
  assert.match(checkServiceAttributes([cover], { cover_condition: ['missing', 'broken'] }).issues[0]!.message, /只能填一个值/);
  assert.deepEqual(checkServiceAttributes([depth], {}), { values: {}, issues: [] }, 'an optional attribute may be left out');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceText, mapLink, orderByDistance, roundProgress, taskDistance } from './patrol-route';

const HERE = { lng: 113.748, lat: 23.006 };
const task = (name: string, remaining: number, lat?: number) => ({ facilityName: name, remaining, times: 2, done: 2 - remaining, location: lat === undefined ? undefined : { lng: 113.748, lat } });

test('distance from where the patroller stands, in words', () => {
  const m = taskDistance(task('井盖', 1, 23.009), HERE)!;
  assert.ok(m > 320 && m < 345, String(m));
  assert.equal(distanceText(m), '距您约 330 米');
  assert.equal(taskDistance(task('无坐标', 1), HERE), null);
  assert.equal(distanceText(null), null);
});

test('the round in walking order: due and nearest first, no position after, done last; unchanged without a fix', () => {
  const tasks = [task('远处路灯', 1, 23.02), task('已巡井盖', 0, 23.006), task('无坐标', 2), task('近处井盖', 2, 23.0065)];
  assert.deepEqual(orderByDistance(tasks, HERE).map((t) => t.facilityName), ['近处井盖', '远处路灯', '无坐标', '已巡井盖']);
  assert.deepEqual(orderByDistance(tasks, null).map((t) => t.facilityName), tasks.map((t) => t.facilityName));
});

test('a web map link at the task (GCJ-02), the name escaped', () => {
  assert.equal(mapLink(HERE, '井盖 A&B'), 'https://uri.amap.com/marker?position=113.748000,23.006000&name=%E4%BA%95%E7%9B%96%20A%26B&coordinate=gaode&callnative=1');
  assert.match(mapLink(HERE, ''), /name=%E5%B7%A1%E6%9F%A5%E7%82%B9/);
});

test('progress counts each task up to its times', () => {
  assert.deepEqual(roundProgress([{ times: 2, done: 3 }, { times: 1, done: 0 }, { times: 1, done: 1 }]), { done: 3, total: 4, percent: 75 });
  assert.deepEqual(roundProgress([]), { done: 0, total: 0, percent: 0 });
});

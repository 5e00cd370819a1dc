import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identicalEpochs } from './identical-epochs';

test('identical uploads apart from their time are detected', () => {
  const a = { time: '2024-05-10T09:00', A0: [0.44, 0.4], A180: [-0.16, -0.1] };
  const cases: [unknown, unknown, boolean][] = [
    [a, { ...a, time: '2024-05-11T09:00' }, true],
    [a, { ...a, A0: [0.44, 0.41] }, false],
    [a, { ...a, A0: [0.44] }, false],
    [a, { time: a.time, A0: a.A0 }, false],
    [{ epochs: [{ time: 'x', value: 1 }] }, { epochs: [{ time: 'y', value: 1 }] }, true],
    [{ epochs: [{ time: 'x', value: 1 }] }, { epochs: [{ time: 'y', value: 1.0000001 }] }, false],
    [[1, 2], [1, 2], true],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [null, null, true],
    [null, {}, false],
  ];
  for (const [x, y, expected] of cases) assert.equal(identicalEpochs(x, y), expected, JSON.stringify([x, y]));
  assert.equal(identicalEpochs({ t: 1, v: 2 }, { t: 3, v: 2 }, ['t']), true);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gsiKind } from './gsi-kind';
import { DNA03_GSI16_SAMPLE } from './pit.fixtures';

test('a total-station file is told from a level file by its word indices (Hz/V/SD vs staff readings)', () => {
  // the Autodesk GSI-8 TPS sample (docs/domain/pit.md §3.1)
  assert.equal(gsiKind('110002+00130021 21.102+19723700 22.102+10000000 31..00+00045179 51....+0000+000'), 'total_station');
  // GSI-16: the first word follows '*'
  assert.equal(gsiKind('*110001+0000000000000S1 84..10+0000000001000000\n*110002+00000000000000P1 21.324+0000000009000000 22.324+0000000009000000 31..00+0000000000010000\n'), 'total_station');
  assert.equal(gsiKind(DNA03_GSI16_SAMPLE), 'leveling');
  // distances (32) and point ids alone say nothing: leveling, whose reader explains what is missing
  assert.equal(gsiKind('110003+0000000G 32...8+00018249'), 'leveling');
  // a digit run inside a data field is not a word index
  assert.equal(gsiKind('110002+00210021 32...8+21.10000'), 'leveling');
  // both kinds in one file: leveling, as before total-station files were accepted
  assert.equal(gsiKind('110002+00000001 21.102+19723700\n110003+0000000G 331.08+00159977'), 'leveling');
});

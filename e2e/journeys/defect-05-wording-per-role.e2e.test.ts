/**
 * Issue 17, defect 5: wording meant for the citizen on staff pages. The area chief opening someone else's new
 * report read "已收到您的上报，等待片长受理". Each viewer reads the state in their own words (one wording source):
 * the chief is asked to accept, the unit to start work, and nobody on a staff page reads "您的上报"; the
 * reporter still reads the citizen's sentence.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { shot, visible, withFailureShot } from '../helpers/browser';
import { MODES, open, pageText, reportAt, startJourney, text, type Journey, actOnCase } from './journey';

const T = 'defect-05';
/** a facility per mode (a second report of the same class at one facility would be a duplicate) */
const AT = { normal: { id: 'fc_demo0nc01well1', classCode: '0101' }, large: { id: 'fc_demo0nc01lamp1', classCode: '0105' } } as const;

let j: Journey;
before(async () => {
  j = await startJourney(T);
});
after(async () => {
  await j?.stop();
});

const act = (persona: string, caseId: string, body: Record<string, unknown>) => actOnCase(j.sys, persona, caseId, body);

for (const mode of MODES) {
  test(`[${mode.name}] each role reads the case state in its own words; no "您的上报" on staff pages`, async () => {
    const id = await reportAt(j.sys, 'citizen', AT[mode.name].id, AT[mode.name].classCode, '井盖松动有响声，请处理', mode.large ? 11 : 5);

    const citizen = await j.phone('citizen', mode);
    await withFailureShot(citizen, `${T}-${mode.name}-citizen`, async () => {
      await open(citizen, j.sys, `/packages/citizen/pages/case/index?id=${id}`, mode);
      await visible(citizen, '#case-state-text').waitFor();
      assert.equal(await text(citizen, '#case-state-text'), '已收到您的上报，等待片长受理', 'the reporter keeps the citizen wording');
    });
    await citizen.close();

    const chief = await j.phone('chief-nancheng', mode);
    await withFailureShot(chief, `${T}-${mode.name}-chief`, async () => {
      await open(chief, j.sys, `/packages/chief/pages/case/index?id=${id}`, mode);
      await visible(chief, '#case-state').waitFor();
      const said = await text(chief, '.staff-state-text');
      assert.doesNotMatch(said, /您的上报/, `the chief reads no citizen wording: ${said}`);
      assert.match(said, /请您受理|等待您受理/, `the chief is asked to accept: ${said}`);
      assert.doesNotMatch(await pageText(chief), /您的上报/);
      await shot(chief, T, `${mode.name}-chief-received`);
    });
    await chief.close();

    await act('chief-nancheng', id, { action: 'accept' });
    await act('chief-nancheng', id, { action: 'dispatch', unitId: 'org-roads-nc' });
    const unit = await j.phone('unit-roads', mode);
    await withFailureShot(unit, `${T}-${mode.name}-unit`, async () => {
      await open(unit, j.sys, `/packages/chief/pages/case/index?id=${id}`, mode);
      await visible(unit, '#case-state[data-state="dispatched"]').waitFor();
      const said = await text(unit, '.staff-state-text');
      assert.match(said, /本单位/, `the unit reads that the case is its own: ${said}`);
      assert.doesNotMatch(await pageText(unit), /您的上报/);
      await shot(unit, T, `${mode.name}-unit-dispatched`);
    });
    await unit.close();
  });
}

test('no page crashed', () => {
  assert.deepEqual(j.errors, []);
});

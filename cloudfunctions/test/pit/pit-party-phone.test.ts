/**
 * 一键拨打 (issue 17, pit parties): a party or regulator of the project gets one party member's number to call;
 * someone outside the project, or a person not on its parties, gets nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPitSystem } from '../helpers/pit-factory';

const ctx = withPitSystem();
const phoneOf = (token: string, userId: string) => ctx.sys.call('GET', `/api/pit/projects/${ctx.pit.projectId}/parties/${userId}/phone`, { token });

test('the owner and the town regulator get the supervisor’s number to call', async () => {
  const { owner, supervisor, townRegulator } = ctx.pit.people;
  for (const caller of [owner, townRegulator]) {
    const r = await phoneOf(caller.token, supervisor.id);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.data.phone, supervisor.phone);
    assert.equal(r.json.data.name, 'supervisor');
  }
});

test('outside the project, or for someone not on its parties: 404 and no number', async () => {
  const { supervisor, otherTownRegulator, otherProjectMonitor, owner } = ctx.pit.people;
  for (const caller of [otherTownRegulator, otherProjectMonitor]) {
    const r = await phoneOf(caller.token, supervisor.id);
    assert.equal(r.status, 404);
    assert.ok(!JSON.stringify(r.json).includes(supervisor.phone), 'the number is not in the refusal');
  }
  const notParty = await phoneOf(owner.token, ctx.pit.people.otherTownRegulator.id);
  assert.equal(notParty.status, 404);
  assert.match(notParty.json.message, /参建单位中没有此人/);
});

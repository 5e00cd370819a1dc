import type { Deps } from '../../src/platform/deps';
import { createdAggregate } from '../../src/platform/aggregate';
import { PATROL_RULES, type PatrolRuleDoc } from '../../src/contexts/patrol/patrol.collections';
import { insertPatrolRule } from '../../src/contexts/patrol/patrol.repository';

const RULE_ID = 'pr_demo0nc02bus';
const BUS_STOP = 'fc_demo0nc02bus01';

/**
 * A demo patrol rule for 南城第二网格's bus shelter (元美公交站亭, twice a week), so the demo patroller's 今日巡查
 * holds facilities beside the shops on grade rules. Set by the grid's area chief; seeded once.
 */
export async function seedPatrolDemo(deps: Deps): Promise<void> {
  const { db } = deps;
  if (await db.collection(PATROL_RULES).findOne({ _id: RULE_ID as never })) return;
  const chief = await db.collection<{ _id: string }>('users').findOne({ persona: 'chief-nancheng' });
  const patroller = await db.collection<{ _id: string }>('users').findOne({ persona: 'patroller-nancheng' });
  if (!chief || !patroller) return;
  const t = deps.now();
  const scope = { cityId: 'dongguan', townId: 'nancheng', gridId: 'nc-02' };
  const event = { id: `${RULE_ID}:create`, action: 'patrol.rule_create', at: t, actorId: chief._id, role: 'areaChief' };
  const doc: PatrolRuleDoc = {
    ...createdAggregate(PATROL_RULES, RULE_ID, event, [], { requestId: 'seed' }),
    name: '南城第二网格公交站亭巡查',
    facilityIds: [BUS_STOP],
    gridIds: [],
    per: 'week',
    times: 2,
    window: { start: '07:00', end: '20:00' },
    patrollerIds: [patroller._id],
    active: true,
    source: 'manual',
    scope,
    createdBy: chief._id,
    createdAt: t,
  };
  await insertPatrolRule(db, doc);
}

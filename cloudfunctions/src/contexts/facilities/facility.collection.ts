import type { Scope } from '@cityloop/shared/policy/scope';
import { registerIndexes } from '../../platform/db/indexes';
import { registerCodeResolver } from '../../platform/codes/code-resolvers';

/** A road, lane, station or facility that carries a city service code (GB/T 30428 component). */
export type Facility = {
  _id: string; // `fc_…`, the id inside the printed code
  componentId: string; // 16-digit GB/T 30428 id
  classCode: string; // 大类+小类, e.g. '0101'
  name: string;
  location: { lng: number; lat: number };
  scope: Scope; // cityId, townId, gridId, orgIds (maintaining unit); public: true
  areaChiefId?: string;
  maintainerName?: string;
  createdAt: Date;
  version: number;
};
export const FACILITIES = 'facilities';
registerIndexes(FACILITIES, [{ key: { componentId: 1 }, unique: true }, { key: { 'scope.townId': 1, 'scope.gridId': 1 } }]);

registerCodeResolver('fc', async (db, id) => {
  const f = await db.collection<Facility>(FACILITIES).findOne({ _id: id });
  if (!f) return null;
  // what a passer-by may see: open problems here, without who reported them
  const open = await db
    .collection<{ _id: string; className: string; state: string; createdAt: Date; kind: string; classCode: string }>('cases')
    .find({ facilityId: f._id, state: { $in: ['received', 'accepted', 'dispatched', 'in_progress', 'handled', 'parked', 'deferred'] } }, { projection: { className: 1, state: 1, createdAt: 1, kind: 1, classCode: 1 } })
    .sort({ createdAt: -1 })
    .limit(20)
    .toArray();
  return {
    kind: 'facility',
    id: f._id,
    title: f.name,
    subtitle: f.maintainerName ? `养护单位：${f.maintainerName}` : undefined,
    page: `/pages/scan/index`,
    data: {
      componentId: f.componentId,
      classCode: f.classCode,
      location: f.location,
      townId: f.scope.townId,
      gridId: f.scope.gridId,
      maintainer: f.maintainerName,
      openCases: open.map((c) => ({ id: c._id, kind: c.kind, classCode: c.classCode, className: c.className, state: c.state, createdAt: c.createdAt.toISOString() })),
    },
  };
});

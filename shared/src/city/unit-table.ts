import { classKey, type ClassKind } from './classes';

/**
 * One row of a town's class → unit table (FixMyStreet's "contacts" of a body): in `townId`, cases of
 * this class go to `unitId`. `classCode: '*'` is the town's fallback unit for the kind (属地兜底).
 */
export type UnitContact = { townId: string; kind: ClassKind; classCode: string; unitId: string };

/** Built once from the contacts; answers "which unit handles this class in this town?". */
export type UnitTable = {
  unitFor(townId: string, kind: ClassKind, classCode: string): string | null;
  fallbackFor(townId: string, kind: ClassKind): string | null;
};

/**
 * Builds the lookup. The last row wins when a (town, class) pair is listed twice.
 * @example unitTable([{ townId: 'nc', kind: 'event', classCode: '0104', unitId: 'sanitation' }]).unitFor('nc', 'event', '0104') // 'sanitation'
 */
export function unitTable(contacts: readonly UnitContact[]): UnitTable {
  const map = new Map<string, string>();
  for (const c of contacts) map.set(`${c.townId}|${classKey(c.kind, c.classCode)}`, c.unitId);
  return {
    unitFor: (townId, kind, classCode) => map.get(`${townId}|${classKey(kind, classCode)}`) ?? null,
    fallbackFor: (townId, kind) => map.get(`${townId}|${classKey(kind, '*')}`) ?? null,
  };
}

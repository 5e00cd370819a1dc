import { conflict, invalid, notFound } from '@cityloop/shared/errors';
import { classByCode, findClass, type ClassKind } from '@cityloop/shared/city/classes';
import { routeCase, type RouteInput } from '@cityloop/shared/city/route-case';
import { stepDeadline } from '@cityloop/shared/city/step-sla';
import type { CityClassTable, TableClass } from '@cityloop/shared/city/class-csv';
import { classTableOf, cityCalendar } from '../cityconfig/public';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { requireOwnEvidence } from '../evidence/public';
import { findActiveFacility, type Facility } from '../facilities/public';
import { CASES, SYSTEM_REPORTER, type CityCase } from './case.collection';
import { addCaseFollower, findCase, findOpenCaseAt, insertCase } from './case.repository';
import { takeSlots, type Limit } from '../../platform/limits/limit-slots';
import { citiesWithTowns, cityOfTown, gridAreaChief, userIdsWithRole } from './directory.repository';
import { routingTables } from './routing-tables';
import { staffMessages } from './case-notices';
import { forgetCodeAnswer } from '../../platform/codes/code-answers';
import type * as z from 'zod';
import type { newCaseRequest } from '@cityloop/shared/city/case.contract';

const PER_HOUR = 5;
const PER_DAY = 20;
/** A citizen's own reports (not the ones they follow, not the system's on their behalf). */
export const REPORT_LIMIT: Limit = {
  windows: [{ name: 'hour', ms: 3600_000, max: PER_HOUR }, { name: 'day', ms: 86_400_000, max: PER_DAY }],
  message: `上报过于频繁：每小时最多 ${PER_HOUR} 件、每天 ${PER_DAY} 件，请稍后再试`,
};

/** A report as the API parsed it (`follow`: the citizen chose to follow the open case of the same facility and class instead). */
export type NewCase = z.output<typeof newCaseRequest> & {
  source?: CityCase['source'];
  /**
   * A case the system opens on someone's behalf (a plaque escalation): the reporter is `SYSTEM_REPORTER`, so it is
   * not that person's own report (no flood limit, not counted as theirs); they follow it and hear its progress.
   * `evidenceOwnerId` holds the photos (the complainant's, already checked at the complaint).
   */
  onBehalfOf?: {
    followerId: string;
    evidenceOwnerId: string;
    /** a plaque escalation: the shop's own fix (its after photos, held by the owner, and its note) as a step of the case */
    shopFix?: { ownerId: string; at: Date; note: string; photos: string[] };
  };
  /** the named place of a report without a facility (the shop of a plaque escalation), shown instead of 按位置上报 */
  placeName?: string;
  /** answers to the class's extra questions (Open311 `attribute[code]`), already checked against the class */
  attributes?: Record<string, string | string[]>;
};

/**
 * A citizen's report → routed case in 受理 (received), or — when the same facility already has an open case
 * of the same class — a clear `duplicate_open_case` offering to follow it (FixMyStreet's top request).
 */
/**
 * The city of a report without a facility: the routed town's parent in `regions` (grid → town → city; routing found
 * the town from the grid or the town polygon under the reporter's position). Outside every town, the one city whose
 * towns are in `regions`; with several, the report cannot be placed and is refused.
 */
async function cityOfReport(db: Deps['db'], townId: string | null): Promise<string> {
  const city = townId ? await cityOfTown(db, townId) : null;
  if (city) return city;
  const cities = await citiesWithTowns(db);
  if (cities.length === 1) return cities[0]!;
  throw invalid('该位置不在本平台服务的城市范围内，请扫描设施二维码或在城区内上报', 'outside_service_area');
}

/** `areaChiefId`: the facility's grid's 片长, read from the grid (facilities keep no copy). */
const routeInput = (kind: ClassKind, classCode: string, facility: Facility | null, input: NewCase, areaChiefId: string | null = null): RouteInput => ({
  kind,
  classCode,
  facility: facility ? { gridId: facility.scope.gridId, townId: facility.scope.townId, unitId: facility.scope.orgIds?.[0], areaChiefId, lng: facility.location.lng, lat: facility.location.lat } : undefined,
  location: input.location,
});

/**
 * The town under a report's position, before its class is known to be the city's: routing is asked with a
 * one-class table (the class itself is checked against the city's table right after).
 */
async function townAt(db: Deps['db'], input: NewCase, t: Date): Promise<string | null> {
  const tables = await routingTables(db, t.getTime());
  const kind = input.kind;
  const probe = findClass(kind, input.classCode) ?? { kind, code: input.classCode, majorCode: input.classCode.slice(0, 2), minorCode: input.classCode.slice(2), name: '', limits: { urgentHours: 1, normalHours: 1 }, fileCondition: '', closeCondition: '', basis: { code: 'D' as const, limits: 'D' as const } };
  return routeCase(routeInput(kind, input.classCode, null, input), { ...tables, classes: { majors: [], classes: [probe] } }).townId;
}

export async function createCase(
  deps: Deps,
  reporterId: string,
  input: NewCase,
  ctx: { requestId?: string; ip?: string },
  opts: { limit?: Limit; cityId?: string } = {},
): Promise<{ case: CityCase; followed: boolean }> {
  const { db, now } = deps;
  const t = now();
  const system = input.onBehalfOf;
  if (system) reporterId = SYSTEM_REPORTER;

  let facility: Facility | null = null;
  if (input.facilityId) {
    facility = await findActiveFacility(db, input.facilityId);
    if (!facility) throw notFound('设施不存在或已撤销', 'facility_not_found');
  } else if (!input.location) {
    throw invalid('请扫描设施二维码，或提供问题位置', 'location_required');
  }
  // The class comes from the city's own table (the facility's city, or the city under the reported position).
  const cityId = facility?.scope.cityId ?? (await cityOfReport(db, await townAt(db, input, t)));
  if (opts.cityId && cityId !== opts.cityId) throw invalid(`该位置不在本接入方的城市（${opts.cityId}）范围内`, 'outside_jurisdiction');
  const city = await classTableOf(db, cityId);
  const cls = classByCode(input.kind, input.classCode, city.table) as TableClass;
  if (facility) {
    const open = await findOpenCaseAt(db, facility._id, cls.kind, cls.code);
    if (open) {
      if (!input.follow) throw conflict('该设施已有同类问题正在处理，您可以关注它以获得进展通知', 'duplicate_open_case');
      if (!open.followers.includes(reporterId) && open.reporterId !== reporterId) await addCaseFollower(db, open._id, reporterId);
      return { case: (await findCase(db, open._id))!, followed: true };
    }
  }
  if (input.description.trim().length < 4) throw invalid('输入有误：description: 请描述问题（至少 4 个字）', 'invalid_input');
  // Open311 clients send at most a media_url; everyone else files with 1–9 photos of their own.
  const minPhotos = input.source === 'open311' ? 0 : 1;
  if (input.photos.length < minPhotos || input.photos.length > 9) throw invalid('请上传 1–9 张现场照片', 'photos_required');
  await requireOwnEvidence(db, system?.evidenceOwnerId ?? reporterId, input.photos, { images: true });
  if (system?.shopFix?.photos.length) await requireOwnEvidence(db, system.shopFix.ownerId, system.shopFix.photos, { images: true });

  // Counted once the report is known to be valid and new; given back if it is not stored after all.
  const slot = system ? null : await takeSlots(db, `report:${reporterId}`, opts.limit ?? REPORT_LIMIT, t);
  try {
    return await routeAndInsert(deps, reporterId, input, ctx, { cls, facility, t, system, cityId, classes: city.table, classVersion: city.version });
  } catch (e) {
    await slot?.release();
    throw e;
  }
}

async function routeAndInsert(
  deps: Deps,
  reporterId: string,
  input: NewCase,
  ctx: { requestId?: string; ip?: string },
  { cls, facility, t, system, cityId, classes, classVersion }: { cls: TableClass; facility: Facility | null; t: Date; system: NewCase['onBehalfOf']; cityId: string; classes: CityClassTable; classVersion: number },
): Promise<{ case: CityCase; followed: boolean }> {
  const { db } = deps;
  const tables = await routingTables(db, t.getTime());
  const chief = facility ? await gridAreaChief(db, facility.scope.gridId) : null;
  const routing = routeCase(routeInput(cls.kind, cls.code, facility, input, chief), { ...tables, classes });
  const id = newId('cs');
  // 受理 waits from now, on the city's calendar, under the SLA the class has today (snapshotted on the case)
  const sla = { ...cls.sla, classVersion };
  const stepDue = { step: 'accept' as const, at: stepDeadline(cls.sla, 'accept', !!input.urgent, t, await cityCalendar(db, cityId)), escalated: false };
  const scope = { cityId, townId: routing.townId ?? undefined, gridId: routing.gridId ?? undefined, orgIds: routing.unitId ? [routing.unitId] : [], createdBy: reporterId };
  const base = {
    kind: cls.kind,
    classCode: cls.code,
    className: cls.name,
    description: input.description,
    photos: input.photos,
    location: input.location ?? (facility ? { ...facility.location } : undefined),
    facilityId: facility?._id,
    facilityName: facility?.name,
    ...(input.placeName && !facility ? { placeName: input.placeName } : {}),
    urgent: !!input.urgent,
    state: 'received' as const,
    lastAction: 'create',
    routing,
    scope,
    reporterId,
    followers: system ? [system.followerId] : [],
    source: input.source ?? 'citizen',
    ...(input.publish ? { publishDescription: true } : {}),
    ...(input.attributes && Object.keys(input.attributes).length ? { attributes: input.attributes } : {}),
    reworkCount: 0,
    extensionsGranted: 0,
    disputed: false,
    escalated: false,
    sla,
    stepDue,
    createdAt: t,
    updatedAt: t,
  };
  const event: DomainEvent = { id: newId('ev'), action: 'case.create', at: t, actorId: system ? null : reporterId, role: system ? 'system' : 'citizen', to: 'received', location: input.location, evidence: input.photos, reason: input.description.slice(0, 200) };
  const staff = routing.areaChiefId ? [routing.areaChiefId] : await userIdsWithRole(db, [`regulator:town:${scope.cityId}:${scope.townId}`]);
  const draft = { _id: id, ...base } as unknown as CityCase;
  const messages = staffMessages(event.id, draft, staff, routing.queue === 'unit' ? '新的市民上报待受理' : '无法自动派遣的上报（待镇街调度）', t);
  const doc: CityCase = { ...draft, ...createdAggregate(CASES, id, event, messages, { ...ctx, scope }) };
  // what the shop did before the dispute, as a step of the case (no state change): its after photos and note
  const fix = system?.shopFix;
  if (fix) doc.history.push({ id: `${event.id}:shop_fix`, action: 'case.shop_fix', at: fix.at, actorId: fix.ownerId, role: 'shopOwner', evidence: fix.photos, reason: fix.note.trim() || undefined });
  await insertCase(db, doc);
  forgetCodeAnswer(doc.facilityId);
  return { case: doc, followed: false };
}

import { invalid } from '../errors';
import { CASE_STATE_LABELS } from './case.labels';
import { open311StatusOf, type FmsExtendedStatus } from './case.open311-status';
import type { CaseAction, CaseState } from './case.types';
import { CLASS_KIND_LABELS, SEED_CLASS_TABLE, classByCode, majorClassByCode, type ClassKind, type ClassTable } from './classes';
import { formatW3cDateTime } from './w3c-datetime';

/**
 * Open311 GeoReport v2 (JSON) presentation of our classes and cases (docs/domain/city.md §2).
 * `service_code` = `C` (部件) or `E` (事件) + the 4-digit class code, because component 0101 and
 * event 0101 are different services.
 */

/**
 * @example serviceCodeOf('event', '0104') // 'E0104'
 */
export const serviceCodeOf = (kind: ClassKind, classCode: string): string => `${kind === 'component' ? 'C' : 'E'}${classCode}`;

/**
 * The class behind a service code; malformed → `invalid_service_code`, unknown → `unknown_class`.
 * @example parseServiceCode('C0101') // { kind: 'component', classCode: '0101' }
 */
export function parseServiceCode(code: string, table: ClassTable = SEED_CLASS_TABLE): { kind: ClassKind; classCode: string } {
  const m = /^([CE])(\d{4})$/.exec(String(code ?? '').trim());
  if (!m) throw invalid(`service_code 无效：${String(code)}（应为 C 或 E 加 4 位小类编码，如 E0104）`, 'invalid_service_code', { field: 'service_code' });
  const kind: ClassKind = m[1] === 'C' ? 'component' : 'event';
  classByCode(kind, m[2], table);
  return { kind, classCode: m[2] };
}

/** One entry of `services.json`. */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
};

/**
 * `services.json`: every class of the table as a realtime service; `metadata` says it has attributes to answer.
 * @example open311Services()[0] // { service_code: 'C0101', service_name: '上水井盖', group: '部件·公用设施', … }
 */
export function open311Services(table: ClassTable = SEED_CLASS_TABLE): Open311Service[] {
  return table.classes.map((c) => {
    const major = majorClassByCode(c.kind, c.majorCode, table)?.name ?? c.majorCode;
    return {
      service_code: serviceCodeOf(c.kind, c.code),
      service_name: c.name,
      description: `立案条件：${c.fileCondition}。处置时限：${hoursText(c.limits.normalHours)}（紧急 ${hoursText(c.limits.urgentHours)}）。`,
      metadata: !!c.attributes?.length,
      type: 'realtime',
      keywords: [CLASS_KIND_LABELS[c.kind], major, c.name].join(','),
      group: `${CLASS_KIND_LABELS[c.kind]}·${major}`,
    };
  });
}

const hoursText = (h: number) => `${h} 个工作小时`;

/** The fields of a case the Open311 view needs (a projection of the case document). */
export type Open311CaseView = {
  id: string;
  state: CaseState;
  /** the action that moved the case into `state` (REOPEN / NOT_COUNCILS_RESPONSIBILITY) */
  enteredBy?: CaseAction;
  kind: ClassKind;
  classCode: string;
  description?: string | null;
  statusNotes?: string | null;
  /** name of the responsible unit (责任单位) */
  unitName?: string | null;
  serviceNotice?: string | null;
  requestedAt: Date;
  updatedAt: Date;
  closedAt?: Date | null;
  /** 处置时限 deadline */
  deadline?: Date | null;
  address?: string | null;
  lng?: number | null;
  lat?: number | null;
  mediaUrls?: readonly string[];
};

/** A GeoReport v2 request, plus FixMyStreet's extended status under `extended_attributes`. */
export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  extended_attributes: { fms_status: FmsExtendedStatus; state: CaseState; state_label: string; media_urls: string[] };
};

/**
 * One case as an Open311 request. `updated_datetime` is the close time once closed;
 * `expected_datetime` is the 处置时限; times carry +08:00.
 * @example toOpen311Request(view).status // 'open'
 */
export function toOpen311Request(c: Open311CaseView, table: ClassTable = SEED_CLASS_TABLE): Open311Request {
  const cls = classByCode(c.kind, c.classCode, table);
  const { status, extended } = open311StatusOf(c.state, c.enteredBy);
  const updated = status === 'closed' && c.closedAt ? c.closedAt : c.updatedAt;
  const media = (c.mediaUrls ?? []).filter((u) => typeof u === 'string' && u !== '');
  return {
    service_request_id: c.id,
    status,
    status_notes: c.statusNotes ?? null,
    service_name: cls.name,
    service_code: serviceCodeOf(c.kind, c.classCode),
    description: c.description ?? null,
    agency_responsible: c.unitName ?? null,
    service_notice: c.serviceNotice ?? null,
    requested_datetime: formatW3cDateTime(c.requestedAt),
    updated_datetime: formatW3cDateTime(updated),
    expected_datetime: c.deadline ? formatW3cDateTime(c.deadline) : null,
    address: c.address ?? null,
    lat: c.lat ?? null,
    long: c.lng ?? null,
    media_url: media[0] ?? null,
    extended_attributes: { fms_status: extended, state: c.state, state_label: CASE_STATE_LABELS[c.state], media_urls: media },
  };
}

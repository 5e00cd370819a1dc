/** What a scanned facility or plaque code shows: the facility card, and what a patrol checks in at. */
import { findClass } from '@cityloop/shared/city/classes';
import type { LngLat, OpenCaseBrief } from './api';
import type { CodeInfo } from '../types';
import type { FacilityCodeData } from '@cityloop/shared/codes/code.contract';

export type { FacilityCodeData } from '@cityloop/shared/codes/code.contract';

export interface FacilityView {
  id: string;
  name: string;
  subtitle: string;
  componentId: string;
  classCode: string;
  className: string;
  location: LngLat | null;
  gridId: string;
  /** the grid's name, its id when the server sent no name */
  gridName: string;
  maintainer: string;
  openCases: OpenCaseBrief[];
}

/** A facility code as the pages show it; null when the code is not a facility. */
export function facilityFromCode(code: CodeInfo | null | undefined): FacilityView | null {
  if (!code || code.kind !== 'facility' || !code.id) return null;
  const d = (code.data ?? {}) as FacilityCodeData;
  const classCode = d.classCode ?? '';
  return {
    id: code.id,
    name: code.title || code.name || '',
    subtitle: code.subtitle ?? '',
    componentId: d.componentId ?? '',
    classCode,
    className: classCode ? (findClass('component', classCode)?.name ?? '') : '',
    location: d.location && Number.isFinite(d.location.lng) && Number.isFinite(d.location.lat) ? d.location : null,
    gridId: d.gridId ?? '',
    gridName: d.gridName || d.gridId || '',
    maintainer: d.maintainer ?? '',
    openCases: Array.isArray(d.openCases) ? d.openCases : [],
  };
}

/** What a patrol scan checks in at: a facility's service code, or a shop's 门前三包 plaque (patrolled by grade). */
export interface PatrolTarget {
  id: string;
  kind: 'facility' | 'plaque';
  name: string;
  /** `上水井盖 · 南城一网格` (the grid's id when it has no name), or the plaque's grade line */
  detail: string;
  location: LngLat | null;
  openCases: OpenCaseBrief[];
  /** the facility's class (pre-selected when reporting a problem); '' for a plaque */
  classCode: string;
}

export function patrolTargetFromCode(code: CodeInfo | null | undefined): PatrolTarget | null {
  const f = facilityFromCode(code);
  if (f) return { id: f.id, kind: 'facility', name: f.name, detail: [f.className || '设施', f.gridName].filter(Boolean).join(' · '), location: f.location, openCases: f.openCases, classCode: f.classCode };
  if (code?.kind !== 'plaque' || !code.id) return null;
  const loc = (code.data as { location?: LngLat } | undefined)?.location;
  return {
    id: code.id,
    kind: 'plaque',
    name: code.title || code.name || '',
    detail: code.subtitle || '门前三包责任户',
    location: loc && Number.isFinite(loc.lng) && Number.isFinite(loc.lat) ? loc : null,
    openCases: [],
    classCode: '',
  };
}

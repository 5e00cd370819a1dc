/** `GET /api/codes/:token` (public): what a scanned, signed code points at. Types only. */
import type { LngLat, OpenCaseBrief } from '../city/case.contract';

/** What a scanned code shows before any role-specific page takes over. */
export interface ResolvedCode {
  /** the target's kind (`facility`, `plaque`, …), also the code's id prefix family */
  kind: string;
  id: string;
  /** display name */
  title: string;
  subtitle?: string;
  /** the page that handles this kind */
  page: string;
  /** what the landing page needs without a second request (grid, class, open cases, …) */
  data?: Record<string, unknown>;
}

/** `data` of a code with `kind: 'facility'`: the facility card and its open problems (no reporters). */
export interface FacilityCodeData {
  componentId?: string;
  classCode?: string;
  location?: LngLat;
  townId?: string;
  /** the town's name (南城街道); older servers send none */
  townName?: string;
  gridId?: string;
  /** the grid's name; older servers send none */
  gridName?: string;
  maintainer?: string;
  openCases?: OpenCaseBrief[];
}

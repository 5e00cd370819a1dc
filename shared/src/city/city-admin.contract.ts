/**
 * The city's own data, kept by its admin (`/api/admin/*`): grids (GeoJSON import, rename, retire), units and
 * their class → unit routing rows, a grid's 片长, and facility edits. Request schemas (zod) the routes parse with
 * and the `data` they answer (the mini-program imports the types only).
 */
import * as z from 'zod';
import { chinaPointSchema, recordVersionSchema } from '../platform/request.contract';
import { mobileSchema, personNameSchema } from '../identity/identity.contract';

const id = z.string().trim().min(1).max(60);
/** `cityId` may be left out when the caller administers one city only. */
export const cityQuery = z.object({ cityId: id.optional() });

/** The GeoJSON as text (a file's content) or as parsed JSON; at most 2 MB of text. */
export const gridImportBody = z.object({ cityId: id.optional(), geojson: z.union([z.string().min(1, '请选择 GeoJSON 文件').max(2_000_000, 'GeoJSON 文件过大（最多 2 MB）'), z.record(z.string(), z.unknown())]) });
export const renameGridBody = z.object({ name: z.string().trim().min(1, '请填写网格名称').max(40, '网格名称不超过 40 个字'), version: recordVersionSchema }).strict();
export const retireGridBody = z.object({ version: recordVersionSchema, reason: z.string().trim().max(200).optional() }).strict();

export const unitBody = z.object({ name: z.string().trim().min(2, '请填写单位名称').max(60, '单位名称不超过 60 个字'), townId: id }).strict();
export const unitPatchBody = z.object({ name: z.string().trim().min(2, '请填写单位名称').max(60).optional(), townId: id.optional(), version: recordVersionSchema }).strict();
export const routingRowBody = z
  .object({
    townId: id,
    kind: z.enum(['component', 'event'], { message: '类型须为 部件 或 事件' }),
    classCode: z.string().trim().regex(/^(\*|\d{4})$/, '类别须为 4 位代码（大类+小类）或 *（兜底）'),
    unitId: id,
  })
  .strict();

/** A grid's 片长: an existing user, or a person invited by name and phone (their contact account is the 片长). */
export const assignChiefBody = z.union([
  z.object({ userId: id, version: recordVersionSchema }).strict(),
  z.object({ name: personNameSchema, phone: mobileSchema, version: recordVersionSchema }).strict(),
]);

export const facilityEditBody = z
  .object({
    name: z.string().trim().min(1, '请填写设施名称').max(60, '设施名称不超过 60 个字').optional(),
    classCode: z.string().trim().regex(/^\d{4}$/, '类别须为 4 位代码（大类+小类）').optional(),
    location: chinaPointSchema.pick({ lng: true, lat: true }).optional(),
    gridId: id.optional(),
    version: recordVersionSchema,
  })
  .strict();
export const facilityRetireBody = z.object({ version: recordVersionSchema, reason: z.string().trim().min(2, '请填写停用原因').max(200) }).strict();
export const facilityListQuery = z.object({ cityId: id.optional(), gridId: id.optional(), q: z.string().trim().max(40).optional() });

export type GridImportError = { feature: number; id?: string; message: string };

export interface AdminGrid {
  id: string;
  name: string;
  townId: string;
  townName: string;
  areaChiefId: string | null;
  areaChiefName: string | null;
  vertices: number;
  retired: boolean;
  version: number;
}
export interface AdminTown {
  id: string;
  name: string;
  hasBoundary: boolean;
}
export interface AdminGrids {
  city: { id: string; name: string };
  towns: AdminTown[];
  grids: AdminGrid[];
}
export interface AdminUnit {
  id: string;
  name: string;
  townId: string;
  townName: string;
  version: number;
}
export interface AdminRoutingRow {
  id: string;
  townId: string;
  kind: 'component' | 'event';
  classCode: string;
  unitId: string;
  unitName: string;
}
export interface AdminUnits {
  city: { id: string; name: string };
  towns: AdminTown[];
  units: AdminUnit[];
  routing: AdminRoutingRow[];
}
export interface AdminFacility {
  id: string;
  name: string;
  classCode: string;
  componentId: string;
  gridId: string | null;
  townId: string | null;
  location: { lng: number; lat: number };
  retired: boolean;
  version: number;
}
export interface ChiefAssigned {
  gridId: string;
  areaChiefId: string;
  previousChiefId: string | null;
  /** open cases of the grid that moved from the previous 片长 to the new one */
  movedCases: number;
  /** the invitation code sent by SMS when the 片长 was invited by name and phone */
  invitationCode?: string;
  version: number;
}

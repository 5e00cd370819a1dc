/**
 * 城市数据管理 (admin subpackage): grids, units and routing rows, 片长 assignment, facility edits. The shapes are
 * the server's (shared/src/city/city-admin.contract.ts), imported as types only so zod stays out of the bundle.
 */
import type { AdminFacility, AdminGrids, AdminUnits, ChiefAssigned, GridImportError } from '@cityloop/shared/city/city-admin.contract';
import type { Api } from '../api';
import { isApiError } from '../api';

export type { AdminFacility, AdminGrid, AdminGrids, AdminRoutingRow, AdminUnit, AdminUnits, ChiefAssigned, GridImportError } from '@cityloop/shared/city/city-admin.contract';

type ApiLike = Pick<Api, 'get' | 'post' | 'put' | 'patch' | 'del'>;
const seg = encodeURIComponent;

export function createCityAdminApi(api: ApiLike) {
  return {
    grids: () => api.get<AdminGrids>('/api/admin/grids'),
    importGrids: (geojson: string) => api.post<{ imported: number; created: number; updated: number; ids: string[] }>('/api/admin/grids/import', { geojson }),
    renameGrid: (id: string, name: string, version: number) => api.patch<{ version: number }>(`/api/admin/grids/${seg(id)}`, { name, version }),
    retireGrid: (id: string, reason: string, version: number) => api.post<{ version: number }>(`/api/admin/grids/${seg(id)}/retire`, { reason, version }),
    assignChief: (id: string, who: { userId: string } | { name: string; phone: string }, version: number) => api.put<ChiefAssigned>(`/api/admin/grids/${seg(id)}/chief`, { ...who, version }),
    units: () => api.get<AdminUnits>('/api/admin/units'),
    addUnit: (name: string, townId: string) => api.post<{ id: string }>('/api/admin/units', { name, townId }),
    renameUnit: (id: string, name: string, version: number) => api.patch<{ version: number }>(`/api/admin/units/${seg(id)}`, { name, version }),
    putRouting: (row: { townId: string; kind: 'component' | 'event'; classCode: string; unitId: string }) => api.put<{ id: string }>('/api/admin/routing', row),
    deleteRouting: (id: string) => api.del<{ id: string }>(`/api/admin/routing/${seg(id)}`),
    facilities: (gridId?: string, q?: string) => api.get<AdminFacility[]>(`/api/admin/facilities?${gridId ? `gridId=${seg(gridId)}&` : ''}${q ? `q=${seg(q)}` : ''}`),
    editFacility: (id: string, body: { name?: string; gridId?: string; location?: { lng: number; lat: number }; version: number }) => api.patch<{ version: number }>(`/api/admin/facilities/${seg(id)}`, body),
    retireFacility: (id: string, reason: string, version: number) => api.post<{ version: number }>(`/api/admin/facilities/${seg(id)}/retire`, { reason, version }),
  };
}

/**
 * The per-feature errors of a refused grid import, as lines to show under the file (第 2 个要素（sq-02）：环未闭合…).
 * @example importErrorLines({ data: { errors: [{ feature: 2, id: 'sq-02', message: '环未闭合' }] } }) // ['第 2 个要素（sq-02）：环未闭合']
 */
export function importErrorLines(e: unknown): string[] {
  const errors = (isApiError(e) ? (e.data as { errors?: GridImportError[] } | undefined)?.errors : (e as { data?: { errors?: GridImportError[] } })?.data?.errors) ?? [];
  return errors.map((x) => (x.feature > 0 ? `第 ${x.feature} 个要素${x.id ? `（${x.id}）` : ''}：${x.message}` : x.message));
}

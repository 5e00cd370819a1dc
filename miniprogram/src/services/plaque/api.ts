/**
 * 门前三包 智能责任牌: the typed API of the `packages/plaque` (citizen) and `packages/shop` (shop owner)
 * subpackages and their page paths. The shapes are the server's (shared/src/plaques/plaque.contract.ts),
 * imported as types only so zod stays out of the bundle.
 */
import type { AnswerBody, FixBody, NewComplaint, PlaqueView, PublicComplaint, ShopComplaint, ShopMine } from '@cityloop/shared/plaques/plaque.contract';
import type { StoredBlob, UploadStart } from '@cityloop/shared/platform/evidence.contract';
import type { ImportedShop, ShopFormBody } from '@cityloop/shared/plaques/shop-admin.contract';
import type { Api } from '../api';
import { SHOP_HOME_PAGE, plaqueViewPage } from '../plaque-access';

export type { ComplaintClass, NewComplaint, PlaqueView, PublicComplaint, ShopComplaint, ShopMine, TrendPoint } from '@cityloop/shared/plaques/plaque.contract';
export type { AppealStatus, ComplaintState } from '@cityloop/shared/plaques/plaque.limits';
export type { Grade } from '@cityloop/shared/plaques/score';

// API --------------------------------------------------------------------------------------------------

type ApiLike = Pick<Api, 'get' | 'post'>;

export function createPlaqueApi(api: ApiLike) {
  const seg = encodeURIComponent;
  return {
    /** Public: works signed out. */
    view: (id: string) => api.get<PlaqueView>(`/api/plaques/${seg(id)}`),
    complain: (shopId: string, body: NewComplaint) => api.post<PublicComplaint & { version: number }>(`/api/plaques/${seg(shopId)}/complaints`, body),
    /** For the complainant or the shop owner only. */
    complaint: (id: string) => api.get<ShopComplaint>(`/api/plaque-complaints/${seg(id)}`),
    answer: (id: string, body: AnswerBody) =>
      api.post<PublicComplaint & { version: number }>(`/api/plaque-complaints/${seg(id)}/answer`, body),
    shopMine: () => api.get<ShopMine>('/api/shop/mine'),
    shopComplaints: () => api.get<ShopComplaint[]>('/api/shop/complaints'),
    fix: (id: string, body: FixBody) => api.post<ShopComplaint>(`/api/plaque-complaints/${seg(id)}/fix`, body),
    appeal: (id: string, reason: string) => api.post<ShopComplaint>(`/api/plaque-complaints/${seg(id)}/appeal`, { reason }),
    /** 单个商户登记 (area chief, town regulator): the new plaque's id and signed code. */
    registerShop: (body: ShopFormBody) => api.post<ImportedShop>('/api/plaques/shops', body),
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) => api.post<UploadStart>('/api/uploads', body),
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => api.post<StoredBlob>('/api/uploads/complete', body),
  };
}

export type PlaqueApi = ReturnType<typeof createPlaqueApi>;

// Pages ------------------------------------------------------------------------------------------------

const q = encodeURIComponent;
export const PLAQUE_PAGES = {
  view: plaqueViewPage,
  complain: (shopId: string) => `/packages/plaque/pages/complain/index?id=${q(shopId)}`,
  /** The complainant's view of their complaint (the inbox link of 商户已整改，请确认). */
  complaint: (id: string) => `/packages/plaque/pages/complaint/index?id=${q(id)}`,
};
export const SHOP_PAGES = {
  mine: SHOP_HOME_PAGE,
  /** The shop owner's view of one complaint (the inbox link of 您有新的门前三包投诉). */
  complaint: (id: string) => `/packages/shop/pages/complaint/index?id=${q(id)}`,
};

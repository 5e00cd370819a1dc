/**
 * The main package's only knowledge of 门前三包 (docs/domain/city.md §4): where a scanned plaque opens, and who sees the
 * 我的责任牌 entry on home. Kept apart from plaque.ts so the main package does not carry the subpackages'
 * API, chart and form code.
 */
import type { CodeInfo, SessionUser } from './types';

/** The shop owner's 我的责任牌 (packages/shop). */
export const SHOP_HOME_PAGE = '/packages/shop/pages/mine/index';

/** The public plaque page (packages/plaque) a citizen lands on after scanning. */
export const plaqueViewPage = (id: string) => `/packages/plaque/pages/view/index?id=${encodeURIComponent(id)}`;

/** One plaque complaint, as its complainant follows it (packages/plaque). */
export const plaqueComplaintPage = (id: string) => `/packages/plaque/pages/complaint/index?id=${encodeURIComponent(id)}`;

/** Where a resolved code opens when it is a plaque (`kind === 'plaque'` with an id), else null. */
export function plaquePageFor(code: Pick<CodeInfo, 'kind' | 'id'> | null | undefined): string | null {
  return code?.kind === 'plaque' && code.id ? plaqueViewPage(code.id) : null;
}

/** Shop owners (role `shopOwner` from /api/me `roles[].role`); the server scopes the data to their shop. */
export function canSeeShop(user: SessionUser | null | undefined): boolean {
  return !!user?.roles?.some((r) => r.role === 'shopOwner');
}

/** 登记商户 (packages/chief): one shop by form. */
export const SHOP_NEW_PAGE = '/packages/chief/pages/shop-new/index';

/** Who sees the 登记商户 entry: the roles the `shop.register` rule names (the server checks the area). */
export function canRegisterShop(user: SessionUser | null | undefined): boolean {
  return !!user?.roles?.some((r) => r.role === 'areaChief' || r.role === 'regulator' || r.role === 'admin');
}

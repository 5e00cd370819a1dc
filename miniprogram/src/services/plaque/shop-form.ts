/**
 * 单个商户登记 form → the request of `POST /api/plaques/shops` (shared/src/plaques/shop-admin.contract.ts). The
 * server checks the shop exactly like an import row; the page checks only what a typo makes obvious.
 */
import type { ShopFormBody } from '@cityloop/shared/plaques/shop-admin.contract';
import { PHONE_FORMAT_MESSAGE, mainlandMobile } from '@cityloop/shared/identity/sms-code.limits';

export type ShopFormFields = Record<'licenceNo' | 'name' | 'address' | 'lng' | 'lat' | 'ownerName' | 'ownerPhone' | 'gridId' | 'frontageM' | 'depthM' | 'duties', string>;

export const EMPTY_SHOP_FORM: ShopFormFields = { licenceNo: '', name: '', address: '', lng: '', lat: '', ownerName: '', ownerPhone: '', gridId: '', frontageM: '', depthM: '', duties: '' };

const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));

/**
 * The request body, or the first problem in Chinese.
 * @example shopFormBody({ ...EMPTY_SHOP_FORM, ownerPhone: '123' }, 'dongguan') // { error: '请填写营业执照号' }
 */
export function shopFormBody(f: ShopFormFields, cityId: string): { body: ShopFormBody } | { error: string } {
  const required: [keyof ShopFormFields, string][] = [['licenceNo', '营业执照号'], ['name', '店名'], ['address', '地址'], ['lng', '经度'], ['lat', '纬度'], ['ownerName', '负责人'], ['ownerPhone', '负责人手机'], ['frontageM', '门前长度'], ['depthM', '进深']];
  for (const [k, label] of required) if (!f[k].trim()) return { error: `请填写${label}` };
  for (const k of ['lng', 'lat', 'frontageM', 'depthM'] as const) if (!Number.isFinite(num(f[k]))) return { error: `${k === 'lng' ? '经度' : k === 'lat' ? '纬度' : k === 'frontageM' ? '门前长度' : '进深'}应为数字` };
  const phone = mainlandMobile(f.ownerPhone);
  if (!phone) return { error: `负责人手机：${PHONE_FORMAT_MESSAGE}` };
  return {
    body: {
      cityId,
      licenceNo: f.licenceNo.trim(),
      name: f.name.trim(),
      address: f.address.trim(),
      lng: num(f.lng)!,
      lat: num(f.lat)!,
      ownerName: f.ownerName.trim(),
      ownerPhone: phone,
      ...(f.gridId.trim() ? { gridId: f.gridId.trim() } : {}),
      frontageM: num(f.frontageM),
      depthM: num(f.depthM),
      ...(f.duties.trim() ? { duties: f.duties.trim() } : {}),
    },
  };
}

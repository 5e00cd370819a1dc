/**
 * Shop registration and printable plaques (`POST /api/plaques/import`, `GET /api/plaques/:id/pdf`,
 * `GET /api/plaque-pdf`): request schemas the routes parse with and the `data` the import answers.
 */
import * as z from 'zod';

/** At most this many plaques in one PDF response (A5 pages: ~10 KB each after the font). */
export const MAX_PLAQUES_PER_PDF = 200;

/** POST /api/plaques/import: 商户导入 from CSV text, into one city. */
export const shopImportRequest = z.object({ text: z.string().min(1, '文件内容为空'), cityId: z.string().trim().min(1, '请指定城市').max(60) });
export type ShopImportBody = z.output<typeof shopImportRequest>;

/** GET /api/plaques/:id/pdf: the hotline printed on the plaque, when not the default. */
export const plaquePdfQuery = z.object({ hotline: z.string().regex(/^[0-9-]{3,20}$/, '热线应为电话号码，例如 12319').optional() });

/** GET /api/plaque-pdf?ids=pq_a,pq_b: several plaques, one page each, in the order given (repeats dropped). */
export const plaquePdfListQuery = plaquePdfQuery.extend({
  ids: z
    .string({ message: '请指定责任牌编号 ids' })
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(z.string().regex(/^pq_[0-9a-z]{8,24}$/, '责任牌编号格式不正确')).min(1, '请指定责任牌编号 ids').max(MAX_PLAQUES_PER_PDF, `一次最多打印 ${MAX_PLAQUES_PER_PDF} 个责任牌`)),
});

export interface ImportedShop {
  row: number;
  licenceNo: string;
  id: string;
  name: string;
  /** the signed code printed on the plaque */
  codeUrl: string;
  status: 'imported' | 'unchanged';
}

/** 201 when shops were created, 200 when every row was unchanged; a rejected file answers 400 `import_rejected`. */
export interface ShopImportOutcome {
  batch: string | null;
  imported: number;
  unchanged: number;
  shops: ImportedShop[];
}

/** The kit adds, after each plaque, the owner's page with the one-time 绑定码 (never on the public plaque). */
export const plaqueKitQuery = z.object({ kit: z.enum(['0', '1']).optional() });

/** POST /api/plaques/shops: one shop by form (the area chief or town regulator), checked exactly as an import row. */
export const shopFormRequest = z.object({
  cityId: z.string().trim().min(1, '请指定城市').max(60),
  licenceNo: z.string().max(60),
  name: z.string().max(200),
  address: z.string().max(300),
  lng: z.number({ message: '请填写经度' }),
  lat: z.number({ message: '请填写纬度' }),
  ownerName: z.string().max(80),
  ownerPhone: z.string().max(30),
  gridId: z.string().max(64).optional(),
  frontageM: z.number().optional(),
  depthM: z.number().optional(),
  zonePolygon: z.string().max(4000).optional(),
  duties: z.string().max(60).optional(),
});
export type ShopFormBody = z.output<typeof shopFormRequest>;

/** POST /api/shop-binding/sms: the 绑定码 from the plaque kit; the SMS code goes to the owner's phone on file. */
export const bindingStartRequest = z.object({ bindingCode: z.string().trim().min(1, '请输入绑定码').max(40) });
/** POST /api/shop-binding: the 绑定码 and the SMS code; the session becomes the owner's account. */
export const bindingFinishRequest = bindingStartRequest.extend({ code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字验证码') });

export interface BindingStarted {
  shopName: string;
  /** the owner's phone on file, masked (138****1234) */
  phone: string;
  resendAfterSec: number;
  expiresInSec: number;
}

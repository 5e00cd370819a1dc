/**
 * Shop registration and printable plaques (`POST /api/plaques/import`, `GET /api/plaques/:id/pdf`,
 * `GET /api/plaque-pdf`): request schemas the routes parse with and the `data` the import answers.
 */
import { z } from 'zod';

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

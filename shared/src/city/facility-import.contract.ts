/** 设施导入 (`POST /api/facilities/import`, admin): the request the route parses and the `data` it answers. */
import * as z from 'zod';
import type { ImportError } from './facility-import';

export const facilityImportRequest = z.object({
  format: z.enum(['csv', 'geojson'], { message: '文件格式应为 csv 或 geojson' }),
  text: z.string().min(1, '文件内容为空'),
  cityId: z.string().trim().min(1, '请指定城市').max(60),
  countyCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字').optional(),
});
export type FacilityImportBody = z.output<typeof facilityImportRequest>;

/** All rows imported (201); a rejected file answers 400 `import_rejected` with `data.errors` instead. */
export interface FacilityImportOutcome {
  batch: string;
  imported: number;
  errors: ImportError[];
}

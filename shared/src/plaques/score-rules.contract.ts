/** GET/PUT /api/plaques/score-rules/:cityId: a city's score rules (docs/domain/city.md §4.3), edited by its admin. */
import * as z from 'zod';
import { recordVersionSchema } from '../platform/request.contract';
import { CLASS_CODE } from '../city/case.limits';

export const scoreRulesRequest = z.object({
  /** null for a city's first rules */
  version: recordVersionSchema.nullable(),
  deductions: z
    .record(z.string().regex(CLASS_CODE, '类别编码应为 4 位数字'), z.number().min(0, '扣分不能为负').max(50, '单次扣分不超过 50 分'))
    .refine((d) => Object.keys(d).length > 0 && Object.keys(d).length <= 100, '请设置 1 至 100 个类别的扣分'),
  defaultDeduction: z.number().min(0).max(50),
  settleAfterHours: z.number().int().min(24, '至少 24 小时').max(240, '不超过 240 小时'),
  chiefVisitDays: z.number().int().min(1).max(30),
});

export interface ScoreRulesView {
  cityId: string;
  version: number | null;
  deductions: Record<string, number>;
  defaultDeduction: number;
  settleAfterHours: number;
  chiefVisitDays: number;
}

/** Pure helpers of the admin pages (tested with node). */
import type { ImportPreview } from '@cityloop/shared/city/city-config.contract';

/** The cities the signed-in user administers, in binding order. */
export function adminCities(roles: readonly { role: string; cityId?: string }[] | undefined): string[] {
  return [...new Set((roles ?? []).filter((r) => r.role === 'admin' && r.cityId).map((r) => r.cityId!))];
}

/** SLA hours as people read them: `4 小时`, `2 个工作日` (7.5 h = 1 working day). */
export function slaText(hours: number): string {
  const days = hours / 7.5;
  return hours >= 7.5 && Number.isInteger(days) ? `${days} 个工作日` : `${hours} 小时`;
}

/** One line of a preview: `第 4 行：编码重复…` (line 0 = the whole file). */
export const errorLine = (e: { line: number; message: string }) => (e.line ? `第 ${e.line} 行：${e.message}` : e.message);

/** The preview's summary sentence. */
export function previewSummary(p: ImportPreview, what: 'classes' | 'calendar'): string {
  if (!p.ok) return `发现 ${p.errors.length} 处错误，修正后才能导入（不会写入任何内容）`;
  const c = p.counts;
  const body = what === 'classes' ? `${c.majors ?? 0} 个大类、${c.classes ?? 0} 个小类` : `${c.holidays ?? 0} 个节假日、${c.workdays ?? 0} 个调休上班日`;
  return p.version ? `已导入：${body}（版本 ${p.version}）` : `检查通过：${body}，可以导入`;
}

import type { ShopOverview } from '@cityloop/shared/plaques/shop-overview.contract';

const GRADES = ['A', 'B', 'C', 'D'] as const;

/**
 * 商户等级总览 as a workbook: the grade counts, every town of the area with its grades (zeros kept), and the shops in
 * the lowest grades. Grades are the shops' current standing, so the sheet is dated with the day it was taken.
 * SheetJS is loaded only when someone exports (lazy package).
 */
export async function shopGradesWorkbook(o: ShopOverview, takenOn: string): Promise<Buffer> {
  const sheetjs = await import('@e965/xlsx');
  const XLSX = 'utils' in sheetjs && sheetjs.utils ? sheetjs : (sheetjs as unknown as { default: typeof sheetjs }).default;
  const summary = [['统计日期', takenOn], ['责任户总数', o.total], [], ['等级', '户数'], ...GRADES.map((g) => [`${g} 级`, o.grades[g]])];
  const towns = [['街道（镇）', '责任户', ...GRADES.map((g) => `${g} 级`)], ...o.towns.map((t) => [t.townName, t.total, ...GRADES.map((g) => t.grades[g])])];
  const worst = [['商户', '等级', '得分', '街道（镇）', '网格', '地址'], ...o.worst.map((s) => [s.name, s.grade, s.score, s.townName ?? '', s.gridName ?? '', s.address ?? ''])];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(summary), '等级分布');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(towns), '按街道');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(worst), '等级最低的商户');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

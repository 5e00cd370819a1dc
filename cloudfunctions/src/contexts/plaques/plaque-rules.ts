/** What citizens can complain about on a plaque (事件 classes of 门前三包), and the shop's time to fix. */
export const PLAQUE_CLASSES: Record<string, { duty: 'sanitation' | 'order' | 'greenery'; fixWithinHours: number }> = {
  '0102': { duty: 'sanitation', fixWithinHours: 2 }, // 暴露垃圾
  '0104': { duty: 'sanitation', fixWithinHours: 2 }, // 道路不洁
  '0106': { duty: 'greenery', fixWithinHours: 4 }, // 绿地脏乱
  '0201': { duty: 'order', fixWithinHours: 4 }, // 非法小广告
  '0502': { duty: 'order', fixWithinHours: 2 }, // 店外经营
  '0503': { duty: 'order', fixWithinHours: 2 }, // 乱堆物堆料
  '0504': { duty: 'order', fixWithinHours: 1 }, // 机动车乱停放
};
/** The plaque classes a shop with these duties can be complained about for (a shop without 包绿化 has no 绿地脏乱). */
export const classesForDuties = (duties: readonly string[]): string[] => Object.keys(PLAQUE_CLASSES).filter((code) => duties.includes(PLAQUE_CLASSES[code].duty));
/** A third complaint of the same class within 30 days goes straight to enforcement. */
export const REPEAT_ESCALATE_AFTER = 3;
export const REPEAT_WINDOW_DAYS = 30;
/** Complaints per citizen: flood control. */
export const PER_HOUR = 3;
export const PER_DAY = 10;
export const PER_SHOP_PER_DAY = 2;

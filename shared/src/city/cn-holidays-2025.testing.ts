/**
 * Public holidays and 调休 make-up working days of mainland China, 2025, from the State Council
 * notice 国办发明电〔2024〕12号: the working-calendar calculator's test fixture (cities keep their calendars as data).
 */
const span = (from: string, days: number): string[] => {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
};

/** @example makeWorkingCalendar(CN_HOLIDAYS_2025) // the 2025 calendar with 调休 */
export const CN_HOLIDAYS_2025 = {
  holidays: [
    '2025-01-01', // 元旦
    ...span('2025-01-28', 8), // 春节 1/28–2/4
    ...span('2025-04-04', 3), // 清明 4/4–4/6
    ...span('2025-05-01', 5), // 劳动节 5/1–5/5
    ...span('2025-05-31', 3), // 端午 5/31–6/2
    ...span('2025-10-01', 8), // 国庆、中秋 10/1–10/8
  ],
  makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
} as const;

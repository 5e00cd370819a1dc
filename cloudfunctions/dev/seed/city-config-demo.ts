import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths';
import { classTableCsv } from '@cityloop/shared/city/class-csv';
import type { Deps } from '../../src/platform/deps';
import { classTableOf, importCalendar, importClassTable, SEED_TABLE } from '../../src/contexts/cityconfig/public';
import { citiesWithTowns } from '../../src/contexts/cases/public';

const SYSTEM = { userId: null, role: 'system' };
/** The national holiday files the demo imports (sources in docs/domain/city.md §1.7). */
export const CALENDAR_FILES: Record<number, string> = { 2025: 'cn-2025.csv', 2026: 'cn-2026.csv' };
export const calendarFile = (year: number) => readFileSync(path.join(repoRoot, 'cloudfunctions', 'dev', 'seed', 'calendars', CALENDAR_FILES[year]!), 'utf8');

/**
 * Every city in `regions` gets the built-in class table and the 2025 and 2026 calendars, through the same imports
 * the admin page and the CLI use (a city that already has them keeps its own).
 */
export async function seedCityConfig(deps: Deps): Promise<void> {
  for (const cityId of await citiesWithTowns(deps.db)) {
    if (!(await classTableOf(deps.db, cityId)).stored) await importClassTable(deps, SYSTEM, cityId, classTableCsv(SEED_TABLE));
    for (const year of Object.keys(CALENDAR_FILES).map(Number)) {
      const has = await deps.db.collection('working_calendars').countDocuments({ _id: `${cityId}:${year}` as never }, { limit: 1 });
      if (!has) await importCalendar(deps, SYSTEM, cityId, year, calendarFile(year));
    }
  }
}

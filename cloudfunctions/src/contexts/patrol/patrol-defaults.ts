import type { Db } from 'mongodb';
import type { PatrolDefaults } from '@cityloop/shared/city/patrol.contract';
import { findPatrolDefaults } from './patrol.repository';

/** Used until a city's admin sets its own (`patrol_defaults`, seeded for the demo cities). */
export const FALLBACK_PATROL_DEFAULTS: Omit<PatrolDefaults, 'cityId'> = { per: 'week', times: 1, window: { start: '08:00', end: '18:00' } };

/** A city's defaults for a new patrol rule, with the version an edit must send (null: never set). */
export async function cityPatrolDefaults(db: Db, cityId: string): Promise<PatrolDefaults & { version: number | null }> {
  const d = await findPatrolDefaults(db, cityId);
  return d ? { cityId, per: d.per, times: d.times, window: d.window, version: d.version } : { cityId, ...FALLBACK_PATROL_DEFAULTS, version: null };
}

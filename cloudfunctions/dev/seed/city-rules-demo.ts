import type { Deps } from '../../src/platform/deps';
import { DEFAULT_SCORE_RULES } from '@cityloop/shared/plaques/score';
import { citiesWithTowns } from '../../src/contexts/cases/public';
import { cityPatrolDefaults } from '../../src/contexts/patrol/patrol-defaults';
import { savePatrolDefaults } from '../../src/contexts/patrol/patrol.repository';
import { cityScoreRules, saveScoreRules } from '../../src/contexts/plaques/score-rules.repository';

/**
 * Every seeded city gets its patrol defaults and plaque score rules as data (its admin edits them later);
 * a city that already has them keeps them. Runs after the regions are seeded.
 */
export async function seedCityRules(deps: Deps): Promise<void> {
  const at = deps.now();
  for (const cityId of await citiesWithTowns(deps.db)) {
    if ((await cityPatrolDefaults(deps.db, cityId)).version === null) await savePatrolDefaults(deps.db, cityId, null, { per: 'week', times: 2, window: { start: '08:00', end: '18:00' }, updatedBy: 'seed', updatedAt: at });
    if ((await cityScoreRules(deps.db, cityId)).version === null) await saveScoreRules(deps.db, cityId, null, { ...DEFAULT_SCORE_RULES, updatedBy: 'seed', updatedAt: at });
  }
}

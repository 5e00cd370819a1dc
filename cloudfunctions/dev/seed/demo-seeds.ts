import type { Deps } from '../../src/platform/deps';
import type { ContextModule } from '../../src/platform/context-module';
import { seedDemo } from './seed';

export type OpenidFor = (persona: string) => Promise<string>;
type DemoSeed = (deps: Deps, openidFor: OpenidFor) => Promise<unknown>;

/**
 * Demo data by context name (kept out of the modules so the deployed bundles carry none of it). Run in the
 * order of the list of contexts: the base city (personas, regions, units, facilities) comes with identity,
 * before the domains that use it.
 */
export const DEMO_SEEDS: Record<string, DemoSeed> = {
  identity: (deps, openidFor) => seedDemo(deps.db, openidFor),
  pit: async (deps, openidFor) => (await import('./pit-demo')).seedPitDemo(deps, openidFor),
  plaques: async (deps, openidFor) => (await import('./plaque-demo')).seedPlaqueDemo(deps, openidFor),
  concrete: async (deps, openidFor) => (await import('./concrete-demo')).seedConcreteDemo(deps, openidFor),
  firetest: async (deps, openidFor) => (await import('./fire-demo')).seedFireDemo(deps, openidFor),
  // 危大工程: the expert library, five projects (pit A's deep pit linked), reviews in each outcome
  schemereview: async (deps, openidFor) => (await import('./review-demo')).seedReviewDemo(deps, openidFor),
  // patrol defaults and score rules of every seeded city (data per city, edited by its admin)
  patrol: async (deps) => {
    await (await import('./city-rules-demo')).seedCityRules(deps);
    // a facility rule for the demo patroller (今日巡查 holds facilities beside the shops)
    await (await import('./patrol-demo')).seedPatrolDemo(deps);
  },
  // last in the list of contexts: every city seeded before it gets its class table and calendars
  cityconfig: async (deps) => (await import('./city-config-demo')).seedCityConfig(deps),
};

/** Seeds every context of `contexts` that has demo data; an entry for a context not in the list is a mistake. */
export async function seedContexts(contexts: readonly ContextModule[], deps: Deps, openidFor: OpenidFor): Promise<string[]> {
  const unknown = Object.keys(DEMO_SEEDS).filter((name) => !contexts.some((m) => m.name === name));
  if (unknown.length) throw new Error(`demo seed for unknown context: ${unknown.join(', ')}`);
  const seeded: string[] = [];
  for (const m of contexts) {
    const seed = DEMO_SEEDS[m.name];
    if (!seed) continue;
    await seed(deps, openidFor);
    seeded.push(m.name);
  }
  return seeded;
}

import type { IndexDescription } from 'mongodb';
import type { Mount } from './http/app';
import type { CodeResolver } from './codes/code-resolvers';
import type { DeliveryFailureHandler } from './outbox/outbox.collections';
import type { CheckinSiteResolver, CollectionIndexes, ContextModule, EvidenceReferrer, Job, ScheduledJob } from './context-module';

/** What the list of context modules adds up to: the one source the functions, the local system and tests read. */
export type System = {
  modules: readonly ContextModule[];
  routes: Mount[];
  ingestRoutes: Mount[];
  indexes: CollectionIndexes[];
  outboxSources: string[];
  codeResolvers: ReadonlyMap<string, CodeResolver>;
  evidenceReferrers: EvidenceReferrer[];
  deliveryFailed: ReadonlyMap<string, DeliveryFailureHandler>;
  jobs: ScheduledJob[];
  /** field check-in site kind → the resolver of the context that declared it */
  checkinSites: ReadonlyMap<string, CheckinSiteResolver>;
};

function unique<T>(what: string, entries: [string, T][]): Map<string, T> {
  const map = new Map<string, T>();
  for (const [key, value] of entries) {
    if (map.has(key)) throw new Error(`${what} "${key}" is registered twice`);
    map.set(key, value);
  }
  return map;
}

/** Collects the modules' data; a name claimed twice (module, job, code prefix, source, failure handler, check-in site kind) throws. */
export function assemble(modules: readonly ContextModule[]): System {
  unique('context', modules.map((m) => [m.name, m]));
  const outboxSources = [...unique('outbox source', modules.flatMap((m) => (m.outboxSources ?? []).map((c): [string, string] => [c, c]))).keys()];
  const evidenceReferrers = modules.flatMap((m) => [...(m.evidenceReferrers ?? [])]);
  const jobs = modules.flatMap((m) => m.jobs ?? []);
  unique('job', jobs.map((j) => [j.name, j]));
  const indexes: CollectionIndexes[] = [
    ...modules.flatMap((m) => m.indexes ?? []),
    // the notify sweep finds aggregates with messages waiting by this flag
    ...outboxSources.map((collection) => ({ collection, indexes: [{ key: { hasPending: 1 } }] as IndexDescription[] })),
    // evidence is found by its sha in the records that hold it
    ...evidenceReferrers.map((r) => ({ collection: r.collection, indexes: r.fields.map((f) => ({ key: { [f]: 1 } }) as IndexDescription) })),
  ];
  return {
    modules,
    routes: modules.flatMap((m) => m.routes ?? []),
    ingestRoutes: modules.flatMap((m) => m.ingestRoutes ?? []),
    indexes,
    outboxSources,
    codeResolvers: unique('code prefix', modules.flatMap((m) => Object.entries(m.codeResolvers ?? {}))),
    evidenceReferrers,
    deliveryFailed: unique('delivery failure handler', modules.flatMap((m) => Object.entries(m.deliveryFailed ?? {}))),
    jobs,
    checkinSites: unique('check-in site kind', modules.flatMap((m) => Object.entries(m.checkinSites ?? {}))),
  };
}

let installed: System | undefined;
/** The jobs of the installed system by name (what the scheduler runs when a trigger names one). */
export const jobs = new Map<string, Job>();

/** Makes `modules` the running system. Called once, by the list of contexts; a second, different list throws. */
export function installSystem(modules: readonly ContextModule[]): System {
  if (installed) {
    if (installed.modules !== modules) throw new Error('a different list of context modules is already installed');
    return installed;
  }
  installed = assemble(modules);
  for (const j of installed.jobs) jobs.set(j.name, j.run);
  return installed;
}

/** The installed system; reading it before the list of contexts is loaded is a wiring mistake and throws. */
export function system(): System {
  if (!installed) throw new Error('no context modules installed: import the list of contexts (contexts/index.ts) first');
  return installed;
}

import type { IndexDescription } from 'mongodb';
import type { Mount } from './http/app';
import type { CodeResolver } from './codes/code-resolvers';
import type { DeliveryFailureHandler } from './outbox/outbox.collections';
import type { Deps } from './deps';
import type { Schedule } from './schedule';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { CheckinSite } from '@cityloop/shared/checkin/checkin.types';

/** Indexes of one collection, as plain data; ensured at start-up (FerretDB: plain and unique indexes only). */
export type CollectionIndexes = { collection: string; indexes: IndexDescription[] };

/** A scheduled job: idempotent (SCF retries async timer calls), bounded by the time it is given. */
export type Job = (deps: Deps, opts: { budgetMs: number; trigger: string }) => Promise<Record<string, unknown>>;
export type ScheduledJob = { name: string; schedule: Schedule; run: Job };

/** Where a kind of record keeps evidence files: whoever may read such a record may read its files. */
export type EvidenceReferrer = { collection: string; fields: readonly string[]; action: string; kind: string };

/**
 * A domain's answer to "what is this site, and what is the actor there" for field check-ins (the checkin context,
 * docs/ARCHITECTURE.md §12.6): null when the site does not exist or the actor has no role there (→ 404).
 */
export type CheckinSiteResolver = (deps: Deps, siteId: string, actor: NonNullable<Actor>) => Promise<CheckinSite | null>;

/**
 * Everything a bounded context plugs into the system, as data. The one list of modules
 * (contexts/index.ts) is the only place a context is registered.
 */
export type ContextModule = {
  name: string;
  /** routes of the user-facing `api` function */
  routes?: Mount[];
  /** routes of the `ingest` function (instrument uploads) */
  ingestRoutes?: Mount[];
  indexes?: CollectionIndexes[];
  /** aggregate collections whose documents carry `outbox` and `pendingAudit` (swept by the notify timer) */
  outboxSources?: string[];
  /** scanned-code id prefix (`fc`, `pq`, …) → what the code shows */
  codeResolvers?: Record<string, CodeResolver>;
  evidenceReferrers?: readonly EvidenceReferrer[];
  /** what happens when a message of one of this context's aggregates cannot be delivered, by collection */
  deliveryFailed?: Record<string, DeliveryFailureHandler>;
  jobs?: ScheduledJob[];
  /** field check-in sites this context declares, by site kind ('fire_test', 'pit_site', …) */
  checkinSites?: Record<string, CheckinSiteResolver>;
};

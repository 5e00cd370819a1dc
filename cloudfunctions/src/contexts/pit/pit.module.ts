import type { ContextModule } from '../../platform/context-module';
import { escalateOverdueAlarms, flagMissingData, repairUnraisedUploads } from '../../jobs/pit.jobs';
import { pitRoutes } from './pit.routes';
import { pitOnboardRoutes } from './onboard.routes';
import { pitIngestRoutes } from './ingest.routes';
import { PIT_ALARMS, PIT_INDEXES, PIT_OUTBOX_SOURCES } from './pit.collections';
import { recordUndeliveredSms } from './alarm-notice';
import { pitCheckinSite } from './pit-checkin-site';

export const pitModule: ContextModule = {
  name: 'pit',
  routes: [pitRoutes, pitOnboardRoutes],
  ingestRoutes: [pitIngestRoutes],
  indexes: PIT_INDEXES,
  outboxSources: PIT_OUTBOX_SOURCES,
  evidenceReferrers: [{ collection: PIT_ALARMS, fields: ['history.evidence'], action: 'alarm.read', kind: 'pit' }],
  // an alarm SMS that cannot be delivered becomes "短信未送达" on the alarm
  deliveryFailed: { [PIT_ALARMS]: recordUndeliveredSms },
  jobs: [
    { name: 'pit-escalation', schedule: { everyMinutes: 5 }, run: (deps) => escalateOverdueAlarms(deps) },
    { name: 'pit-missing-data', schedule: { everyMinutes: 60, at: 15 }, run: (deps) => flagMissingData(deps) },
    { name: 'pit-repair', schedule: { everyMinutes: 2 }, run: (deps) => repairUnraisedUploads(deps) },
  ],
  // field check-ins of the monitoring staff and the other parties' people at the pit (contexts/checkin)
  checkinSites: { pit_site: pitCheckinSite },
};

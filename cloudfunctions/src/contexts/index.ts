import type { ContextModule } from '../platform/context-module';
import { installSystem } from '../platform/system';
import { platformModule } from '../platform/platform.module';
import { healthModule } from './health/health.module';
import { identityModule } from './identity/identity.module';
import { inboxModule } from './inbox/inbox.module';
import { noticesModule } from './notices/notices.module';
import { codesModule } from './codes/codes.module';
import { evidenceModule } from './evidence/evidence.module';
import { pitModule } from './pit/pit.module';
import { casesModule } from './cases/cases.module';
import { open311Module } from './open311/open311.module';
import { patrolModule } from './patrol/patrol.module';
import { plaquesModule } from './plaques/plaques.module';
import { facilitiesModule } from './facilities/facilities.module';
import { cityConfigModule } from './cityconfig/cityconfig.module';
import { cityadminModule } from './cityadmin/cityadmin.module';
import { checkinModule } from './checkin/checkin.module';
import { concreteModule } from './concrete/concrete.module';
import { firetestModule } from './firetest/firetest.module';
import { schemereviewModule } from './schemereview/schemereview.module';
import { statisticsModule } from './statistics/statistics.module';

/**
 * The one list of what the system is made of. The four functions, the local system, the seed and the tests
 * all read it (routes in this order); a new domain is one more module here.
 */
export const CONTEXTS: readonly ContextModule[] = [
  platformModule,
  healthModule,
  identityModule,
  inboxModule,
  noticesModule,
  codesModule,
  evidenceModule,
  pitModule,
  casesModule,
  open311Module,
  patrolModule,
  plaquesModule,
  facilitiesModule,
  cityadminModule,
  checkinModule,
  concreteModule,
  firetestModule,
  schemereviewModule,
  statisticsModule,
  // last: its demo seed gives every city seeded before it a class table and calendars
  cityConfigModule,
];

export const SYSTEM = installSystem(CONTEXTS);

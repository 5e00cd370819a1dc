import type { ContextModule } from '../../platform/context-module';
import { CHECKIN_INDEXES, CHECKIN_OUTBOX_SOURCES, CHECKINS } from './checkin.collections';
import { checkinRoutes } from './checkin.routes';

/**
 * Field check-ins (face + GPS + photo, hash-chained per site): the machinery; the sites themselves are declared
 * by the domains (`checkinSites` of their modules).
 */
export const checkinModule: ContextModule = {
  name: 'checkin',
  routes: [checkinRoutes],
  indexes: CHECKIN_INDEXES,
  outboxSources: CHECKIN_OUTBOX_SOURCES,
  // the on-site photo: whoever may read the site's check-ins as a regulator (parties see their own uploads)
  evidenceReferrers: [{ collection: CHECKINS, fields: ['photoHash'], action: 'checkin.read', kind: 'checkin_site' }],
};

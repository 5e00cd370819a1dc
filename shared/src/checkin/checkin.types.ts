/**
 * The field check-in machinery's records (docs/domain/platform.md §4): who was on a site, when, where, with
 * which face result. Domains declare their sites (a `CheckinSiteResolver` in their module's `checkinSites`) and
 * read the records through the checkin context's public surface.
 */
import type { CheckinDirection, CheckinFlag } from './checkin.limits';

export type { CheckinDirection, CheckinFlag } from './checkin.limits';

export type LngLat = { lng: number; lat: number };

/** What a domain answers for one of its sites, for one actor (GCJ-02 coordinates). */
export type CheckinSite = {
  kind: string;
  siteId: string;
  name: string;
  cityId: string;
  townId?: string;
  geofence: { center: LngLat; radiusM: number };
  /** what the actor is at this site ('项目负责人', '消防设施操作员', '见证员', '评审专家' …); null → the site is not theirs (404) */
  role: string | null;
  /** false → GPS + photo only */
  faceRequired: boolean;
};

export type CheckinGps = { lng: number; lat: number; accuracyM: number };

/** One stored check-in or check-out (refusals are never stored). */
export type CheckinRecord = {
  id: string;
  siteKind: string;
  siteId: string;
  userId: string;
  userName: string;
  role: string;
  direction: CheckinDirection;
  /** server time */
  at: Date;
  gps: CheckinGps;
  inGeofence: boolean;
  /** the face matched (WeChat or IAI); false when the site needs no face and none was checked */
  faceMatch: boolean;
  /** whether the site required a face when the record was made */
  faceRequired: boolean;
  distanceM: number;
  flags: CheckinFlag[];
  /** position in the site's chain (1, 2, …) and the link: sha256(prevHash + canonical record) */
  seq: number;
  prevHash: string;
  chainHash: string;
  /** the on-site photo (content-addressed evidence) */
  photoHash: string;
  faceMode: 'wechat' | 'photo' | 'none';
};

/** A person's time on a site: from a check-in to the next check-out (or still there: `to` null). */
export type PresenceSpan = {
  userId: string;
  role: string;
  from: Date;
  to: Date | null;
  inGeofence: boolean;
  faceMatch: boolean;
  faceRequired: boolean;
  flags: CheckinFlag[];
};

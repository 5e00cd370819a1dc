import { createHash } from 'node:crypto';
import type { CheckinRecord } from './checkin.types';

/** The hash before a site's first check-in. */
export const CHECKIN_GENESIS = '0'.repeat(64);

export type ChainFields = Omit<CheckinRecord, 'chainHash' | 'prevHash'>;

/**
 * The record as one canonical string: fixed field order, ISO time, numbers as JSON writes them. Anything that
 * changes what a check-in says changes its hash and every later one.
 * @example canonicalCheckin(r) // '{"id":"ck_…","siteKind":"fire_test",…}'
 */
export function canonicalCheckin(r: ChainFields): string {
  return JSON.stringify([
    r.id, r.siteKind, r.siteId, r.seq, r.userId, r.userName, r.role, r.direction, r.at.toISOString(),
    [r.gps.lng, r.gps.lat, r.gps.accuracyM], r.inGeofence, r.distanceM, r.faceMatch, r.faceRequired, r.faceMode, r.photoHash, [...r.flags],
  ]);
}

/**
 * chainHash = sha256(prevHash + canonical record), hex.
 * @example chainHashOf(CHECKIN_GENESIS, first) // 64 hex characters
 */
export function chainHashOf(prevHash: string, r: ChainFields): string {
  return createHash('sha256').update(prevHash + canonicalCheckin(r)).digest('hex');
}

/** Re-derives a site's chain (records in seq order); answers the seq of the first broken link, or null if intact. */
export function verifyCheckinChain(records: readonly CheckinRecord[]): number | null {
  let prev = CHECKIN_GENESIS;
  let seq = 0;
  for (const r of records) {
    seq += 1;
    if (r.seq !== seq || r.prevHash !== prev || r.chainHash !== chainHashOf(prev, r)) return r.seq;
    prev = r.chainHash;
  }
  return null;
}

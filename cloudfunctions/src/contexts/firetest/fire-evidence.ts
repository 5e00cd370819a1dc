import type { Deps } from '../../platform/deps';
import { requireOwnEvidence } from '../evidence/public';

/** A record or reply may attach only photos its author holds (`evidence_not_yours`). */
export async function requireEvidenceOf(deps: Deps, userId: string, photos: readonly string[]): Promise<void> {
  if (photos.length) await requireOwnEvidence(deps.db, userId, [...photos], { images: true });
}

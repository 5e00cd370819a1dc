/**
 * Shapes of the API payloads the main package uses (the `data` inside the envelope). They live with their
 * request schemas in the shared `*.contract.ts` files; only types come in here (no zod in the bundle).
 */
import type { ResolvedCode } from '@cityloop/shared/codes/code.contract';

export type { AuthResult, Persona, Profile, ProfileRole, PublicConfig, RedeemResult, SessionUser, UserRole } from '@cityloop/shared/identity/identity.contract';
export type { InboxItem, InboxPage } from '@cityloop/shared/notify/inbox.contract';

/**
 * GET /api/codes/<token>: what a printed code points at. Only `kind` is certain on the client: pages also
 * pass on codes handed over from the scan page or built from a link. `name` is the display name of codes
 * remembered from older answers, read when `title` is missing.
 */
export type CodeInfo = Pick<ResolvedCode, 'kind'> & Partial<ResolvedCode> & { name?: string };

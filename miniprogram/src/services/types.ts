/**
 * Shapes of the API payloads the main package uses (the `data` inside the envelope). The identity shapes
 * live with their request schemas in shared/src/identity/identity.contract.ts (types only: no zod here).
 */
export type { AuthResult, RedeemResult, SessionUser, UserRole } from '@cityloop/shared/identity/identity.contract';

/** GET /api/config. */
export interface PublicConfig {
  devLogin: boolean;
  personas: Persona[];
}

export interface Persona {
  key: string;
  name: string;
  roleLabel: string;
}

/** GET /api/codes/<token>: what a printed code points at (server `ResolvedCode`). */
export interface CodeInfo {
  kind: string;
  id?: string;
  /** Display name (the server sends `title`; `name` is accepted too). */
  title?: string;
  name?: string;
  subtitle?: string;
  /** The page that handles this kind (role subpackages; routed to in later issues). */
  page?: string;
  /** Optional Chinese label for `kind`; the client has a fallback table. */
  kindLabel?: string;
  data?: Record<string, unknown>;
}

/** GET /api/inbox. */
export interface InboxItem {
  id: string;
  title: string;
  body: string;
  /** ISO 8601 timestamp (UTC). */
  createdAt: string;
  read: boolean;
  /** A page path (`/pages/...`, `/packages/...`) or a code link. */
  link?: string;
}

export interface InboxPage {
  items: InboxItem[];
  /** Unread count over the whole inbox. */
  unread?: number;
  nextCursor: string | null;
}

/**
 * Shapes of the API payloads the main package uses (the `data` inside the envelope).
 * The server owns these contracts; keep this file in step with cloudfunctions/.
 */

/** One role binding as the server presents it (`label` is Chinese, e.g. 巡查员). */
export interface UserRole {
  role: string;
  label?: string;
  level?: 'city' | 'town';
  cityId?: string;
  townId?: string;
  orgId?: string;
}

/** A signed-in user as the server presents them (`presentUser`: phone masked). */
export interface SessionUser {
  id: string;
  name: string;
  phone?: string;
  roles?: UserRole[];
  /** Optional preformatted role text; otherwise derived from `roles` (services/user.ts). */
  roleLabel?: string;
}

/** POST /api/auth/wx-login, /api/auth/dev-login. */
export interface AuthResult {
  token: string;
  user: SessionUser;
}

/** POST /api/auth/redeem-invitation: the user with the new role bound. */
export type RedeemResult = SessionUser;

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

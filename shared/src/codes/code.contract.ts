/** `GET /api/codes/:token` (public): what a scanned, signed code points at. Types only. */

/** What a scanned code shows before any role-specific page takes over. */
export interface ResolvedCode {
  /** the target's kind (`facility`, `plaque`, …), also the code's id prefix family */
  kind: string;
  id: string;
  /** display name */
  title: string;
  subtitle?: string;
  /** the page that handles this kind */
  page: string;
  /** what the landing page needs without a second request (grid, class, open cases, …) */
  data?: Record<string, unknown>;
}

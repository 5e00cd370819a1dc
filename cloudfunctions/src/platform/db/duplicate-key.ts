/**
 * Whether a write failed on a unique index. MongoDB (and FerretDB for inserts) answers code 11000; FerretDB 1.24 on
 * SQLite reports an update that breaks a unique index as SQLite's own constraint error, with no 11000.
 */
export function isDuplicateKeyError(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  if (err?.code === 11000) return true;
  return typeof err?.message === 'string' && /UNIQUE constraint failed|E11000 duplicate key/.test(err.message);
}

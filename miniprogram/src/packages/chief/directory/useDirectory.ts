import { useEffect, useState } from 'react';
import { api, session } from '../../../services/client';
import { mergeDirectories, type Directory } from './directory';

/** One request per user and town while the app runs: names change rarely, and every chief page needs them. */
const cache = new Map<string, Promise<Directory>>();

function loadTown(townId: string): Promise<Directory> {
  const key = `${session.getUser()?.id ?? ''}|${townId}`;
  let p = cache.get(key);
  if (!p) {
    p = api.get<Directory>(`/api/city/directory?townId=${encodeURIComponent(townId)}`);
    // a failure (offline, not allowed) is not remembered
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/**
 * The directory of `towns` (merged), or null until it arrives — or for good when the caller may not read it
 * (units, patrollers): the pages then show ids, as before.
 */
export function useDirectory(towns: readonly (string | null | undefined)[]): Directory | null {
  const ids = [...new Set(towns.filter((t): t is string => !!t))].sort();
  const key = ids.join(',');
  const [dir, setDir] = useState<Directory | null>(null);
  useEffect(() => {
    if (!ids.length || !session.isLoggedIn()) return;
    let live = true;
    Promise.all(ids.map(loadTown))
      .then((list) => live && setDir(mergeDirectories(list)))
      .catch(() => live && setDir(null));
    return () => {
      live = false;
    };
  }, [key]);
  return dir;
}

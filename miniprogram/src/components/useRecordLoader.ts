import { useState } from 'react';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { session } from '../services/client';
import { errorMessage, type WithPolicies } from '../services/api';
import { stopPullDownRefresh } from '../services/adapters/taro';

/**
 * Loads the record a detail page's link names (`id`) for a signed-in user, on every show and on pull-down.
 * `fetch` puts what it got into the page's state; its failure, or `missing` when the link has no id, is `error`
 * (for LoadState). `load` runs it again: the retry button, and after a write.
 */
export function useRecordLoader(id: string, missing: string, fetch: (id: string) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (!session.isLoggedIn()) return;
    if (!id) {
      setError(missing);
      return;
    }
    setError(null);
    try {
      await fetch(id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));
  return { error, load };
}

/**
 * useRecordLoader for a record that comes with what this caller may do to it (`policies`, decided by the
 * server). `show` puts a fresh answer on the page: the load's, or the one an action returns.
 */
export function useRecordWithPolicies<T>(id: string, missing: string, fetch: (id: string) => Promise<WithPolicies<T>>) {
  const [data, setData] = useState<T | null>(null);
  const [policies, setPolicies] = useState<Record<string, boolean>>({});
  const show = (r: WithPolicies<T>) => {
    setData(r.data);
    setPolicies(r.policies);
  };
  const { error, load } = useRecordLoader(id, missing, async (key) => show(await fetch(key)));
  return { data, policies, error, load, show };
}

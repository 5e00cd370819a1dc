import { useState } from 'react';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { session } from '../services/client';
import { errorMessage, isApiError, type WithPolicies } from '../services/api';
import { stopPullDownRefresh } from '../services/adapters/taro';

/**
 * Loads the record a detail page's link names (`id`) for a signed-in user, on every show and on pull-down.
 * `fetch` puts what it got into the page's state; its failure, or `missing` when the link has no id, is `error`
 * (for LoadState). `load` runs it again after a write; `retry` is LoadState's retry button, absent when trying
 * again cannot help: the link names no record, or the server says there is none for this user (404).
 */
export function useRecordLoader(id: string, missing: string, fetch: (id: string) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [final, setFinal] = useState(false);

  const fail = (message: string, isFinal: boolean) => {
    setError(message);
    setFinal(isFinal);
  };

  const load = async () => {
    if (!session.isLoggedIn()) return;
    if (!id) {
      fail(missing, true);
      return;
    }
    setError(null);
    try {
      await fetch(id);
    } catch (e) {
      fail(errorMessage(e), isApiError(e) && e.status === 404);
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));
  const retry = error && !final ? () => void load() : undefined;
  return { error, load, retry };
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
  const { error, load, retry } = useRecordLoader(id, missing, async (key) => show(await fetch(key)));
  return { data, policies, error, load, retry, show };
}

import { useEffect, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { EVENTS, session } from '../services/client';
import { listen } from '../services/adapters/taro';
import type { SessionUser } from '../services/types';

/** The persisted large-text preference, kept in step across pages. */
export function useLargeText(): boolean {
  const [on, setOn] = useState(() => session.getLargeText());
  useEffect(() => listen(EVENTS.largeText, (v: boolean) => setOn(v)), []);
  useDidShow(() => setOn(session.getLargeText()));
  return on;
}

/** The signed-in user (null when signed out), refreshed on show and on login/logout. */
export function useSessionUser(): SessionUser | null {
  const [user, setUser] = useState<SessionUser | null>(() => session.getUser());
  const [loggedIn, setLoggedIn] = useState(() => session.isLoggedIn());
  const refresh = () => {
    setUser(session.getUser());
    setLoggedIn(session.isLoggedIn());
  };
  useEffect(() => listen(EVENTS.session, refresh), []);
  useDidShow(refresh);
  // A token without a cached profile still counts as signed in.
  return loggedIn ? (user ?? { id: '', name: '已登录' }) : null;
}

import { useEffect, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/** The current time (ms), ticking every `everyMs` while the page is shown: for live countdowns. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  const [shown, setShown] = useState(true);
  useDidShow(() => {
    setShown(true);
    setNow(Date.now());
  });
  useDidHide(() => setShown(false));
  useEffect(() => {
    if (!shown) return;
    const h = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(h);
  }, [shown, everyMs]);
  return now;
}

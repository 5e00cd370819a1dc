import { useEffect, useState } from 'react';

/** Seconds left of a countdown (e.g. 获取验证码 → "58 秒后重发"); `start(n)` begins one. */
export function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return undefined;
    const t = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(t);
  }, [left]);
  return [left, setLeft];
}

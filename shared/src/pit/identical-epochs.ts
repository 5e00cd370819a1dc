/**
 * True when two uploads carry the same data apart from the keys in `ignore` (by default `time`):
 * an identical copy of an earlier survey is a fabrication signal (docs/domain/pit.md §2.3). Numbers compare
 * exactly; arrays elementwise; objects by the same set of keys.
 *
 * @example
 *   identicalEpochs({ time: '2024-05-10T09:00', A0: [0.4, 0.3] }, { time: '2024-05-11T09:00', A0: [0.4, 0.3] }) // true
 */
export const identicalEpochs = (a: unknown, b: unknown, ignore: readonly string[] = ['time']): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x !== y && !identicalEpochs(x, y, ignore)) return false;
    }
    return true;
  }
  const ka = Object.keys(a).filter((k) => !ignore.includes(k));
  const kb = Object.keys(b).filter((k) => !ignore.includes(k));
  if (ka.length !== kb.length) return false;
  const ob = b as Record<string, unknown>;
  const oa = a as Record<string, unknown>;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(ob, k)) return false;
    if (!identicalEpochs(oa[k], ob[k], ignore)) return false;
  }
  return true;
};

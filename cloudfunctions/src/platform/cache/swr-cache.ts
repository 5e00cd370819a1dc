/**
 * A per-instance read-through cache for public answers that change slowly (what a scanned code shows).
 * An entry is fresh for `freshMs`; after that it is still served, up to `staleMs`, while one refresh runs in
 * the background; older entries are loaded before answering. Concurrent loads of one key share one promise,
 * so a busy code never sends a burst of identical queries to the database when its entry expires.
 */
export type SwrCacheOptions = {
  freshMs: number;
  staleMs: number;
  maxEntries: number;
  now?: () => number;
  /** Called when a background refresh fails; the stale value stays until `staleMs`. */
  onRefreshError?: (key: string, error: unknown) => void;
};

export class SwrCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  private readonly loading = new Map<string, Promise<V | null>>();
  private readonly now: () => number;

  constructor(private readonly opts: SwrCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The cached value, or `load()`'s; `null` from `load` means "no such thing" and is not cached. */
  get(key: string, load: () => Promise<V | null>): Promise<V | null> | V {
    const hit = this.entries.get(key);
    if (hit) {
      const age = this.now() - hit.at;
      if (age < this.opts.freshMs) return hit.value;
      if (age < this.opts.staleMs) {
        this.load(key, load).catch((e) => this.opts.onRefreshError?.(key, e));
        return hit.value;
      }
    }
    return this.load(key, load);
  }

  /** Forgets a key, e.g. after this instance changed what it shows. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private load(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const running = this.loading.get(key);
    if (running) return running;
    const p = load()
      .then((value) => {
        if (value === null) this.entries.delete(key);
        else this.put(key, value);
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p;
  }

  private put(key: string, value: V): void {
    this.entries.delete(key); // re-insert: Map order is then least recently loaded first
    if (this.entries.size >= this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at: this.now(), value });
  }
}

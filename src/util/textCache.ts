/**
 * Serialized answers kept for reuse, bounded by the characters they hold (oldest out), so a few
 * 1000-host tasks cannot grow it past its bound any more than many small ones. The caller looks
 * an entry up (`find`), decides from its `meta` whether it still answers (same instant, same
 * agent status, ...), and otherwise makes the text and keeps it (`put`).
 */
import { FifoCache } from './fifoCache.js';

export interface CachedText<M> {
  meta: M;
  text: string;
}

export class TextCache<K, M> {
  private readonly entries: FifoCache<K, CachedText<M>>;
  constructor(maxChars: number) {
    this.entries = new FifoCache(maxChars, (e) => e.text.length);
  }

  find(key: K): CachedText<M> | undefined {
    return this.entries.get(key);
  }

  /** Keeps `text` for `key` (replacing what was kept) and returns it. */
  put(key: K, meta: M, text: string): string {
    this.entries.set(key, { meta, text });
    return text;
  }
}

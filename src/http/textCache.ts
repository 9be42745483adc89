/**
 * Serialized answers kept for reuse, bounded by the characters they hold (oldest out), so a few
 * 1000-host tasks cannot grow it past its bound any more than many small ones. `valid` says
 * whether a kept text still answers for the key now (same instant, same agent status, ...).
 */
export class TextCache<K, M> {
  private readonly entries = new Map<K, { meta: M; text: string }>();
  private chars = 0;
  constructor(private readonly maxChars: number) {}

  /** The text kept for `key` if `valid(meta)`, else made by `make` and kept. */
  get(key: K, valid: (meta: M) => boolean, make: () => { meta: M; text: string }): string {
    const hit = this.entries.get(key);
    if (hit && valid(hit.meta)) return hit.text;
    const fresh = make();
    if (hit) {
      this.entries.delete(key);
      this.chars -= hit.text.length;
    }
    this.entries.set(key, fresh);
    this.chars += fresh.text.length;
    for (const [oldest, e] of this.entries) {
      if (this.chars <= this.maxChars || oldest === key) break;
      this.entries.delete(oldest);
      this.chars -= e.text.length;
    }
    return fresh.text;
  }
}

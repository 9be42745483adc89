/**
 * Seeded randomness. Everything random in ocp-mock derives from the one `--seed`, so two fresh
 * processes given the same seed and the same requests produce the same bytes (times aside).
 *
 * Two tools: `Stream` for sequences consumed in request order (trace ids, id bases), and
 * `hashUnit` for draws that must not depend on what else happened (a node's duration in run 3
 * of task 31174 is the same whatever other tasks were read in between).
 */

function mix32(h: number): number {
  let x = h | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A uniform number in [0, 1) that is a pure function of its integer arguments. */
export function hashUnit(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = mix32(h ^ mix32((p | 0) + Math.imul(Math.floor(p / 0x100000000) | 0, 0x27d4eb2d)));
  }
  return h / 0x100000000;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A deterministic stream of numbers (mulberry32). */
export class Stream {
  private state: number;
  constructor(seed: number, salt = 0) {
    this.state = mix32(seed ^ mix32(salt + 0x6d2b79f5)) >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** `n` lowercase hex characters: four per draw (a trace id is drawn on every request). */
  hex(n: number): string {
    let out = '';
    while (out.length < n) {
      const v = Math.floor(this.next() * 0x10000);
      out += (HEX_BYTE[v >>> 8] as string) + (HEX_BYTE[v & 0xff] as string);
    }
    return out.length === n ? out : out.slice(0, n);
  }
  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  }
}

/** Salts that keep the streams of one seed apart. */
export const SALT = {
  traceIds: 1,
  idBases: 2,
  /** Latency and fault draws of request-level scenario behaviour. */
  requestDraws: 5,
  /** Sizes and upload times of the seeded software packages. */
  softwarePackages: 6,
} as const;

import { LEVELS_BY_RANK as LEVEL_NAMES, type Level } from './levels';

export type JudgedValue = { value: number; ratio: number; level: Level };
export type JudgedRate = { rate: number; ratio: number; level: Level; consecutive_count: number; consecutive_triggered: boolean; final_level: Level };

/**
 * The judged values of a request as columns (one typed array per field of docs/domain/pit.md §6's `values` items).
 * A request may carry a million readings: three flat arrays cost 17 bytes a value where the object form
 * costs 88 (object, two boxed doubles, array slot) and the garbage collector's time with it. The §6 objects
 * are built only when asked: `at(i)`, iteration, `toArray()`, and `JSON.stringify` (via `toJSON`), so the
 * CLI's output is exactly the contract's.
 */
export class JudgedValues implements Iterable<JudgedValue> {
  constructor(
    readonly value: Float64Array,
    readonly ratio: Float64Array,
    /** 0 normal, 1 yellow, 2 orange, 3 red */
    readonly rank: Uint8Array,
  ) {}

  static empty(): JudgedValues {
    return new JudgedValues(new Float64Array(0), new Float64Array(0), new Uint8Array(0));
  }

  get length(): number {
    return this.value.length;
  }

  at(i: number): JudgedValue {
    return { value: this.value[i], ratio: this.ratio[i], level: LEVEL_NAMES[this.rank[i]] };
  }

  *[Symbol.iterator](): Iterator<JudgedValue> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  toArray(): JudgedValue[] {
    const { value, ratio, rank } = this;
    const out = new Array<JudgedValue>(value.length);
    for (let i = 0; i < out.length; i++) out[i] = { value: value[i], ratio: ratio[i], level: LEVEL_NAMES[rank[i]] };
    return out;
  }

  toJSON(): JudgedValue[] {
    return this.toArray();
  }
}

/** The judged rates as columns; `consecutive_triggered` is `count ≥ n` of the consecutive rule. */
export class JudgedRates implements Iterable<JudgedRate> {
  constructor(
    readonly rate: Float64Array,
    readonly ratio: Float64Array,
    readonly rank: Uint8Array,
    readonly count: Uint32Array,
    readonly finalRank: Uint8Array,
    /** the rule's n (Infinity without a rule: never triggered) */
    readonly consecutiveN: number,
  ) {}

  static empty(): JudgedRates {
    return new JudgedRates(new Float64Array(0), new Float64Array(0), new Uint8Array(0), new Uint32Array(0), new Uint8Array(0), Infinity);
  }

  get length(): number {
    return this.rate.length;
  }

  at(i: number): JudgedRate {
    return {
      rate: this.rate[i],
      ratio: this.ratio[i],
      level: LEVEL_NAMES[this.rank[i]],
      consecutive_count: this.count[i],
      consecutive_triggered: this.count[i] >= this.consecutiveN,
      final_level: LEVEL_NAMES[this.finalRank[i]],
    };
  }

  *[Symbol.iterator](): Iterator<JudgedRate> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  toArray(): JudgedRate[] {
    const { rate, ratio, rank, count, finalRank, consecutiveN: n } = this;
    const out = new Array<JudgedRate>(rate.length);
    for (let i = 0; i < out.length; i++) {
      const k = count[i];
      out[i] = { rate: rate[i], ratio: ratio[i], level: LEVEL_NAMES[rank[i]], consecutive_count: k, consecutive_triggered: k >= n, final_level: LEVEL_NAMES[finalRank[i]] };
    }
    return out;
  }

  toJSON(): JudgedRate[] {
    return this.toArray();
  }
}

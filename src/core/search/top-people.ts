/**
 * The bounded top-k of a search: a min-heap of the k best (person, score, row)
 * offers, in typed arrays (no per-offer allocation). The worst kept offer is
 * at the root, so a better one replaces it in O(log k).
 */
export interface RankedOffer {
  readonly person: number;
  readonly score: number;
  readonly row: number;
}

export class TopPeople {
  private readonly score: Float64Array;
  private readonly person: Int32Array;
  private readonly row: Int32Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.score = new Float64Array(capacity);
    this.person = new Int32Array(capacity);
    this.row = new Int32Array(capacity);
  }

  /**
   * Offers a person's best score. People must be offered in insertion order,
   * so an equal score never displaces an earlier person.
   */
  offer(person: number, score: number, row: number): void {
    if (this.size < this.capacity) {
      let i = this.size++;
      this.set(i, person, score, row);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (score <= this.score[0]!) return;
    this.set(0, person, score, row);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** The kept offers, best first; ties keep insertion order. */
  ranked(): RankedOffer[] {
    const order = Array.from({ length: this.size }, (_, i) => i).sort(
      (a, b) => this.score[b]! - this.score[a]! || this.person[a]! - this.person[b]!,
    );
    return order.map((i) => ({ person: this.person[i]!, score: this.score[i]!, row: this.row[i]! }));
  }

  private set(i: number, person: number, score: number, row: number): void {
    this.score[i] = score;
    this.person[i] = person;
    this.row[i] = row;
  }

  /** a is worse than b: lower score, or the same score and added later. */
  private worse(a: number, b: number): boolean {
    return this.score[a]! < this.score[b]! || (this.score[a] === this.score[b] && this.person[a]! > this.person[b]!);
  }

  private swap(a: number, b: number): void {
    const s = this.score[a]!;
    this.score[a] = this.score[b]!;
    this.score[b] = s;
    const p = this.person[a]!;
    this.person[a] = this.person[b]!;
    this.person[b] = p;
    const r = this.row[a]!;
    this.row[a] = this.row[b]!;
    this.row[b] = r;
  }
}

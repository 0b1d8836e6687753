/**
 * What one socket has already been sent: ids at or below `floor` (the client's last_id, or the
 * end of the feed when it gave none) and a bounded set of recent ids. A row is sent at most once.
 *
 * For a teacher, ids arrive in increasing order (recordNotification serialises one teacher's
 * commits), so this equals "drop ids ≤ the last sent". Operators see several teachers whose commits
 * may interleave out of id order; the set lets such a late, lower id through instead of losing it.
 */
const RECENT_MAX = 2_000;

export class SentIds {
  private floor: number;
  private highest: number;
  private readonly recent = new Set<number>();

  constructor(floor: number) {
    this.floor = floor;
    this.highest = floor;
  }

  /** The catch-up cursor: everything above it is yet to be read. */
  get last(): number {
    return this.highest;
  }

  /** True (and remembered) when `id` has not been sent yet. */
  accept(id: number): boolean {
    if (id <= this.floor || this.recent.has(id)) return false;
    this.recent.add(id);
    if (id > this.highest) this.highest = id;
    if (this.recent.size > RECENT_MAX) {
      // The oldest entry is (nearly always) the smallest: forgetting it raises the floor past it.
      const oldest = this.recent.values().next().value as number;
      this.recent.delete(oldest);
      if (oldest > this.floor) this.floor = oldest;
    }
    return true;
  }
}

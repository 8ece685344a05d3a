/** The default start of the server's clock: every timestamp the server writes derives from it. */
export const DEFAULT_CLOCK_START = '2025-03-03T09:00:00.000Z'

/**
 * A clock that only moves when the server writes something: each `tick()` is one second after the
 * previous one, so timestamps are deterministic and strictly increasing (ordering by `created_at` is stable).
 */
export class FixedClock {
  private readonly start: number
  private ticks = 0

  constructor(start: string | Date = DEFAULT_CLOCK_START) {
    this.start = new Date(start).getTime()
    if (Number.isNaN(this.start)) throw new TypeError(`clock: ${String(start)} is not a valid date`)
  }

  /** The next timestamp, as the ISO string the server sends. */
  tick(): string {
    this.ticks += 1
    return new Date(this.start + this.ticks * 1000).toISOString()
  }

  /** A timestamp `days` days (may be fractional) before the start, for seeded history. */
  daysBefore(days: number): string {
    return new Date(this.start - Math.round(days * 86_400_000)).toISOString()
  }
}

/**
 * A clock the web host and its core thread read alike: an offset from the real time in shared memory,
 * so an end-to-end journey can move the core's "now" (weeks ahead, to end a 公示期) from the test's
 * thread. A function cannot cross into a worker; a SharedArrayBuffer can, and is read without a message.
 */
export class SharedClock {
  private readonly offset: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT)) {
    this.offset = new Float64Array(buffer);
  }

  /** Moves the clock so that it reads `date` now (it keeps running from there). */
  set(date: Date): void {
    this.offset[0] = date.getTime() - Date.now();
  }

  /** How far ahead of the real time the clock is, in ms. */
  offsetMs(): number {
    return this.offset[0] ?? 0;
  }

  readonly now = (): Date => new Date(Date.now() + this.offsetMs());
}

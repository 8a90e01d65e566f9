import { verifyPassword } from '../../src-server/identity/passwords';

/**
 * A password check for the server's `loginHashing.verifyPassword` that waits until the test opens
 * the gate, and counts calls and how many run at once. With it a test decides when hashes finish
 * instead of depending on how fast scrypt runs on a loaded machine.
 */
export function hashGate() {
  let open = false;
  const held: Array<() => void> = [];
  const counts = { calls: 0, active: 0, maxActive: 0 };
  return {
    counts,
    /** Hashes waiting at the closed gate. */
    get held() {
      return held.length;
    },
    async verifyPassword(password: string, encoded: string): Promise<boolean> {
      counts.calls += 1;
      counts.active += 1;
      counts.maxActive = Math.max(counts.maxActive, counts.active);
      try {
        if (!open) await new Promise<void>((resolve) => held.push(resolve));
        return await verifyPassword(password, encoded);
      } finally {
        counts.active -= 1;
      }
    },
    /** Lets every held hash and every later one through. */
    open() {
      open = true;
      for (const release of held.splice(0)) release();
    },
  };
}
export type HashGate = ReturnType<typeof hashGate>;

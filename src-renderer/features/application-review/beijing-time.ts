/** Chongqing is UTC+8 all year; times read the same on every computer, whatever its own time zone. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** '2026-03-02T01:30:00.000Z' → '2026-03-02 09:30'; null (never) → '—'. */
export function formatBeijingTime(iso: string | null): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const text = new Date(ms + BEIJING_OFFSET_MS).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}

/** '2026-03-02T01:30:05.000Z' → '09:30:05': when a draft was saved, to the second, as the reviewer's clock reads. */
export function formatBeijingClock(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(11, 19);
}

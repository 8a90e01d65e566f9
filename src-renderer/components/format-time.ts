import dayjs from 'dayjs';

/** Server times are ISO strings in UTC; people read them in local time to the minute. */
export function formatTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

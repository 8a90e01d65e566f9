import { Tag, Tooltip } from 'antd';
import { chinaDateOf } from '../../../src-shared/domain/calendar';
import { publicityEndOf, type PublicityPeriod } from '../../../src-shared/domain/workflow';
import { useCalendar } from '../calendar/calendar-context';

/**
 * A publicity period as it really runs: its end by the client's holiday table (publicityEndOf), which is
 * later than the one chosen on approval when the 职改办 has since added a holiday inside it.
 */
function useRealEnd(period: PublicityPeriod): { end: string; moved: boolean } {
  const calendar = useCalendar((s) => s.calendar);
  const end = publicityEndOf(period, calendar);
  return { end, moved: end !== period.end };
}

/** 2026-03-02 至 2026-03-09(因节假日安排顺延,原定2026-03-06) */
export function PublicityPeriodText({ period }: { period: PublicityPeriod }) {
  const { end, moved } = useRealEnd(period);
  return (
    <span>
      {period.start} 至 {end}
      {moved && `(因节假日安排顺延,原定${period.end})`}
    </span>
  );
}

/** In the list, beside 单位公示中: until when it runs, or 可上报 once it is over. */
export function PublicityStateTag({ period, now }: { period: PublicityPeriod; now: Date }) {
  const { end, moved } = useRealEnd(period);
  if (chinaDateOf(now) > end) return <Tag color="green">可上报</Tag>;
  const tag = <Tag color="cyan">公示至{end}</Tag>;
  return moved ? <Tooltip title={`因节假日安排顺延,原定${period.end}`}>{tag}</Tooltip> : tag;
}

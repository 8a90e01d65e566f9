import { Col, Empty, Progress, Row, Typography } from 'antd';
import { STATE_LABELS } from '../../../src-shared/domain/workflow';
import type { UnitOverview } from '../../../src-shared/contracts';
import styles from './UnitCenter.module.css';

interface Bar {
  label: string;
  count: number;
}

/**
 * One list of bars: each row says its label and number in text (what a screen reader reads and a
 * printout keeps), the bar beside it shows its share of all applications.
 */
function BarList({ title, bars, total }: { title: string; bars: Bar[]; total: number }) {
  return (
    <section aria-label={title}>
      <Typography.Title level={5}>{title}</Typography.Title>
      <ul className={styles.bars}>
        {bars.map(({ label, count }) => {
          const percent = total === 0 ? 0 : Math.round((count / total) * 100);
          return (
            <li key={label} className={styles.bar}>
              <span className={styles.barLabel}>{label}</span>
              <Progress
                className={styles.barMeter}
                percent={percent}
                size="small"
                showInfo={false}
                aria-hidden
              />
              <span className={styles.barCount}>
                {count}份({percent}%)
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The unit's (or department's) applications by status and by 申报系列, from the same count as the tiles. */
export function OverviewChart({ overview }: { overview: UnitOverview }) {
  if (overview.total === 0) return <Empty description="本机缓存中还没有申报书" />;
  return (
    <Row gutter={[32, 16]}>
      <Col xs={24} lg={12}>
        <BarList
          title="按状态"
          total={overview.total}
          bars={overview.byState.map(({ state, count }) => ({ label: STATE_LABELS[state], count }))}
        />
      </Col>
      <Col xs={24} lg={12}>
        <BarList
          title="按申报系列"
          total={overview.total}
          bars={overview.bySeries.map(({ series, count }) => ({ label: series || '未填写', count }))}
        />
      </Col>
    </Row>
  );
}

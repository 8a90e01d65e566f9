import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { UnitMembership } from '../../../src-shared/contracts';
import { ApplicationDetailDrawer } from './ApplicationDetailDrawer';
import { ApplicationTable } from './ApplicationTable';
import { OfflineBanner } from './OfflineBanner';
import { useReviewList } from './review-list-context';
import { SearchBox } from './SearchBox';
import { StatusFilter } from './StatusFilter';
import { SyncIndicator } from './SyncIndicator';
import { useSync } from './sync-context';
import styles from './ApplicationReview.module.css';

/**
 * 职称申报审核 (manual chapter 4): the unit's applications from the local cache, by status, searchable,
 * with read-only details. Needs ReviewListProvider and SyncProvider above it.
 */
export function ApplicationReviewPage({ unit, onBack }: { unit: UnitMembership; onBack(): void }) {
  const load = useReviewList((s) => s.load);
  const error = useReviewList((s) => s.error);
  const finishedSyncs = useSync((s) => s.finishedSyncs);
  const [openId, setOpenId] = useState<string | null>(null);

  // On opening, and whenever a sync brought new data, so new applications appear without a click.
  useEffect(() => {
    void load();
  }, [load, finishedSyncs]);

  return (
    <Card
      className={styles.page}
      title={
        <Space>
          <span>职称申报审核</span>
          <Typography.Text type="secondary">{unit.unitName}</Typography.Text>
        </Space>
      }
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          返回单位中心
        </Button>
      }
    >
      <OfflineBanner />
      {error && <Alert type="error" showIcon title={error.message} className={styles.error} />}
      <div className={styles.filters}>
        <StatusFilter />
      </div>
      <div className={styles.toolbar}>
        <SearchBox />
        <SyncIndicator />
      </div>
      <ApplicationTable onOpen={(row) => setOpenId(row.id)} />
      <ApplicationDetailDrawer applicationId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}

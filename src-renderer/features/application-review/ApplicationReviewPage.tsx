import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { UnitMembership } from '../../../src-shared/contracts';
import { ApplicationDetailDrawer } from './ApplicationDetailDrawer';
import { ApplicationTable } from './ApplicationTable';
import { OfflineBanner } from './OfflineBanner';
import { ReviewDialog } from './review-dialog/ReviewDialog';
import { useReviewList } from './review-list-context';
import { SearchBox } from './SearchBox';
import { StatusFilter } from './StatusFilter';
import { SyncIndicator } from './SyncIndicator';
import { useSync } from './sync-context';
import styles from './ApplicationReview.module.css';

/**
 * 职称申报审核 (manual chapter 4): the unit's applications from the local cache, by status, searchable,
 * with read-only details and the 申请书审核 dialog. Needs ApplicationReviewScope above it.
 */
export function ApplicationReviewPage({ unit, onBack }: { unit: UnitMembership; onBack(): void }) {
  const load = useReviewList((s) => s.load);
  const error = useReviewList((s) => s.error);
  const finishedSyncs = useSync((s) => s.finishedSyncs);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reviewId, setReviewId] = useState<string | null>(null);

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
      <ApplicationTable
        role={unit.role}
        onOpen={(row) => setOpenId(row.id)}
        onReview={(row) => setReviewId(row.id)}
      />
      <ApplicationDetailDrawer applicationId={openId} onClose={() => setOpenId(null)} />
      <ReviewDialog
        applicationId={reviewId}
        unit={unit}
        onClose={() => setReviewId(null)}
        // The row shows the decision as 待同步 at once, without waiting for a sync.
        onDecided={() => void load()}
      />
    </Card>
  );
}

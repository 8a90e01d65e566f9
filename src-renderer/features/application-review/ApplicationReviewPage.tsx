import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { listSpansUnits } from '../../../src-shared/contracts';
import type { PrintPublicityRequest, UnitMembership } from '../../../src-shared/contracts';
import { PublicityPrintDialog } from '../publicity-print/PublicityPrintDialog';
import { ApplicationDetailDrawer } from './ApplicationDetailDrawer';
import { ApplicationTable } from './ApplicationTable';
import { ListFocusChip } from './ListFocusChip';
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
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [printing, setPrinting] = useState<PrintPublicityRequest | null>(null);
  // The unit prints the 公示表; a department reviews what was posted.
  const prints = unit.role === 'unitAdmin';

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
        <ListFocusChip />
      </div>
      <div className={styles.toolbar}>
        <SearchBox />
        <SyncIndicator />
      </div>
      {prints && selectedIds.length > 0 && (
        <div className={styles.batchBar} role="toolbar" aria-label="批量打印">
          <span>已选择{selectedIds.length}份申报书</span>
          <Button
            type="primary"
            onClick={() => setPrinting({ applicationIds: selectedIds, document: 'forms' })}
          >
            打印公示表
          </Button>
          <Button onClick={() => setPrinting({ applicationIds: selectedIds, document: 'list' })}>
            打印公示名单
          </Button>
          <Button type="link" onClick={() => setSelectedIds([])}>
            取消选择
          </Button>
        </div>
      )}
      <ApplicationTable
        role={unit.role}
        spansUnits={listSpansUnits(unit.unitKind)}
        onOpen={(row) => setOpenId(row.id)}
        onReview={(row) => setReviewId(row.id)}
        {...(prints ? { selection: { selectedIds, onChange: setSelectedIds } } : {})}
      />
      <PublicityPrintDialog request={printing} onClose={() => setPrinting(null)} />
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

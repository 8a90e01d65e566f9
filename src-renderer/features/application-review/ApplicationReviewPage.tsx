import { ArrowLeftOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { listSpansUnits } from '../../../src-shared/contracts';
import type {
  ApplicationListRow,
  PrintPublicityRequest,
  UnitMembership,
} from '../../../src-shared/contracts';
import { hasPublicityForm } from '../../../src-shared/domain/workflow';
import { PublicityPrintDialog } from '../publicity-print/PublicityPrintDialog';
import { ExportExcelDialog } from '../workbook-export/ExportExcelDialog';
import { ApplicationDetailDrawer } from './ApplicationDetailDrawer';
import { ApplicationTable } from './ApplicationTable';
import { ListFocusChip } from './ListFocusChip';
import { OfflineBanner } from './OfflineBanner';
import { offersReview } from './offers-review';
import { ReviewDialog, type ReviewNavigation } from './review-dialog/ReviewDialog';
import { useReviewList } from './review-list-context';
import { SearchBox } from './SearchBox';
import { StatusFilter } from './StatusFilter';
import { SyncIndicator } from './SyncIndicator';
import { useSync } from './sync-context';
import styles from './ApplicationReview.module.css';

/** The first of `ids` shown on the list's page, else its first row. */
function rowOf(ids: readonly string[]): HTMLElement | undefined {
  const shown = [...document.querySelectorAll<HTMLElement>('tr.ant-table-row[data-row-key]')];
  const byId = (id: string) => shown.find((tr) => tr.dataset['rowKey'] === id);
  return ids.map(byId).find((tr) => tr !== undefined) ?? shown[0];
}

/**
 * 职称申报审核 (manual chapter 4): the unit's applications from the local cache, by status, searchable,
 * with read-only details and the 申请书审核 dialog. Needs ApplicationReviewScope above it.
 */
export function ApplicationReviewPage({ unit, onBack }: { unit: UnitMembership; onBack(): void }) {
  const load = useReviewList((s) => s.load);
  const error = useReviewList((s) => s.error);
  const rows = useReviewList((s) => s.rows);
  const query = useReviewList((s) => s.query);
  const total = useReviewList((s) => s.total);
  const finishedSyncs = useSync((s) => s.finishedSyncs);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reviewId, setReviewId] = useState<string | null>(null);
  // The list's reviewable rows as they were on screen when 审核 was opened: a decision that moves an
  // application off the list meanwhile does not reorder what 上一份/下一份 walk through.
  const [reviewOrder, setReviewOrder] = useState<readonly string[]>([]);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [selectedRows, setSelectedRows] = useState<ApplicationListRow[]>([]);
  const [printing, setPrinting] = useState<PrintPublicityRequest | null>(null);
  const [exporting, setExporting] = useState(false);
  // The unit prints the 公示表; a department reviews what was posted.
  const prints = unit.role === 'unitAdmin';
  // Any row may be picked for 导出Excel; only those with a 公示表 print.
  const printableIds = selectedRows.filter((row) => hasPublicityForm(row.state)).map((row) => row.id);
  const select = (ids: string[], rows: ApplicationListRow[]) => {
    setSelectedIds(ids);
    setSelectedRows(rows);
  };

  const startReview = (row: ApplicationListRow) => {
    setReviewOrder(rows.filter((r) => offersReview(r.state, unit.role)).map((r) => r.id));
    setReviewId(row.id);
  };
  const navigation: ReviewNavigation = {
    order: reviewOrder,
    pagesBefore: query.page > 1,
    pagesAfter: query.page * query.pageSize < total,
    open: setReviewId,
  };
  const endReview = () => {
    const last = reviewId;
    setReviewId(null);
    // Back on the list where the reviewer was: the row reviewed last or, when a decision moved it off this
    // list, the one after it (after 下一份 the dialog's own opener is gone).
    const candidates = last === null ? [] : [last, ...reviewOrder.slice(reviewOrder.indexOf(last) + 1)];
    requestAnimationFrame(() => rowOf(candidates)?.focus());
  };
  const batchBar = useRef<HTMLDivElement>(null);
  // A dialog opened from the toolbars whose button is gone (or disabled) when it closes: the batch bar's
  // first button still offered, else the first row picked, else the first row.
  const toolbarFallback = () =>
    batchBar.current?.querySelector<HTMLElement>('button:not(:disabled)') ?? rowOf(selectedIds);

  // On opening, and whenever a sync brought new data, so new applications appear without a click.
  useEffect(() => {
    void load();
  }, [load, finishedSyncs]);

  return (
    <Card
      className={styles.page}
      // Small: the list's rows get the room a larger title and padding would take at 1366×768.
      size="small"
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
        <Space>
          <SyncIndicator />
          <Button icon={<FileExcelOutlined />} onClick={() => setExporting(true)}>
            导出Excel
          </Button>
        </Space>
      </div>
      {prints && selectedIds.length > 0 && (
        <div ref={batchBar} className={styles.batchBar} role="toolbar" aria-label="批量打印">
          <span>
            已选择{selectedIds.length}份申报书
            {printableIds.length < selectedIds.length && `,其中${printableIds.length}份可打印公示表`}
          </span>
          <Button
            type="primary"
            disabled={printableIds.length === 0}
            onClick={() => setPrinting({ applicationIds: printableIds, document: 'forms' })}
          >
            打印公示表
          </Button>
          <Button
            disabled={printableIds.length === 0}
            onClick={() => setPrinting({ applicationIds: printableIds, document: 'list' })}
          >
            打印公示名单
          </Button>
          <Button type="link" onClick={() => select([], [])}>
            取消选择
          </Button>
        </div>
      )}
      <ApplicationTable
        role={unit.role}
        spansUnits={listSpansUnits(unit.unitKind)}
        onOpen={(row) => setOpenId(row.id)}
        onReview={startReview}
        selection={{ selectedIds, onChange: select }}
      />
      <ExportExcelDialog
        open={exporting}
        unit={unit}
        selectedIds={selectedIds}
        onClose={() => setExporting(false)}
        focusFallback={toolbarFallback}
      />
      <PublicityPrintDialog
        request={printing}
        onClose={() => setPrinting(null)}
        focusFallback={toolbarFallback}
      />
      <ApplicationDetailDrawer applicationId={openId} onClose={() => setOpenId(null)} />
      <ReviewDialog
        applicationId={reviewId}
        unit={unit}
        onClose={endReview}
        navigation={navigation}
        // The row shows the decision as 待同步 at once, without waiting for a sync.
        onDecided={() => void load()}
      />
    </Card>
  );
}

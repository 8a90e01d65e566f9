import { Alert, Button, Checkbox, Modal, Progress, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type {
  AppError,
  ExportedWorkbook,
  ExportProgress,
  UnitMembership,
} from '../../../src-shared/contracts';
import { NOTHING_TO_EXPORT } from '../../../src-shared/contracts';
import { seesFullIdNumbers } from '../../../src-shared/domain/id-number-access';
import { useAppEvents } from '../../api/app-api-context';
import { useLingeringModal } from '../../components/use-lingering-modal';
import { useSession } from '../auth/session-context';
import { useReviewList } from '../application-review/review-list-context';
import { exportPercent, exportProgressText, newExportId } from './export-progress';
import { saveWorkbook } from './save-workbook';
import styles from './ExportExcelDialog.module.css';

type Scope = 'filtered' | 'selected';

/**
 * 导出Excel of the 职称申报审核 list: 当前筛选结果 (what state, search, 所在单位 and a 单位中心
 * number's focus match, sorted as on screen, over all pages) or the rows picked. The core builds the
 * file from its cache, off this thread, and reports its progress; the file is saved as a PDF is.
 * 导出完整身份证号 is offered only to the roles that see the full number in 申请书审核, and is off until
 * asked for.
 */
export function ExportExcelDialog({
  open,
  unit,
  selectedIds,
  onClose,
  focusFallback,
}: {
  open: boolean;
  unit: UnitMembership;
  selectedIds: readonly string[];
  onClose(): void;
  /** Where the focus goes after closing when the element the dialog was opened from is gone or disabled. */
  focusFallback(): HTMLElement | null | undefined;
}) {
  // The rows picked when it opened, kept while it closes.
  const { shown, open: opened, afterClose } = useLingeringModal(open ? selectedIds : null, focusFallback);
  if (shown === null) return null;
  return (
    <OpenExport unit={unit} selectedIds={shown} open={opened} afterClose={afterClose} onClose={onClose} />
  );
}

type Run =
  | { kind: 'choosing' }
  | { kind: 'exporting'; exportId: string; progress: ExportProgress | null }
  | { kind: 'saved'; workbook: ExportedWorkbook };

function OpenExport({
  unit,
  selectedIds,
  open,
  afterClose,
  onClose,
}: {
  unit: UnitMembership;
  selectedIds: readonly string[];
  open: boolean;
  afterClose(): void;
  onClose(): void;
}) {
  const call = useSession((s) => s.call);
  const events = useAppEvents();
  const query = useReviewList((s) => s.query);
  const total = useReviewList((s) => s.total);
  const [scope, setScope] = useState<Scope>(selectedIds.length > 0 ? 'selected' : 'filtered');
  const [fullIdNumbers, setFullIdNumbers] = useState(false);
  const [run, setRun] = useState<Run>({ kind: 'choosing' });
  const [failure, setFailure] = useState<AppError | null>(null);
  const mayExportFullIds = seesFullIdNumbers(unit.role);
  const count = scope === 'selected' ? selectedIds.length : total;
  const exportId = run.kind === 'exporting' ? run.exportId : null;

  // This export's progress only: the core sends every window's.
  useEffect(() => {
    if (exportId === null) return;
    return events.subscribe((event) => {
      if (event.name !== 'exportProgress' || event.payload.exportId !== exportId) return;
      setRun((current) =>
        current.kind === 'exporting' && current.exportId === exportId
          ? { ...current, progress: event.payload }
          : current,
      );
    });
  }, [events, exportId]);

  const start = async () => {
    const id = newExportId();
    setFailure(null);
    setRun({ kind: 'exporting', exportId: id, progress: null });
    const result = await call((api) =>
      api.exportApplications({
        exportId: id,
        unitId: unit.unitId,
        state: query.state,
        search: query.search,
        filterUnitIds: query.filterUnitIds,
        // A number of the 单位中心 that opened the list narrows it: the file holds what the list shows.
        ...(query.focus === undefined ? {} : { focus: query.focus }),
        sortField: query.sortField,
        sortOrder: query.sortOrder,
        selectedIds: scope === 'selected' ? [...selectedIds] : null,
        fullIdNumbers: mayExportFullIds && fullIdNumbers,
      }),
    );
    if (!result.ok) {
      setFailure(result.error);
      setRun({ kind: 'choosing' });
      return;
    }
    saveWorkbook(result.value);
    setRun({ kind: 'saved', workbook: result.value });
  };

  const exporting = run.kind === 'exporting';
  return (
    <Modal
      open={open}
      afterClose={afterClose}
      title="导出Excel"
      onCancel={onClose}
      maskClosable={!exporting}
      closable={!exporting}
      destroyOnHidden
      footer={
        run.kind === 'saved' ? (
          // In place of 导出, which had the focus: Enter closes, and the focus is not left on the page.
          <Button type="primary" autoFocus onClick={onClose}>
            关闭
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose} disabled={exporting}>
              取消
            </Button>
            <Button type="primary" onClick={() => void start()} loading={exporting} disabled={count === 0}>
              导出
            </Button>
          </Space>
        )
      }
    >
      {run.kind === 'saved' ? (
        <Alert
          type="success"
          showIcon
          title={`已导出${run.workbook.rowCount}条`}
          description={`文件名:${run.workbook.fileName}`}
        />
      ) : (
        <Space orientation="vertical" size="middle" className={styles.body}>
          <Radio.Group
            value={scope}
            onChange={(event) => setScope(event.target.value as Scope)}
            disabled={exporting}
          >
            <Space orientation="vertical">
              <Radio value="filtered" disabled={total === 0}>
                当前筛选结果({total}条)
              </Radio>
              <Radio value="selected" disabled={selectedIds.length === 0}>
                已选{selectedIds.length}条
              </Radio>
            </Space>
          </Radio.Group>
          {mayExportFullIds && (
            <div>
              <Checkbox
                checked={fullIdNumbers}
                onChange={(event) => setFullIdNumbers(event.target.checked)}
                disabled={exporting}
              >
                导出完整身份证号
              </Checkbox>
              <Typography.Paragraph type="secondary" className={styles.hint}>
                {fullIdNumbers
                  ? '文件中含完整身份证号,属于个人信息,请妥善保管,用完及时删除。'
                  : '身份证号按列表中的样子隐藏中间位数。'}
              </Typography.Paragraph>
            </div>
          )}
          {count === 0 && failure === null && <Alert type="info" showIcon title={NOTHING_TO_EXPORT} />}
          {failure && <Alert type="error" showIcon title={failure.message} />}
          {exporting && (
            <div role="status" aria-label="导出进度">
              <Progress percent={exportPercent(run.progress)} />
              <Typography.Text type="secondary">{exportProgressText(run.progress)}</Typography.Text>
            </div>
          )}
        </Space>
      )}
    </Modal>
  );
}

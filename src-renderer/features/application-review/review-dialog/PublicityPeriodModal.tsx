import { Alert, Button, DatePicker, Form, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState, type RefObject } from 'react';
import type { AppError } from '../../../../src-shared/contracts';
import { isIsoDate, type WorkingCalendar } from '../../../../src-shared/domain/calendar';
import {
  earliestPublicityEnd,
  MIN_PUBLICITY_WORKING_DAYS,
  publicityPeriodProblem,
  type PublicityPeriod,
} from '../../../../src-shared/domain/workflow';
import { beijingDateOf } from '../../../../src-shared/time/beijing-time';
import { useCalendar } from '../../calendar/calendar-context';
import styles from './ReviewDialog.module.css';

const DATE_FORMAT = 'YYYY-MM-DD';

function toDayjs(date: string): Dayjs | null {
  return isIsoDate(date) ? dayjs(date) : null;
}

/** The period a new approval proposes: from today in Chongqing, for the fewest working days allowed. */
export function defaultPublicityPeriod(now: Date, calendar: WorkingCalendar): PublicityPeriod {
  const start = beijingDateOf(now);
  return { start, end: earliestPublicityEnd(start, calendar) };
}

/**
 * 审核通过,打印公示表: the publicity period, checked with the workflow's own rule as it is chosen, so the
 * reviewer sees the problem beside the dates before anything is sent. Working days are counted by the
 * client's holiday table (useCalendar); a period that runs into a year the table does not have yet says
 * that it is counted by weekends alone.
 */
export function PublicityPeriodModal({
  open,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  busy: boolean;
  onCancel(): void;
  /** Answers the failure (the modal stays open with the dates), or null. */
  onSubmit(period: PublicityPeriod): Promise<AppError | null>;
}) {
  // The default period is ready: 确定 has the focus, so Enter confirms it and Esc cancels (opened with T).
  const confirm = useRef<HTMLButtonElement>(null);
  return (
    <Modal
      open={open}
      title="审核通过,打印公示表"
      onCancel={onCancel}
      afterOpenChange={(opened) => {
        // Unless the reviewer went for a date already (the opening takes a moment).
        const form = confirm.current?.closest('form');
        if (opened && !form?.contains(document.activeElement)) confirm.current?.focus();
      }}
      destroyOnHidden
      footer={null}
      width={520}
    >
      {open && <PublicityForm busy={busy} onCancel={onCancel} onSubmit={onSubmit} confirmRef={confirm} />}
    </Modal>
  );
}

function PublicityForm({
  busy,
  onCancel,
  onSubmit,
  confirmRef,
}: {
  confirmRef: RefObject<HTMLButtonElement | null>;
  busy: boolean;
  onCancel(): void;
  onSubmit(period: PublicityPeriod): Promise<AppError | null>;
}) {
  const calendar = useCalendar((s) => s.calendar);
  const [period, setPeriod] = useState(() => defaultPublicityPeriod(new Date(), calendar));
  // Until the reviewer picks an end, it follows the start, so a later start keeps a valid period.
  const [endTouched, setEndTouched] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const problem = publicityPeriodProblem(period, new Date(), calendar);
  const missingYears = calendar.missingYearsNotice(period.start, period.end);

  const setStart = (start: string) => {
    setFailure(null);
    setPeriod((p) => ({
      start,
      end: !endTouched && isIsoDate(start) ? earliestPublicityEnd(start, calendar) : p.end,
    }));
  };
  const setEnd = (end: string) => {
    setFailure(null);
    setEndTouched(true);
    setPeriod((p) => ({ ...p, end }));
  };

  const submit = async () => {
    if (problem) return;
    setFailure(await onSubmit(period));
  };

  return (
    <Form layout="vertical" onFinish={() => void submit()}>
      <Typography.Paragraph type="secondary">
        公示表需在单位公示不少于{MIN_PUBLICITY_WORKING_DAYS}个工作日;公示期结束后才能上报主管部门。
      </Typography.Paragraph>
      <Form.Item
        label="公示期"
        required
        validateStatus={problem ? 'error' : undefined}
        help={problem ?? undefined}
      >
        <Space wrap>
          <DatePicker
            aria-label="公示开始日期"
            format={DATE_FORMAT}
            allowClear={false}
            value={toDayjs(period.start)}
            onChange={(d: Dayjs | null) => setStart(d ? d.format(DATE_FORMAT) : '')}
          />
          <span>至</span>
          <DatePicker
            aria-label="公示结束日期"
            format={DATE_FORMAT}
            allowClear={false}
            value={toDayjs(period.end)}
            onChange={(d: Dayjs | null) => setEnd(d ? d.format(DATE_FORMAT) : '')}
          />
          {missingYears && (
            <Typography.Text type="warning" data-testid="missing-holiday-years">
              {missingYears}
            </Typography.Text>
          )}
        </Space>
      </Form.Item>
      {failure && failure.code !== 'UNAUTHENTICATED' && (
        <Alert type="error" showIcon title={failure.message} className={styles.formAlert} />
      )}
      <div className={styles.formButtons}>
        <Button onClick={onCancel}>取消</Button>
        <Button ref={confirmRef} type="primary" htmlType="submit" loading={busy} disabled={problem !== null}>
          确定
        </Button>
      </div>
    </Form>
  );
}

import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Spin,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { chinaDateOf, yearOf } from '../../../src-shared/domain/calendar';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';
import { useCalendar } from '../calendar/calendar-context';
import {
  draftOf,
  emptyDraft,
  errorKey,
  isChanged,
  newRowKey,
  parseDraft,
  type DraftErrors,
  type HolidayDraft,
  type HolidayRowDraft,
} from './holiday-draft';
import styles from './Holidays.module.css';

const GUIDANCE =
  '按国务院办公厅每年发布的节假日安排通知填写:放假日期含其中的周末,调休上班日期为需要上班的周末。' +
  '保存后各客户端在下次同步时更新;已在公示中的申报书,若公示期内新增了放假日,公示结束日期相应顺延。';
const DAYS_PLACEHOLDER = '如 2027-02-06至2027-02-12、2027-02-15';

/**
 * 节假日安排 (职改办): the State Council's yearly notice as the platform counts the 公示期 by. The title
 * office picks a year, sees its notice and holidays, edits them and saves; every client takes the table
 * at its next sync, and a publicity under way whose period now holds fewer working days ends later.
 * Edits are kept per year until saved (in the calendar store), and a mistake is shown beside its field
 * with the contract's Chinese message, the text as typed left in place.
 */
export function HolidaysPage() {
  const table = useCalendar((s) => s.table);
  const drafts = useCalendar((s) => s.drafts);
  const keepDraft = useCalendar((s) => s.keepDraft);
  const save = useCalendar((s) => s.save);
  const [chosen, setChosen] = useState<number | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** 新增年份 is open (with the year typed so far, null while the box is empty), or closed (undefined). */
  const [adding, setAdding] = useState<number | null | undefined>(undefined);
  const [toast, toastHolder] = message.useMessage();

  if (table === null) {
    return (
      <Card title="节假日安排">
        <Spin /> 正在读取节假日安排…
      </Card>
    );
  }

  const saved = new Map(table.years.map((entry) => [entry.year, entry]));
  const years = [...new Set([...saved.keys(), ...Object.keys(drafts).map(Number)])].sort((a, b) => a - b);
  const thisYear = yearOf(chinaDateOf(new Date()));
  const year = chosen ?? (saved.has(thisYear) ? thisYear : (years.at(-1) ?? thisYear));
  const entry = saved.get(year) ?? null;
  const draft = drafts[year] ?? (entry === null ? emptyDraft(year) : draftOf(entry));
  const changed = isChanged(draft, entry);

  const choose = (next: number) => {
    setChosen(next);
    setErrors({});
    setFailure(null);
  };
  const edit = (next: HolidayDraft, field: string) => {
    keepDraft(year, next);
    // The field being corrected loses its old complaint; the others keep theirs until the next save.
    setErrors(({ [field]: _fixed, ...others }) => others);
    setFailure(null);
  };
  const editRow = (index: number, change: Partial<HolidayRowDraft>, field: string) =>
    edit(
      { ...draft, holidays: draft.holidays.map((row, i) => (i === index ? { ...row, ...change } : row)) },
      `holidays.${index}.${field}`,
    );

  const submit = async () => {
    const parsed = parseDraft(draft);
    if ('errors' in parsed) {
      setErrors(parsed.errors);
      setFailure('填写的内容有误,请按提示修改后再保存');
      return;
    }
    setSaving(true);
    const error = await save(parsed.entry);
    setSaving(false);
    if (error === null) {
      keepDraft(year, null);
      setErrors({});
      setFailure(null);
      void toast.success(`已保存${year}年节假日安排,各客户端同步后按新安排计算公示期`);
      return;
    }
    if (error.code === 'UNAUTHENTICATED') return;
    const fields = Object.entries(error.fields ?? {}).map(([key, text]) => [errorKey(key), text] as const);
    setErrors(Object.fromEntries(fields));
    setFailure(error.message);
  };

  const addYear = () => {
    if (adding === null || adding === undefined) return;
    if (!drafts[adding] && !saved.has(adding)) keepDraft(adding, emptyDraft(adding));
    setAdding(undefined);
    choose(adding);
  };

  const status = (key: string) =>
    errors[key] === undefined ? {} : { validateStatus: 'error' as const, help: errors[key] };

  return (
    <Card
      title="节假日安排"
      extra={
        <Space>
          <Select<number>
            aria-label="年份"
            value={year}
            onChange={choose}
            options={years.map((option) => ({
              value: option,
              label: `${option}年${saved.has(option) ? '' : '(未保存)'}`,
            }))}
            style={{ width: 140 }}
          />
          {adding === undefined ? (
            <Button onClick={() => setAdding(Math.max(thisYear, ...years) + 1)}>新增年份</Button>
          ) : (
            <Space.Compact>
              <InputNumber<number>
                aria-label="新增的年份"
                min={2000}
                max={2100}
                precision={0}
                value={adding}
                onChange={(value) => setAdding(value ?? null)}
              />
              <Button type="primary" onClick={addYear} disabled={adding === null}>
                确定
              </Button>
            </Space.Compact>
          )}
        </Space>
      }
    >
      {toastHolder}
      <Typography.Paragraph type="secondary" className={styles.meta}>
        {GUIDANCE}
        {entry !== null &&
          (table.updatedAt === null
            ? '当前为程序内置的国务院通知。'
            : `节假日安排最近修改于${formatBeijingDateTime(table.updatedAt)}。`)}
      </Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={failure} className={styles.alert} />}
      {errors.year && <Alert type="error" showIcon title={errors.year} className={styles.alert} />}
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label="通知名称" required {...status('notice')}>
          <Input
            aria-label="通知名称"
            value={draft.notice}
            maxLength={100}
            onChange={(e) => edit({ ...draft, notice: e.target.value }, 'notice')}
          />
        </Form.Item>
        <Form.Item label="发布日期" required {...status('published')}>
          <Input
            aria-label="发布日期"
            placeholder="YYYY-MM-DD"
            value={draft.published}
            style={{ width: 160 }}
            onChange={(e) => edit({ ...draft, published: e.target.value }, 'published')}
          />
        </Form.Item>
        <div className={styles.rows}>
          <div className={styles.rowsHeader}>节日名称</div>
          <div className={styles.rowsHeader}>放假日期</div>
          <div className={styles.rowsHeader}>调休上班日期</div>
          <div />
          {draft.holidays.map((row, index) => (
            <HolidayRow
              key={row.key}
              row={row}
              index={index}
              status={status}
              onChange={(change, field) => editRow(index, change, field)}
              onDelete={() => {
                edit({ ...draft, holidays: draft.holidays.filter((_, i) => i !== index) }, 'holidays');
                // The rows below move up: their complaints would point at the wrong rows.
                setErrors((all) =>
                  Object.fromEntries(Object.entries(all).filter(([key]) => !key.startsWith('holidays.'))),
                );
              }}
            />
          ))}
        </div>
        <Form.Item {...status('holidays')}>
          <Button
            onClick={() =>
              edit(
                {
                  ...draft,
                  holidays: [...draft.holidays, { key: newRowKey(), name: '', daysOff: '', workdays: '' }],
                },
                'holidays',
              )
            }
          >
            添加节日
          </Button>
        </Form.Item>
        <div className={styles.buttons}>
          {changed && entry !== null && (
            <Popconfirm title="确定放弃未保存的修改?" onConfirm={() => keepDraft(year, null)}>
              <Button>放弃修改</Button>
            </Popconfirm>
          )}
          <Button type="primary" htmlType="submit" loading={saving} disabled={!changed}>
            保存{year}年节假日安排
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function HolidayRow({
  row,
  index,
  status,
  onChange,
  onDelete,
}: {
  row: HolidayRowDraft;
  index: number;
  status(key: string): { validateStatus?: 'error'; help?: string };
  onChange(change: Partial<HolidayRowDraft>, field: string): void;
  onDelete(): void;
}) {
  const label = `第${index + 1}个节日的`;
  const key = (field: string) => `holidays.${index}.${field}`;
  return (
    <>
      <Form.Item {...status(key('name'))} {...status(`holidays.${index}`)}>
        <Input
          aria-label={`${label}节日名称`}
          value={row.name}
          maxLength={20}
          onChange={(e) => onChange({ name: e.target.value }, 'name')}
        />
      </Form.Item>
      <Form.Item {...status(key('daysOff'))}>
        <Input.TextArea
          aria-label={`${label}放假日期`}
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={DAYS_PLACEHOLDER}
          value={row.daysOff}
          onChange={(e) => onChange({ daysOff: e.target.value }, 'daysOff')}
        />
      </Form.Item>
      <Form.Item {...status(key('workdays'))}>
        <Input.TextArea
          aria-label={`${label}调休上班日期`}
          autoSize={{ minRows: 1, maxRows: 2 }}
          placeholder="如 2027-01-30(无则不填)"
          value={row.workdays}
          onChange={(e) => onChange({ workdays: e.target.value }, 'workdays')}
        />
      </Form.Item>
      <Form.Item>
        <Button danger aria-label={`删除${label.slice(0, -1)}`} onClick={onDelete}>
          删除
        </Button>
      </Form.Item>
    </>
  );
}

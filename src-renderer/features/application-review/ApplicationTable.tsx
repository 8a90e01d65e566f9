import { Button, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { KeyboardEvent } from 'react';
import {
  APPLICATION_SORT_FIELDS,
  LIST_PAGE_SIZES,
  UNAPPLIED_DECISION_LABELS,
  type ApplicationListRow,
  type ApplicationSortField,
} from '../../../src-shared/contracts';
import type { Role } from '../../../src-shared/domain/roles';
import type { ApplicationState } from '../../../src-shared/domain/workflow';
import { TruncatedText, truncatedColumn } from '../../components/TruncatedText';
import { useWindowFillHeight } from '../../components/use-window-fill-height';
import { ApplicationStateTag } from './ApplicationStateTag';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';
import { PublicityStateTag } from './PublicityPeriodText';
import { offersReview } from './offers-review';
import { useReviewList } from './review-list-context';
import styles from './ApplicationReview.module.css';

/**
 * What the list takes below where its rows start: the header row, the pagination with its margins, and
 * the card's and the page's padding under it (antd's small table and small pagination).
 */
const BELOW_ROWS_PX = 39 + 56 + 40;

/**
 * The columns of fixed width (the selection's checkboxes too), what their content needs on one line:
 * 状态 holds 单位公示中 beside 公示至2026-03-15. 申请资格 (and a department's 所在单位) share the rest.
 */
const UNIT_WIDTHS = {
  selection: 32,
  applicationNo: 124,
  applicantName: 160,
  applicationType: 84,
  state: 200,
  submittedAt: 136,
  submitCount: 88,
  actions: 100,
} as const;

/**
 * A department's list has a second text column, 所在单位, in the same width. Its states (待主管部门审核
 * and after) have no 公示至 beside them, so 状态 needs only the state and a 待同步; 姓名 gives up some
 * room (a long name's masked ID number is cut, and shown on hover). 申请书编号 would wrap if narrower.
 */
const DEPARTMENT_WIDTHS = { ...UNIT_WIDTHS, applicantName: 136, state: 168 } as const;

/**
 * The least a text column gets before the list scrolls sideways. At 1366×768 the list is 1092 px wide
 * (less a 17 px scrollbar when its rows scroll): a unit's 申请资格 gets more than its least, a
 * department's 所在单位 and 申请资格 about 100 px each, room for their headers' sort and filter buttons.
 */
const TEXT_COLUMN_MIN_PX = { unit: 140, department: 100 } as const;

function isSortField(key: unknown): key is ApplicationSortField {
  return (APPLICATION_SORT_FIELDS as readonly unknown[]).includes(key);
}

/**
 * A decision of this reviewer the server has not applied: the row keeps the server's state until it
 * has, so this says that something is on its way (or waits for the reviewer, refused).
 */
function OutboxTag({ status }: { status: ApplicationListRow['outboxStatus'] | undefined }) {
  if (status === undefined || status === null || status === 'applied') return null;
  return (
    <Tag color={status === 'pending' || status === 'sending' ? 'orange' : 'red'}>
      {UNAPPLIED_DECISION_LABELS[status]}
    </Tag>
  );
}

/** The list row before or after `row` (an expanded row or antd's measure row in between is not one). */
function siblingRow(row: Element, direction: 'next' | 'previous'): HTMLElement | null {
  let sibling = direction === 'next' ? row.nextElementSibling : row.previousElementSibling;
  while (sibling && !sibling.classList.contains('ant-table-row')) {
    sibling = direction === 'next' ? sibling.nextElementSibling : sibling.previousElementSibling;
  }
  return sibling instanceof HTMLElement ? sibling : null;
}

/**
 * One page of the list as the core answered it. The previous rows stay visible under the spinner while the
 * next page loads, so paging through thousands of applications never flashes an empty table.
 */
export function ApplicationTable({
  role,
  spansUnits,
  onOpen,
  onReview,
  selection,
}: {
  role: Role;
  /** A department's list, of many units: it shows, sorts and filters by 所在单位. */
  spansUnits: boolean;
  onOpen(row: ApplicationListRow): void;
  /** 审核: offered where this role has a step to take from the row's state. */
  onReview(row: ApplicationListRow): void;
  /** Rows picked (for 导出Excel and batch printing), on any page; no checkboxes when absent. */
  selection?: { selectedIds: readonly string[]; onChange(ids: string[], rows: ApplicationListRow[]): void };
}) {
  const query = useReviewList((s) => s.query);
  const rows = useReviewList((s) => s.rows);
  const total = useReviewList((s) => s.total);
  const units = useReviewList((s) => s.units);
  const loading = useReviewList((s) => s.loading);
  const setSort = useReviewList((s) => s.setSort);
  const setUnitFilter = useReviewList((s) => s.setUnitFilter);
  const setPage = useReviewList((s) => s.setPage);

  const { ref: fillRef, height: bodyHeight } = useWindowFillHeight(BELOW_ROWS_PX);
  const widths = spansUnits ? DEPARTMENT_WIDTHS : UNIT_WIDTHS;
  const fixedColumnsPx = Object.values(widths).reduce((sum, width) => sum + width, 0);
  const textColumnsPx = spansUnits ? 2 * TEXT_COLUMN_MIN_PX.department : TEXT_COLUMN_MIN_PX.unit;

  const sortOrderOf = (field: ApplicationSortField) => (query.sortField === field ? query.sortOrder : null);

  const columns: TableColumnsType<ApplicationListRow> = [
    {
      title: '申请书编号',
      dataIndex: 'applicationNo',
      key: 'applicationNo',
      width: widths.applicationNo,
      sorter: true,
      sortOrder: sortOrderOf('applicationNo'),
    },
    {
      title: '姓名',
      dataIndex: 'applicantName',
      key: 'applicantName',
      width: widths.applicantName,
      sorter: true,
      sortOrder: sortOrderOf('applicantName'),
      ellipsis: { showTitle: false },
      // The masked ID number tells two people of the same name apart, and shows why a search matched;
      // beside the name, on the row's one line.
      render: (name: string, row) => (
        <TruncatedText text={`${name} ${row.maskedIdNumber}`}>
          {name} <Typography.Text type="secondary">{row.maskedIdNumber}</Typography.Text>
        </TruncatedText>
      ),
    },
    ...(spansUnits
      ? [
          {
            title: '所在单位',
            dataIndex: 'unitName',
            key: 'unitName',
            sorter: true,
            sortOrder: sortOrderOf('unitName'),
            ...truncatedColumn<ApplicationListRow>(),
            filters: units.map((unit) => ({ text: `${unit.name}(${unit.count})`, value: unit.id })),
            filteredValue: query.filterUnitIds,
            // A department has many units: the filter's own search box finds one by part of its name.
            filterSearch: true,
          },
        ]
      : []),
    // Takes the width the fixed columns leave; cut to one line, in full on hover or focus.
    {
      title: '申请资格',
      dataIndex: 'qualification',
      key: 'qualification',
      ...truncatedColumn<ApplicationListRow>(),
    },
    {
      title: '申报类型',
      dataIndex: 'applicationType',
      key: 'applicationType',
      width: widths.applicationType,
      ...truncatedColumn<ApplicationListRow>(),
    },
    {
      title: '状态',
      dataIndex: 'state',
      key: 'state',
      width: widths.state,
      // Tags side by side; a third (待同步 beside 公示至…) is cut rather than start a second line.
      ellipsis: true,
      render: (state: ApplicationState, row) => (
        <Space size={4} className={styles.oneLine}>
          <ApplicationStateTag state={state} />
          {state === 'unitPublicity' && row.publicity && (
            <PublicityStateTag period={row.publicity} now={new Date()} />
          )}
          {/* Optional: a core without an outbox sends no status. */}
          <OutboxTag status={row.outboxStatus} />
        </Space>
      ),
    },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: widths.submittedAt,
      sorter: true,
      sortOrder: sortOrderOf('submittedAt'),
      render: (at: string | null) => formatBeijingDateTime(at),
    },
    {
      title: '提交次数',
      dataIndex: 'submitCount',
      key: 'submitCount',
      width: widths.submitCount,
      sorter: true,
      sortOrder: sortOrderOf('submitCount'),
    },
    {
      title: '操作',
      key: 'actions',
      width: widths.actions,
      fixed: 'right',
      className: styles.actionsCell,
      render: (_: unknown, row) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onOpen(row)}>
            查看
          </Button>
          {offersReview(row.state, role) && (
            <Button type="link" size="small" onClick={() => onReview(row)}>
              审核
            </Button>
          )}
        </Space>
      ),
    },
  ];

  // From the keyboard: Tab reaches each row, ↑/↓ move between rows, Enter opens 审核 (查看 where the role
  // has nothing to do). Keys on the row's own buttons and checkbox stay theirs.
  const onRowKeyDown = (row: ApplicationListRow, event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      if (offersReview(row.state, role)) onReview(row);
      else onOpen(row);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      siblingRow(event.currentTarget, event.key === 'ArrowDown' ? 'next' : 'previous')?.focus();
    }
  };

  const onChange: TableProps<ApplicationListRow>['onChange'] = (pagination, filters, sorter, extra) => {
    if (extra.action === 'filter') {
      setUnitFilter((filters['unitName'] ?? []).map(String));
    } else if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = isSortField(one?.columnKey) ? one.columnKey : null;
      setSort(field, one?.order ?? null);
    } else if (extra.action === 'paginate') {
      setPage(pagination.current ?? 1, pagination.pageSize ?? query.pageSize);
    }
  };

  return (
    <div ref={fillRef}>
      <Table<ApplicationListRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        onChange={onChange}
        // Sideways only when the window leaves the text columns less than their least; the rows scroll
        // under a header that stays, between it and the pagination, all within the window.
        scroll={{ x: fixedColumnsPx + textColumnsPx, y: bodyHeight }}
        locale={{ emptyText: query.search ? '没有符合条件的申报书' : '暂无申报书' }}
        rowClassName={styles.keyRow}
        onRow={(row) => ({
          tabIndex: 0,
          'aria-label': `${row.applicantName} ${row.applicationNo}`,
          onKeyDown: (event) => onRowKeyDown(row, event),
        })}
        rowSelection={
          selection && {
            selectedRowKeys: [...selection.selectedIds],
            columnWidth: widths.selection,
            // Picked rows stay picked on other pages and after a search, for one batch across them.
            preserveSelectedRowKeys: true,
            // The rows come with the keys, those of other pages too (preserved), for what may be printed.
            onChange: (keys, picked) => selection.onChange(keys.map(String), picked),
            getCheckboxProps: (row) => ({ 'aria-label': `选择${row.applicantName}` }),
          }
        }
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: LIST_PAGE_SIZES.map(String),
          showTotal: (n) => `共 ${n} 条`,
          size: 'small',
        }}
      />
    </div>
  );
}

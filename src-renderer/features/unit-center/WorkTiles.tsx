import { Statistic, Typography } from 'antd';
import { LIST_FOCUS_LABELS } from '../../../src-shared/contracts';
import type { ListFocus, UnitOverview } from '../../../src-shared/contracts';
import styles from './UnitCenter.module.css';

interface WorkTile {
  focus: ListFocus;
  /** What the number counts, in a line under it. */
  detail: string;
}

/** 3月23日 */
function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/**
 * What the reviewer of this unit or department has to do, one tile per number. A unit reviews, posts
 * the publicity, reports up and takes back what its department returned; a department reviews.
 */
function tilesOf(overview: UnitOverview): WorkTile[] {
  const sync: WorkTile = {
    focus: 'awaitingSync',
    detail: `审核结果${overview.unsentDecisions}份,有修改意见草稿${overview.draftApplications}份`,
  };
  if (overview.scope === 'department') {
    return [{ focus: 'awaitingMyReview', detail: '下级单位上报,待主管部门审核' }, sync];
  }
  return [
    { focus: 'awaitingMyReview', detail: '本单位人员提交,待单位审核' },
    {
      focus: 'publicityEndsThisWeek',
      detail: `本周(${monthDay(overview.week.start)}至${monthDay(overview.week.end)})公示期满,节假日顺延已计入`,
    },
    { focus: 'reportable', detail: '公示期已结束,今天可以上报' },
    { focus: 'returnedByDepartment', detail: '主管部门退回本单位,待处理' },
    sync,
  ];
}

/**
 * The start page's numbers as buttons: each opens 职称申报审核 narrowed to exactly the applications it
 * counts. The button's name says the number, so a screen reader hears it with the label.
 */
export function WorkTiles({ overview, onOpen }: { overview: UnitOverview; onOpen(focus: ListFocus): void }) {
  return (
    <div className={styles.tiles}>
      {tilesOf(overview).map(({ focus, detail }) => {
        const label = LIST_FOCUS_LABELS[focus];
        const count = overview.focuses[focus] ?? 0;
        return (
          <button
            key={focus}
            type="button"
            className={styles.tile}
            aria-label={`${label}:${count}份`}
            onClick={() => onOpen(focus)}
          >
            <Statistic title={label} value={count} suffix="份" />
            <Typography.Text type="secondary" className={styles.tileDetail}>
              {detail}
            </Typography.Text>
          </button>
        );
      })}
    </div>
  );
}

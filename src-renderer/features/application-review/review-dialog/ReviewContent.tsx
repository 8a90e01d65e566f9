import { Button, Space, Tag, Typography } from 'antd';
import type { ApplicationDetail, CommentTarget } from '../../../../src-shared/contracts';
import { APPLICATION_CATALOG, type CatalogSection } from '../../../../src-shared/domain/catalog';
import { ApplicationContentView } from '../ApplicationContentView';
import type { RenderAttachment, SectionExtras } from '../CatalogSectionView';
import { displayItems, type DisplayItem } from '../field-display';
import { ChangedMark, CommentBox, CommentButton } from './CommentBox';
import { itemTarget, rowTarget, sectionTarget, targetKey } from './comment-targets';
import { focusStopProps } from './keyboard/use-review-keyboard';
import { boxOpen, hasComments, useFilledKeys, useReviewModel, type ReviewModel } from './review-model';
import styles from './ReviewDialog.module.css';

/** Ids the navigator links to. */
export function sectionAnchorId(sectionKey: string): string {
  return `review-section-${sectionKey}`;
}

export function groupAnchorId(group: string): string {
  // Ids stay ASCII: the group is named by its first section.
  const first = APPLICATION_CATALOG.find((section) => section.group === group);
  return `review-group-${first?.key ?? 'group'}`;
}

/** Comments on the section now (drafts and this round's) and from earlier rounds. */
function sectionCounts(model: ReviewModel, filled: ReadonlySet<string>, sectionKey: string) {
  const prefix = `${sectionKey}|`;
  let current = [...filled].filter((key) => key.startsWith(prefix)).length;
  let earlier = 0;
  for (const [key, comments] of model.stored) {
    if (!key.startsWith(prefix)) continue;
    for (const c of comments) {
      if (c.round === model.round) current += 1;
      else if (c.round < model.round) earlier += 1;
    }
  }
  return { current, earlier };
}

function SectionSummary({ section, filled }: { section: CatalogSection; filled: ReadonlySet<string> }) {
  const model = useReviewModel();
  const { current, earlier } = sectionCounts(model, filled, section.key);
  const changed = model.changes?.sections.has(section.key) ?? false;
  if (current === 0 && earlier === 0 && !changed) return null;
  const expanded = model.showAll || model.expandedSections.has(section.key);
  return (
    <Space size="small" wrap>
      {changed && <ChangedMark label="有修改" />}
      {current > 0 && <Tag color="blue">{current}条修改意见</Tag>}
      {earlier > 0 && <Tag>{earlier}条历史意见</Tag>}
      {!model.showAll && (current > 0 || earlier > 0) && (
        <Button
          type="link"
          size="small"
          aria-expanded={expanded}
          aria-label={`${expanded ? '收起' : '展开'}${section.title}的修改意见`}
          onClick={() => model.toggleSection(section.key)}
        >
          {expanded ? '收起' : '展开'}
        </Button>
      )}
    </Space>
  );
}

/** After a field's value: 已修改, 意见, and (when open) the field's comment box. */
function ItemReview({
  section,
  item,
  rowIndex,
  filled,
}: {
  section: CatalogSection;
  item: DisplayItem;
  rowIndex: number | null;
  filled: ReadonlySet<string>;
}) {
  const model = useReviewModel();
  const target = itemTarget(section, item, rowIndex);
  const key = targetKey(target);
  const before = model.changes?.items.get(key);
  const inRow = rowIndex !== null;
  return (
    <>
      <span className={styles.itemTools}>
        {before !== undefined && <ChangedMark before={before} />}
        {/* J/K stop at a section's fields and at its rows, not at every cell of a row. */}
        <CommentButton target={target} filled={filled} compact={inRow} stop={!inRow} />
      </span>
      {/* A row's boxes open under the row, where there is room for them. */}
      {!inRow && boxOpen(model, filled, target) && (
        <CommentBox target={target} closable={model.openTargets.has(key)} />
      )}
    </>
  );
}

function rowTargets(section: CatalogSection, rowIndex: number): CommentTarget[] {
  return [
    rowTarget(section.key, rowIndex),
    ...displayItems(section).map((item) => itemTarget(section, item, rowIndex)),
  ];
}

function RowReview({
  section,
  rowIndex,
  filled,
}: {
  section: CatalogSection;
  rowIndex: number;
  filled: ReadonlySet<string>;
}) {
  const model = useReviewModel();
  const items = displayItems(section);
  const row = rowTarget(section.key, rowIndex);
  return (
    <div className={styles.rowBoxes}>
      {boxOpen(model, filled, row) && (
        <div>
          <Typography.Text strong>第{rowIndex + 1}行</Typography.Text>
          <CommentBox target={row} closable={model.openTargets.has(targetKey(row))} />
        </div>
      )}
      {items.map((item) => {
        const target = itemTarget(section, item, rowIndex);
        if (!boxOpen(model, filled, target)) return null;
        return (
          <div key={item.key}>
            <Typography.Text strong>
              第{rowIndex + 1}行 {item.label}
            </Typography.Text>
            <CommentBox target={target} closable={model.openTargets.has(targetKey(target))} />
          </div>
        );
      })}
    </div>
  );
}

function RowTools({
  section,
  rowIndex,
  filled,
}: {
  section: CatalogSection;
  rowIndex: number;
  filled: ReadonlySet<string>;
}) {
  const model = useReviewModel();
  const target = rowTarget(section.key, rowIndex);
  const change = model.changes?.rows.get(targetKey(target));
  return (
    <span className={styles.itemTools}>
      {change === 'added' && <ChangedMark label="新增" />}
      {change === 'changed' && <ChangedMark />}
      <CommentButton target={target} filled={filled} stop />
    </span>
  );
}

function SectionFooter({ section }: { section: CatalogSection }) {
  const model = useReviewModel();
  const removed = model.changes?.removedRows.get(section.key) ?? 0;
  return (
    <>
      {removed > 0 && (
        <div>
          <ChangedMark label={`删除${removed}行`} />
          <Typography.Text type="secondary">申报人在上次退回后删除了{removed}行</Typography.Text>
        </div>
      )}
      <CommentBox target={sectionTarget(section.key)} placeholder={section.commentPlaceholder} />
    </>
  );
}

/**
 * The application as the details show it (one view for both), with the review's comment boxes: one per
 * section, and one per field and row behind 意见.
 */
export function ReviewContent({
  detail,
  renderAttachment,
}: {
  detail: ApplicationDetail;
  renderAttachment: RenderAttachment;
}) {
  const model = useReviewModel();
  const filled = useFilledKeys();
  const whole = sectionTarget('');

  const extrasFor = (section: CatalogSection): SectionExtras => {
    const common = {
      id: sectionAnchorId(section.key),
      // N/P stop at the section; until the reviewer moves, Tab enters the application at the first one.
      sectionAttributes: focusStopProps(
        sectionTarget(section.key),
        'section',
        section.key === APPLICATION_CATALOG[0]?.key,
      ),
      titleExtra: <SectionSummary section={section} filled={filled} />,
      footer: <SectionFooter section={section} />,
      renderItemExtra: (item: DisplayItem, rowIndex: number | null) => (
        <ItemReview section={section} item={item} rowIndex={rowIndex} filled={filled} />
      ),
    };
    if (section.mode === 'single') return common;
    const value = detail.content[section.key];
    const rows = Array.isArray(value) ? value.length : 0;
    return {
      ...common,
      rowColumn: {
        title: '意见',
        width: 150,
        render: (rowIndex) => <RowTools section={section} rowIndex={rowIndex} filled={filled} />,
      },
      expandedRows: Array.from({ length: rows }, (_, i) => i).filter((i) =>
        rowTargets(section, i).some((target) => boxOpen(model, filled, target)),
      ),
      renderRowDetails: (rowIndex) => <RowReview section={section} rowIndex={rowIndex} filled={filled} />,
    };
  };

  return (
    <>
      {/* Comments on the application as a whole come from other clients; shown when there are any. */}
      {hasComments(model, filled, whole) && (
        <div className={styles.whole}>
          <Typography.Title level={5}>对整份申请书的意见</Typography.Title>
          <CommentBox target={whole} placeholder="可在这里填写对整份申请书的修改意见" />
        </div>
      )}
      <ApplicationContentView
        content={detail.content}
        renderAttachment={renderAttachment}
        sectionExtras={extrasFor}
        groupId={groupAnchorId}
      />
    </>
  );
}

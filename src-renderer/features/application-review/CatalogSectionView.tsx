import { Descriptions, Table, Typography } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import type { CatalogSection, FieldValues } from '../../../src-shared/domain/catalog';
import { displayItems, isFilled, itemText, type DisplayItem } from './field-display';
import styles from './ApplicationReview.module.css';

/** A row of a row section with its position, which is what tells two rows apart. */
interface RowEntry {
  index: number;
  values: FieldValues;
}

/** Renders a scan's field from the id the content holds. */
export type RenderAttachment = (fileId: string, rowIndex: number | null) => ReactNode;

/**
 * What the review dialog adds to a section: the same read-only view with comment boxes around it, so the
 * details and the review never show an application two ways. The details pass none of these.
 */
export interface SectionExtras {
  /** The section element's id, for the dialog's navigator. */
  id?: string;
  /** More attributes of the section element (the dialog's keyboard focus stop). */
  sectionAttributes?: HTMLAttributes<HTMLElement>;
  /** Beside the title. */
  titleExtra?: ReactNode;
  /** After an item's value in its cell (a field of a single section, or a field of a row). */
  renderItemExtra?(item: DisplayItem, rowIndex: number | null): ReactNode;
  /** Row sections: one more column, for what concerns the whole row. */
  rowColumn?: { title: string; width: number; render(rowIndex: number): ReactNode };
  /** Row sections: the rows whose details are open under them, with what renderRowDetails gives. */
  expandedRows?: readonly number[];
  renderRowDetails?(rowIndex: number): ReactNode;
  /** Under the fields or rows. */
  footer?: ReactNode;
}

function itemValue(
  section: CatalogSection,
  item: DisplayItem,
  values: FieldValues,
  rowIndex: number | null,
  renderAttachment: RenderAttachment,
): ReactNode {
  const [field] = item.fields;
  const value = field && item.fields.length === 1 ? values[field.key] : undefined;
  if (field?.type === 'attachment' && isFilled(value)) return renderAttachment(String(value), rowIndex);
  if (field?.type === 'longText' && isFilled(value)) {
    return <span className={styles.paragraph}>{value}</span>;
  }
  // ID numbers and phones in full: the details are part of the review, where they are checked.
  return itemText(section, item, values);
}

/** One catalog section read-only: its fields as a description list, or its rows as a table. */
export function CatalogSectionView({
  section,
  value,
  renderAttachment,
  level,
  extras = {},
}: {
  section: CatalogSection;
  value: FieldValues | FieldValues[] | undefined;
  renderAttachment: RenderAttachment;
  level: 4 | 5;
  extras?: SectionExtras;
}) {
  const items = displayItems(section);
  const { renderItemExtra, rowColumn, renderRowDetails } = extras;
  const cell = (item: DisplayItem, values: FieldValues, rowIndex: number | null) => {
    const shown = itemValue(section, item, values, rowIndex, renderAttachment);
    return renderItemExtra ? (
      <>
        {shown}
        {renderItemExtra(item, rowIndex)}
      </>
    ) : (
      shown
    );
  };
  const title = (
    <Typography.Title level={level} className={styles.sectionTitle}>
      {section.title}
    </Typography.Title>
  );
  return (
    <section
      {...extras.sectionAttributes}
      id={extras.id}
      className={styles.catalogSection}
      aria-label={section.title}
    >
      {extras.titleExtra ? (
        <div className={styles.sectionHeading}>
          {title}
          {extras.titleExtra}
        </div>
      ) : (
        title
      )}
      {section.mode === 'single' ? (
        <Descriptions bordered size="small" column={2}>
          {items.map((item) => {
            const values = value && !Array.isArray(value) ? value : {};
            const wide = item.fields.some((f) => f.type === 'longText');
            return (
              <Descriptions.Item key={item.key} label={item.label} span={wide ? 2 : 1}>
                {cell(item, values, null)}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      ) : (
        <Table<RowEntry>
          size="small"
          bordered
          pagination={false}
          rowKey="index"
          dataSource={(Array.isArray(value) ? value : []).map((values, index) => ({ index, values }))}
          locale={{ emptyText: '未填写' }}
          scroll={{ x: 'max-content' }}
          expandable={
            renderRowDetails
              ? {
                  showExpandColumn: false,
                  expandedRowKeys: [...(extras.expandedRows ?? [])],
                  expandedRowRender: (row) => renderRowDetails(row.index),
                }
              : undefined
          }
          columns={[
            { title: '序号', key: 'index', width: 60, render: (_v, row) => row.index + 1 },
            ...items.map((item) => ({
              title: item.label,
              key: item.key,
              render: (_v: unknown, row: RowEntry) => cell(item, row.values, row.index),
            })),
            ...(rowColumn
              ? [
                  {
                    title: rowColumn.title,
                    key: 'rowExtra',
                    width: rowColumn.width,
                    render: (_v: unknown, row: RowEntry) => rowColumn.render(row.index),
                  },
                ]
              : []),
          ]}
        />
      )}
      {extras.footer}
    </section>
  );
}

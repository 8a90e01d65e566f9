import { Descriptions, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CatalogSection, FieldValues } from '../../../src-shared/domain/catalog';
import { displayItems, EMPTY_TEXT, groupText, isFilled, type DisplayItem } from './field-display';
import styles from './ApplicationReview.module.css';

/** A row of a row section with its position, which is what tells two rows apart. */
interface RowEntry {
  index: number;
  values: FieldValues;
}

/** Renders a scan's field from the id the content holds. */
export type RenderAttachment = (fileId: string, rowIndex: number | null) => ReactNode;

function itemValue(
  section: CatalogSection,
  item: DisplayItem,
  values: FieldValues,
  rowIndex: number | null,
  renderAttachment: RenderAttachment,
): ReactNode {
  const [field] = item.fields;
  if (!field) return EMPTY_TEXT;
  if (item.fields.length > 1) return groupText(section, item, values);
  const value = values[field.key];
  if (!isFilled(value)) return EMPTY_TEXT;
  if (field.type === 'attachment') return renderAttachment(String(value), rowIndex);
  if (field.type === 'longText') return <span className={styles.paragraph}>{value}</span>;
  // ID numbers and phones in full: the details are part of the review, where they are checked.
  return String(value);
}

/** One catalog section read-only: its fields as a description list, or its rows as a table. */
export function CatalogSectionView({
  section,
  value,
  renderAttachment,
  level,
}: {
  section: CatalogSection;
  value: FieldValues | FieldValues[] | undefined;
  renderAttachment: RenderAttachment;
  level: 4 | 5;
}) {
  const items = displayItems(section);
  return (
    <section className={styles.catalogSection} aria-label={section.title}>
      <Typography.Title level={level} className={styles.sectionTitle}>
        {section.title}
      </Typography.Title>
      {section.mode === 'single' ? (
        <Descriptions bordered size="small" column={2}>
          {items.map((item) => {
            const values = value && !Array.isArray(value) ? value : {};
            const wide = item.fields.some((f) => f.type === 'longText');
            return (
              <Descriptions.Item key={item.key} label={item.label} span={wide ? 2 : 1}>
                {itemValue(section, item, values, null, renderAttachment)}
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
          columns={[
            { title: '序号', key: 'index', width: 60, render: (_v, row) => row.index + 1 },
            ...items.map((item) => ({
              title: item.label,
              key: item.key,
              render: (_v: unknown, row: RowEntry) =>
                itemValue(section, item, row.values, row.index, renderAttachment),
            })),
          ]}
        />
      )}
    </section>
  );
}

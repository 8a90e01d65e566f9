import type {
  CatalogField,
  CatalogSection,
  FieldValue,
  FieldValues,
} from '../../../src-shared/domain/catalog';

/** One label of the details: a field, or fields the catalog shows together (系列/专业/资格 as 申请资格). */
export interface DisplayItem {
  key: string;
  label: string;
  fields: readonly CatalogField[];
}

/** The section's fields in catalog order, with consecutive fields of one group merged under its label. */
export function displayItems(section: CatalogSection): DisplayItem[] {
  const items: DisplayItem[] = [];
  for (const field of section.fields) {
    const last = items[items.length - 1];
    if (field.group && last && last.label === field.group) {
      last.fields = [...last.fields, field];
    } else {
      items.push({ key: field.key, label: field.group ?? field.label, fields: [field] });
    }
  }
  return items;
}

export const EMPTY_TEXT = '—';

export function isFilled(value: FieldValue | undefined): value is string | number {
  return value !== null && value !== undefined && value !== '';
}

/** A merged item's text: a period as "2015-09 至 2019-06" (no end: 至今), other groups as a/b/c. */
export function groupText(section: CatalogSection, item: DisplayItem, values: FieldValues): string {
  const parts = item.fields.map((field) => values[field.key]);
  const [start, end] = parts;
  const period = section.period;
  if (period && item.fields[0]?.key === period.startKey && item.fields[1]?.key === period.endKey) {
    if (!isFilled(start) && !isFilled(end)) return EMPTY_TEXT;
    return `${isFilled(start) ? start : EMPTY_TEXT} 至 ${isFilled(end) ? end : '至今'}`;
  }
  const filled = parts.filter(isFilled);
  return filled.length ? filled.join('/') : EMPTY_TEXT;
}

/**
 * An item's value as plain text ('—' when empty): what the details show for every kind but scans and
 * paragraphs, and what the review dialog quotes as the value before the applicant's change.
 */
export function itemText(section: CatalogSection, item: DisplayItem, values: FieldValues): string {
  const [field] = item.fields;
  if (!field) return EMPTY_TEXT;
  if (item.fields.length > 1) return groupText(section, item, values);
  const value = values[field.key];
  return isFilled(value) ? String(value) : EMPTY_TEXT;
}

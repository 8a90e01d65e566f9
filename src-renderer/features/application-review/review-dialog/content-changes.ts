import type { ApplicationDetail, CommentTarget } from '../../../../src-shared/contracts';
import {
  APPLICATION_CATALOG,
  type CatalogSection,
  type FieldValue,
  type FieldValues,
} from '../../../../src-shared/domain/catalog';
import { displayItems, itemText, type DisplayItem } from '../field-display';
import { itemTarget, normalizeTarget, rowTarget, targetKey } from './comment-targets';

/**
 * What the applicant changed since the application was last returned: the dialog marks those fields and
 * rows 已修改, with the value before, so the reviewer checks what was asked for without rereading it all.
 * Rows are compared by position, as the applicant's form keeps them.
 */
export interface ContentChanges {
  /** Changed items (of single sections and of rows) by target key, with the text before. */
  items: ReadonlyMap<string, string>;
  /** Rows by target key: changed, or added after the return. */
  rows: ReadonlyMap<string, 'changed' | 'added'>;
  /** Per row section: how many rows were there at the return and are gone now (the last ones). */
  removedRows: ReadonlyMap<string, number>;
  /** Per row section: how many rows it has now. */
  rowCounts: ReadonlyMap<string, number>;
  sections: ReadonlySet<string>;
}

type Content = ApplicationDetail['content'];

function same(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const blank = (v: FieldValue | undefined) => v === null || v === undefined || v === '';
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  return String(a) === String(b);
}

function itemChanged(item: DisplayItem, before: FieldValues, now: FieldValues): boolean {
  return item.fields.some((field) => !same(before[field.key], now[field.key]));
}

function asRows(value: FieldValues | FieldValues[] | undefined): FieldValues[] {
  return Array.isArray(value) ? value : [];
}

function asSingle(value: FieldValues | FieldValues[] | undefined): FieldValues {
  return value && !Array.isArray(value) ? value : {};
}

/** `previous`: the content at the latest return. */
export function contentChanges(previous: Content, content: Content): ContentChanges {
  const items = new Map<string, string>();
  const rows = new Map<string, 'changed' | 'added'>();
  const removedRows = new Map<string, number>();
  const rowCounts = new Map<string, number>();
  const sections = new Set<string>();

  const compare = (
    section: CatalogSection,
    before: FieldValues,
    now: FieldValues,
    rowIndex: number | null,
  ) => {
    let changed = false;
    for (const item of displayItems(section)) {
      if (!itemChanged(item, before, now)) continue;
      changed = true;
      items.set(targetKey(itemTarget(section, item, rowIndex)), itemText(section, item, before));
    }
    return changed;
  };

  for (const section of APPLICATION_CATALOG) {
    if (section.mode === 'single') {
      if (compare(section, asSingle(previous[section.key]), asSingle(content[section.key]), null)) {
        sections.add(section.key);
      }
      continue;
    }
    const before = asRows(previous[section.key]);
    const now = asRows(content[section.key]);
    rowCounts.set(section.key, now.length);
    let changed = before.length > now.length;
    now.forEach((values, index) => {
      const old = before[index];
      const key = targetKey(rowTarget(section.key, index));
      if (!old) rows.set(key, 'added');
      else if (compare(section, old, values, index)) rows.set(key, 'changed');
      else return;
      changed = true;
    });
    if (before.length > now.length) removedRows.set(section.key, before.length - now.length);
    if (changed) sections.add(section.key);
  }
  return { items, rows, removedRows, rowCounts, sections };
}

/** Whether what a comment pointed at was changed since: the applicant acted on it (or at least near it). */
export function targetChanged(changes: ContentChanges, target: CommentTarget): boolean {
  const normalized = normalizeTarget(target);
  const { sectionKey, rowIndex, fieldKey } = normalized;
  if (sectionKey === '') return changes.sections.size > 0;
  if (rowIndex !== null) {
    const row = targetKey(rowTarget(sectionKey, rowIndex));
    // A row that is gone, or new in its place, changed in every field.
    if (rowIndex >= (changes.rowCounts.get(sectionKey) ?? 0) || changes.rows.get(row) === 'added')
      return true;
    if (fieldKey === null) return changes.rows.has(row);
  }
  if (fieldKey !== null) return changes.items.has(targetKey(normalized));
  return changes.sections.has(sectionKey);
}

import type { CommentTarget, StoredComment } from '../../../../src-shared/contracts';
import { sectionByKey, type CatalogSection } from '../../../../src-shared/domain/catalog';
import { displayItems, type DisplayItem } from '../field-display';

/**
 * Where comments point, as the dialog keys them. A merged display item (申请资格 = 系列/专业/资格,
 * 起止时间) is one place to comment on, so it is keyed by its first field; a comment another client made
 * on one of its other fields is shown there too.
 */

export function targetKey(target: CommentTarget): string {
  return `${target.sectionKey}|${target.rowIndex ?? ''}|${target.fieldKey ?? ''}`;
}

/** The target a targetKey was made of (the dialog's focus stops and boxes carry their key). */
export function parseTargetKey(key: string): CommentTarget {
  const [sectionKey = '', row = '', fieldKey = ''] = key.split('|');
  return {
    sectionKey,
    rowIndex: row === '' ? null : Number(row),
    fieldKey: fieldKey === '' ? null : fieldKey,
  };
}

export function sectionTarget(sectionKey: string): CommentTarget {
  return { sectionKey, rowIndex: null, fieldKey: null };
}

export function rowTarget(sectionKey: string, rowIndex: number): CommentTarget {
  return { sectionKey, rowIndex, fieldKey: null };
}

export function itemTarget(
  section: CatalogSection,
  item: DisplayItem,
  rowIndex: number | null,
): CommentTarget {
  return { sectionKey: section.key, rowIndex, fieldKey: item.fields[0]?.key ?? item.key };
}

/** The display item a field belongs to, in its section. */
export function itemOfField(section: CatalogSection, fieldKey: string): DisplayItem | undefined {
  return displayItems(section).find((item) => item.fields.some((field) => field.key === fieldKey));
}

/** A target as the dialog shows it: a field of a merged item becomes the item. */
export function normalizeTarget(target: CommentTarget): CommentTarget {
  if (target.fieldKey === null) return target;
  const section = sectionByKey(target.sectionKey);
  const item = section && itemOfField(section, target.fieldKey);
  return section && item ? itemTarget(section, item, target.rowIndex) : target;
}

/** "教育经历第1行 学校": what a comment box is about, for its label. */
export function targetLabel(target: CommentTarget): string {
  const section = sectionByKey(target.sectionKey);
  if (!section) return '申请书';
  const row = target.rowIndex === null ? '' : `第${target.rowIndex + 1}行`;
  const item = target.fieldKey === null ? undefined : itemOfField(section, target.fieldKey);
  return `${section.title}${row}${item ? ` ${item.label}` : ''}`;
}

/** Stored comments by the (normalized) key of their target, oldest first. */
export function commentsByTarget(comments: readonly StoredComment[]): Map<string, StoredComment[]> {
  const index = new Map<string, StoredComment[]>();
  for (const comment of [...comments].sort((a, b) => a.round - b.round || a.at.localeCompare(b.at))) {
    const key = targetKey(normalizeTarget(comment.target));
    index.set(key, [...(index.get(key) ?? []), comment]);
  }
  return index;
}

import type { ExportProgress } from '../../../src-shared/contracts';

/**
 * The export dialog's progress bar from the core's exportProgress events: reading the cache is quick,
 * writing the rows is most of the work, packing the file the rest.
 */

const WRITING_SHARE = 90;

export function exportPercent(progress: ExportProgress | null): number {
  if (progress === null) return 0;
  switch (progress.phase) {
    case 'reading':
      return 0;
    case 'writing':
      return progress.total === 0
        ? WRITING_SHARE
        : Math.floor((progress.done / progress.total) * WRITING_SHARE);
    case 'packing':
      return WRITING_SHARE + 5;
    case 'done':
      return 100;
  }
}

export function exportProgressText(progress: ExportProgress | null): string {
  if (progress === null || progress.phase === 'reading') return '正在读取本机数据…';
  switch (progress.phase) {
    case 'writing':
      return `正在写入 第${progress.done}条/共${progress.total}条`;
    case 'packing':
      return '正在生成文件…';
    case 'done':
      return `已完成,共${progress.total}条`;
  }
}

/** A new id for one export's events: the core sends them to every window. */
export function newExportId(): string {
  return `export-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

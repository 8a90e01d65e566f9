/**
 * The name an exported workbook is offered under, e.g. 职称申报审核_重庆市示例人民医院_2026-12-06.xlsx:
 * what, whose, and the Beijing date it was made.
 */
export function exportFileName(what: string, unitName: string, beijingDate: string): string {
  const parts = [what, unitName, beijingDate].map(fileNamePart).filter((part) => part !== '');
  return `${parts.join('_')}.xlsx`;
}

/** Characters Windows refuses in a file name (and control characters) become _, and the part is kept short. */
function fileNamePart(text: string): string {
  return Array.from(text.trim().replace(/[\\/:*?"<>|\p{Cc}]/gu, '_'))
    .slice(0, 60)
    .join('');
}

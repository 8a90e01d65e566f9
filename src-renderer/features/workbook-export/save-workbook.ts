import { XLSX_MIME_TYPE, type ExportedWorkbook } from '../../../src-shared/contracts';
import { decodeBase64 } from '../publicity-print/preview-model';
import { saveFile } from '../publicity-print/save-pdf';

/** Saves a workbook the core exported, under the name it suggested, as a PDF is saved. */
export function saveWorkbook(workbook: ExportedWorkbook): void {
  saveFile(decodeBase64(workbook.xlsxBase64), workbook.fileName, XLSX_MIME_TYPE);
}

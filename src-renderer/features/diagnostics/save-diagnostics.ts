import { ZIP_MIME_TYPE, type AppApi } from '../../../src-shared/contracts';
import { decodeBase64 } from '../publicity-print/preview-model';
import { saveFile } from '../publicity-print/save-pdf';

/**
 * 导出诊断信息 from a window: the core builds the zip (scrubbed logs, diagnostics.json) and the window saves
 * it like every other file the app saves (Electron's save dialog, a browser's download). Answers the
 * Chinese reason when it could not.
 */
export async function exportDiagnostics(api: AppApi): Promise<string | null> {
  try {
    const result = await api.exportDiagnostics();
    if (!result.ok) return result.error.message;
    saveFile(decodeBase64(result.value.zipBase64), result.value.fileName, ZIP_MIME_TYPE);
    return null;
  } catch {
    return '无法导出诊断信息,请稍后重试';
  }
}

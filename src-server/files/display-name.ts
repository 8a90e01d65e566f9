import type { ScanMimeType } from '../../src-shared/domain/units';

/** The extension a stored scan's name gets: the detected type's, whatever the typed name said. */
const EXTENSIONS: Readonly<Record<ScanMimeType, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** What a name with nothing left after cleaning is called. */
const FALLBACK_STEM = '扫描件';

/** Long enough for any real name, short enough for a list column and every file system. */
const MAX_STEM_LENGTH = 80;

/**
 * The name a stored scan is shown and offered for download under, made from the typed name and the
 * detected type: the last path part only; without control, format (bidi overrides such as U+202E turn
 * `scan\u202efdp.exe` into what shows as `scanexe.pdf`), separator or Windows-reserved characters;
 * dots inside it made `_`, so that the only extension is the one matching the content
 * (`scan.pdf\0.html` becomes `scan_pdf.pdf`, `scan.exe` of a PNG `scan.png`); bounded in length.
 */
export function scanDisplayName(typed: string, type: ScanMimeType): string {
  const lastPart = typed.split(/[\\/]/).pop() ?? '';
  const visible = lastPart
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const dot = visible.lastIndexOf('.');
  const withoutExtension = dot > 0 ? visible.slice(0, dot) : visible;
  const stem = [...withoutExtension.replace(/\./g, '_').replace(/^[_ ]+|[_ ]+$/g, '')]
    .slice(0, MAX_STEM_LENGTH)
    .join('')
    .trim();
  return `${stem === '' ? FALLBACK_STEM : stem}.${EXTENSIONS[type]}`;
}

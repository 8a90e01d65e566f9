import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from '@playwright/test';
import { publicityFormInputOf, type PublicityFormInput } from '../src-main/core/print/publicity-form-input';
import {
  type FormCell,
  type FormRow,
  GRID_UNITS,
  PRINT_FIELDS,
  PUBLICITY_FORM_GRID,
  PUBLICITY_FORM_HEADER,
  PUBLICITY_FORM_TITLE,
} from '../src-main/core/print/publicity-form-layout';
import { renderPublicityForms } from '../src-main/core/print/publicity-form-pdf';
import { printedOnText, publicityPeriodText } from '../src-main/core/print/print-options';
import { demoDetails } from '../test/print/demo-details';
import { medianMs, type Comparison } from './harness';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium';

/**
 * The 公示表 targets (one form with the font cached under 100 ms, a batch of 100 under 5 s, a one-page form
 * under 200 KB), each beside what Chromium's own page.pdf() takes for the same form as HTML in this run:
 * the other way the desktop could print, since Electron has it built in. Chromium gets a warm page and
 * the system's CJK font (WenQuanYi Zen Hei), as our renderer gets its font parsed once.
 */

const OPTIONS = {
  printedOn: '2026-05-06',
  supervisingPhone: '重庆市卫生健康委员会 023-67706700',
  publicityPlace: '门诊楼一楼公示栏',
};
const BATCH = 100;

export async function printBench(): Promise<Comparison[]> {
  const forms = demoDetails(BATCH).map(publicityFormInputOf);
  const [first] = forms;
  if (first === undefined) throw new Error('no demo form');

  // The first form of a process reads and parses the 10 MB font; every later one reuses it.
  const coldStart = performance.now();
  await renderPublicityForms([first], OPTIONS);
  const coldMs = performance.now() - coldStart;

  let next = 0;
  const oneForm = () => renderPublicityForms([forms[next++ % forms.length] ?? first], OPTIONS);
  const oneMs = await medianMs(oneForm, 30);
  const batchMs = await medianMs(() => renderPublicityForms(forms, OPTIONS), 3, 1);
  const oneBytes = (await renderPublicityForms([first], OPTIONS)).byteLength;
  const batchBytes = (await renderPublicityForms(forms, OPTIONS)).byteLength;

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  let chromiumOne: { ms: number; bytes: number };
  let chromiumBatch: { ms: number; bytes: number };
  try {
    const page = await browser.newPage();
    chromiumOne = await chromiumPdf(page, [first], 15);
    chromiumBatch = await chromiumPdf(page, forms, 3);
  } finally {
    await browser.close();
  }

  console.log(`first 公示表 of a process, reading and parsing the font: ${coldMs.toFixed(0)} ms`);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const sizeMet = oneBytes < 200 * 1024;
  console.log(
    `one-page 公示表: ${kb(oneBytes)} KB vs Chromium page.pdf() ${kb(chromiumOne.bytes)} KB ` +
      `(target < 200 KB: ${sizeMet ? 'met' : 'MISSED'}); ${BATCH} forms: ${kb(batchBytes)} KB ` +
      `vs Chromium ${kb(chromiumBatch.bytes)} KB`,
  );

  return [
    {
      name: 'one 公示表 with the font cached (pdf-lib)',
      measured: oneMs,
      reference: chromiumOne.ms,
      referenceName: 'Chromium page.pdf() of the same form as HTML',
    },
    {
      name: 'one 公示表 with the font cached (pdf-lib)',
      measured: oneMs,
      reference: 100,
      referenceName: 'the 100 ms limit',
      target: 1,
    },
    {
      name: `a batch of ${BATCH} 公示表 in one PDF (pdf-lib)`,
      measured: batchMs,
      reference: chromiumBatch.ms,
      referenceName: `Chromium page.pdf() of the same ${BATCH} forms as HTML`,
    },
    {
      name: `a batch of ${BATCH} 公示表 in one PDF (pdf-lib)`,
      measured: batchMs,
      reference: 5000,
      referenceName: 'the 5 s limit',
      target: 1,
    },
  ];
}

/** Median time of setContent + page.pdf() for the forms as HTML, and the size of the PDF. */
async function chromiumPdf(
  page: Page,
  forms: readonly PublicityFormInput[],
  iterations: number,
): Promise<{ ms: number; bytes: number }> {
  const html = formsHtml(forms);
  let bytes = 0;
  const ms = await medianMs(
    async () => {
      await page.setContent(html);
      bytes = (await page.pdf({ format: 'A4', printBackground: false })).byteLength;
    },
    iterations,
    1,
  );
  return { ms, bytes };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\n', '<br>');
}

/** The same grid as the PDF, from the same layout data: a 24-column table with spans. */
function formsHtml(forms: readonly PublicityFormInput[]): string {
  const css = `
    @page { size: A4; margin: 15mm 15mm 16mm 15mm; }
    body { font-family: 'WenQuanYi Zen Hei', sans-serif; font-size: 10.5pt; margin: 0; }
    .form { page-break-after: always; }
    h1 { font-size: 18pt; font-weight: normal; text-align: center; margin: 0 0 8pt; }
    .header { display: flex; justify-content: space-between; margin-bottom: 4pt; }
    table { width: 100%; border-collapse: collapse; table-layout: fixed; }
    td { border: 0.75pt solid #000; padding: 4pt; line-height: 15pt; vertical-align: middle; word-break: break-all; }
    td.label { text-align: center; }
    td.signature { height: 76pt; vertical-align: top; }`;
  const cols = `<colgroup>${'<col>'.repeat(GRID_UNITS)}</colgroup>`;
  const body = forms
    .map((form) => {
      const value = (field: string) =>
        field === 'publicityPeriod'
          ? publicityPeriodText(form.publicity)
          : field in PRINT_FIELDS
            ? field === 'publicityPlace'
              ? OPTIONS.publicityPlace
              : OPTIONS.supervisingPhone
            : (form.values[field as keyof PublicityFormInput['values']] ?? '');
      const cell = (c: FormCell) =>
        c.kind === 'label'
          ? `<td class="label" colspan="${c.span}">${escapeHtml(c.text)}</td>`
          : c.kind === 'value'
            ? `<td colspan="${c.span}">${escapeHtml(value(c.field))}</td>`
            : `<td class="signature" colspan="${c.span}">${escapeHtml(c.caption)}` +
              `${c.dated ? `<div style="text-align:right;margin-top:48pt">${printedOnText(OPTIONS.printedOn)}</div>` : ''}</td>`;
      const row = (r: FormRow, lead = '') => `<tr>${lead}${r.cells.map(cell).join('')}</tr>`;
      const rows = PUBLICITY_FORM_GRID.map((entry) =>
        entry.kind === 'row'
          ? row(entry)
          : entry.rows
              .map((r, i) =>
                row(
                  r,
                  i === 0
                    ? `<td class="label" colspan="${entry.span}" rowspan="${entry.rows.length}">${entry.label}</td>`
                    : '',
                ),
              )
              .join(''),
      ).join('');
      return (
        `<section class="form"><h1>${PUBLICITY_FORM_TITLE}</h1>` +
        `<div class="header"><span>${PUBLICITY_FORM_HEADER.applicationNo}:${escapeHtml(form.applicationNo)}</span>` +
        `<span>${PUBLICITY_FORM_HEADER.year}:${escapeHtml(form.year)}</span></div>` +
        `<table>${cols}${rows}</table></section>`
      );
    })
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head><body>${body}</body></html>`;
}

import { AppFailure } from '../../../src-shared/contracts';
import type {
  ApplicationDetail,
  PrintedPdf,
  PrintPublicityRequest,
  PrintSettings,
} from '../../../src-shared/contracts';
import { hasPublicityForm, publicityEndOf, STATE_LABELS } from '../../../src-shared/domain/workflow';
import type { ApplicationCache } from '../cache/application-cache';
import { MissingGlyphsError } from './glyph-check';
import { publicityFormInputOf, type PublicityFormInput } from './publicity-form-input';

/**
 * 公示表 and 公示名单 from the cache alone, so that a unit prints on the day it approves, online or not.
 * An approval still waiting in the outbox counts: its publicity period comes from the queued decision.
 * Periods end as the client's holiday table says (publicityEndOf), like the list and the review gate.
 */
export class PublicityPrinting {
  constructor(
    private readonly cache: ApplicationCache,
    private readonly settings: () => Promise<PrintSettings>,
    /** Where the font is (a packaged app's resources); node_modules when absent. */
    private readonly fontsDir?: string,
  ) {}

  async print({ applicationIds, document }: PrintPublicityRequest): Promise<PrintedPdf> {
    const { forms, unitName } = this.formsOf(applicationIds);
    const settings = await this.settings();
    const options = {
      supervisingPhone: settings.supervisingPhone,
      publicityPlace: settings.publicityPlace,
      ...(this.fontsDir === undefined ? {} : { fontsDir: this.fontsDir }),
    };
    // The PDF stack (pdf-lib, fontkit and its tables) is loaded on the first print, not at every start.
    const [{ renderPublicityForms }, { renderPublicityList }] = await Promise.all([
      import('./publicity-form-pdf'),
      import('./publicity-list-pdf'),
    ]);
    let bytes: Uint8Array;
    try {
      bytes =
        document === 'forms'
          ? await renderPublicityForms(forms, options)
          : await renderPublicityList(forms, { ...options, unitName });
    } catch (error) {
      if (error instanceof MissingGlyphsError) throw new AppFailure('BAD_REQUEST', error.message);
      throw error;
    }
    return {
      fileName: fileNameOf(document, forms),
      pdfBase64: Buffer.from(bytes).toString('base64'),
      pageCount: await countPages(bytes),
      formCount: forms.length,
    };
  }

  /**
   * What the 公示表 and the 公示名单 of these applications show, with the unit that posts them (the first
   * one's); refused, with the applicant's name and the reason, when one has no 公示表 yet.
   */
  formsOf(applicationIds: readonly string[]): { forms: PublicityFormInput[]; unitName: string } {
    const details = applicationIds.map((id) => this.printable(id));
    return { forms: details.map(({ form }) => form), unitName: details[0]?.unitName ?? '' };
  }

  /** The form of one application, or the Chinese reason it has none yet. */
  private printable(id: string): { form: PublicityFormInput; unitName: string } {
    const detail = this.cache.queries.getApplicationDetail(id);
    if (detail === null) throw new AppFailure('NOT_FOUND', '本机缓存中没有这份申报书,请同步后重试');
    const publicity = detail.publicity ?? this.queuedPublicity(id);
    if (publicity === null || !(hasPublicityForm(detail.state) || this.approvalQueued(id))) {
      throw new AppFailure(
        'BAD_REQUEST',
        `${detail.applicantName}(${detail.applicationNo})的申报书${STATE_LABELS[detail.state]},` +
          '尚未审核通过,没有公示表可打印',
      );
    }
    // The end as the publicity really runs: later than the one chosen when the 职改办 has since added a
    // holiday inside the period (the form posted again must say until when it hangs).
    const end = publicityEndOf(publicity, this.cache.holidays.calendar());
    const withPeriod: ApplicationDetail = { ...detail, publicity: { start: publicity.start, end } };
    return { form: publicityFormInputOf(withPeriod), unitName: detail.unitName };
  }

  private approvalQueued(id: string): boolean {
    const operation = this.cache.work.latestOperation(id);
    return (
      operation !== null &&
      operation.operation === 'unitApprove' &&
      (operation.status === 'pending' || operation.status === 'sending')
    );
  }

  /** The period of an approval still in the outbox (printed the same day, before it reached the server). */
  private queuedPublicity(id: string): ApplicationDetail['publicity'] {
    if (!this.approvalQueued(id)) return null;
    const payload = JSON.parse(this.cache.work.latestOperation(id)?.payloadJson ?? '{}') as {
      publicity?: { start: string; end: string };
    };
    return payload.publicity ?? null;
  }
}

function fileNameOf(
  document: PrintPublicityRequest['document'],
  forms: readonly PublicityFormInput[],
): string {
  const first = forms[0];
  if (document === 'list') return `公示名单-${forms.length}人.pdf`;
  if (forms.length === 1 && first) return `公示表-${first.applicationNo}-${first.applicantName}.pdf`;
  return `公示表-${forms.length}份.pdf`;
}

async function countPages(bytes: Uint8Array): Promise<number> {
  const { PDFDocument } = await import('pdf-lib');
  const written = await PDFDocument.load(bytes, { updateMetadata: false });
  return written.getPageCount();
}

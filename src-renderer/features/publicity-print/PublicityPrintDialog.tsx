import { Alert, Button, Form, Input, Modal, Space, Spin, message } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  printSettingsSchema,
  type AppError,
  type PrintedPdf,
  type PrintPublicityRequest,
  type PrintSettings,
  type Result,
} from '../../../src-shared/contracts';
import { focusIsLost } from '../../components/focus-lost';
import { useLingeringModal } from '../../components/use-lingering-modal';
import { useSession } from '../auth/session-context';
import { ExportPublicityListButton } from '../workbook-export/ExportPublicityListButton';
import { PdfPreview } from './PdfPreview';
import styles from './PublicityPrintDialog.module.css';

const TITLES: Record<PrintPublicityRequest['document'], string> = {
  forms: '打印公示表',
  list: '打印公示名单',
};

type SettingsErrors = Partial<Record<keyof PrintSettings, string>>;

/** What the unit writes on every form, edited above the preview. */
const SETTING_FIELDS: readonly { key: keyof PrintSettings; label: string; placeholder: string }[] = [
  { key: 'supervisingPhone', label: '受理(监督)部门及电话', placeholder: '如:院人事科 023-63891234' },
  { key: 'publicityPlace', label: '公示地点', placeholder: '如:门诊楼一楼公示栏' },
];

function settingsErrors(settings: PrintSettings): SettingsErrors {
  const parsed = printSettingsSchema.safeParse(settings);
  if (parsed.success) return {};
  const errors: SettingsErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (key === 'supervisingPhone' || key === 'publicityPlace') errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * The 公示表 (or the 公示名单) of some applications: drawn by the core from the cache, previewed here, then
 * printed or saved. The unit's 受理(监督)部门及电话 and 公示地点 are edited above the preview and kept on
 * this computer for the next forms.
 */
export function PublicityPrintDialog({
  request,
  onClose,
  focusFallback,
}: {
  /** Closed when null. */
  request: PrintPublicityRequest | null;
  onClose(): void;
  /**
   * Where the focus goes after closing when the element the preview was opened from is gone (审核通过's
   * 确定) or disabled; otherwise it goes back to that element.
   */
  focusFallback(): HTMLElement | null | undefined;
}) {
  const { shown, open, afterClose } = useLingeringModal(request, focusFallback);
  if (shown === null) return null;
  return (
    <OpenPrint
      key={`${shown.document}:${shown.applicationIds.join(',')}`}
      request={shown}
      open={open}
      afterClose={afterClose}
      onClose={onClose}
    />
  );
}

function OpenPrint({
  request,
  open,
  afterClose,
  onClose,
}: {
  request: PrintPublicityRequest;
  open: boolean;
  afterClose(): void;
  onClose(): void;
}) {
  const call = useSession((s) => s.call);
  // In the desktop app the core prints through the system dialog; a browser prints the preview.
  const nativePrint = useSession((s) => s.connection?.nativePrint ?? false);
  const [toast, toastHolder] = message.useMessage();
  const [settings, setSettings] = useState<PrintSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveFailure, setSaveFailure] = useState<AppError | null>(null);
  // Each generation's answer is kept with its number: while the newest has no answer, it is generating.
  const [generation, setGeneration] = useState(0);
  const [answer, setAnswer] = useState<{ generation: number; result: Result<PrintedPdf> } | null>(null);
  const generating = answer?.generation !== generation;
  const printed = !generating && answer.result.ok ? answer.result.value : null;
  const failure = saveFailure ?? (!generating && !answer.result.ok ? answer.result.error : null);
  const errors = settings ? settingsErrors(settings) : {};
  const regenerateButton = useRef<HTMLButtonElement>(null);

  // A new preview takes the old one's buttons away while it is drawn: a focus on them (Tab right after
  // 保存并重新生成 reaches 打印 before the spinner) would rest on the page. It goes back to the button the
  // reviewer used, where Tab leads on to the new preview's.
  useLayoutEffect(() => {
    if (generating && generation > 0 && focusIsLost()) regenerateButton.current?.focus();
  }, [generating, generation]);

  useEffect(() => {
    void call((api) => api.getPrintSettings()).then((result) => {
      setSettings(result.ok ? result.value : { supervisingPhone: '', publicityPlace: '' });
    });
  }, [call]);

  useEffect(() => {
    let live = true;
    void call((api) => api.printPublicity(request)).then((result) => {
      if (live) setAnswer({ generation, result });
    });
    return () => {
      live = false;
    };
  }, [call, request, generation]);

  const saveAndRegenerate = async () => {
    if (!settings || Object.keys(errors).length > 0) return;
    setSaving(true);
    const result = await call((api) => api.savePrintSettings(settings));
    setSaving(false);
    setSaveFailure(result.ok ? null : result.error);
    if (result.ok) setGeneration((n) => n + 1);
  };

  const printNatively = async (pdf: PrintedPdf) => {
    const result = await call((api) => api.printPdf({ pdfBase64: pdf.pdfBase64, fileName: pdf.fileName }));
    if (!result.ok) void toast.error(result.error.message);
    else if (result.value.outcome === 'openedInViewer')
      void toast.info('已在系统的PDF阅读器中打开,请在阅读器中打印');
  };

  const count = request.applicationIds.length;
  return (
    <Modal
      open={open}
      afterClose={afterClose}
      title={TITLES[request.document]}
      width="min(1000px, 96vw)"
      style={{ top: 16 }}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      destroyOnHidden
    >
      {toastHolder}
      {settings && (
        <Form layout="inline" className={styles.settings} onFinish={() => void saveAndRegenerate()}>
          {SETTING_FIELDS.map(({ key, label, placeholder }) => (
            <Form.Item
              key={key}
              label={label}
              htmlFor={`print-${key}`}
              validateStatus={errors[key] ? 'error' : ''}
              help={errors[key]}
            >
              <Input
                id={`print-${key}`}
                value={settings[key]}
                placeholder={placeholder}
                onChange={(e) => setSettings({ ...settings, [key]: e.target.value })}
                className={styles.settingInput}
              />
            </Form.Item>
          ))}
          <Form.Item>
            <Button
              ref={regenerateButton}
              htmlType="submit"
              loading={saving}
              disabled={Object.keys(errors).length > 0}
            >
              保存并重新生成
            </Button>
          </Form.Item>
        </Form>
      )}
      {failure && <Alert type="error" showIcon title={failure.message} className={styles.failure} />}
      {generating ? (
        <Space className={styles.generating}>
          <Spin />
          <span>
            {request.document === 'list' ? `正在生成公示名单(${count}人)…` : `正在生成公示表(共${count}份)…`}
          </span>
        </Space>
      ) : (
        printed && (
          <PdfPreview
            {...(nativePrint ? { onPrint: () => void printNatively(printed) } : {})}
            pdfBase64={printed.pdfBase64}
            fileName={printed.fileName}
            title={TITLES[request.document]}
            // The 公示名单 also goes out as a workbook, beside its print and save.
            {...(request.document === 'list'
              ? {
                  renderActions: ({ defaultActions }) => (
                    <>
                      {defaultActions}
                      <ExportPublicityListButton applicationIds={request.applicationIds} />
                    </>
                  ),
                }
              : {})}
          />
        )
      )}
    </Modal>
  );
}

import { Alert, Button, Card, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import {
  LOCKED_HINT,
  serverUrlProblem,
  type AppError,
  type Printer,
  type PrintSettings,
  type ServerConnectionResult,
  type SettingsView,
} from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';
import { CommentPhrasesCard } from '../comment-phrases/CommentPhrasesCard';
import { ExportDiagnosticsButton } from '../diagnostics/ExportDiagnosticsButton';
import { useAppApi } from '../../api/app-api-context';
import {
  checkDraft,
  draftOf,
  errorsFromFields,
  isLocked,
  type DraftErrors,
  type DraftField,
  type SettingsDraft,
} from './settings-form';
import styles from './Settings.module.css';

const RESTART_NOTICE = '服务器设置将在重新启动程序后生效';

interface Loaded {
  view: SettingsView;
  print: PrintSettings;
  printers: Printer[];
}

/**
 * 设置: the server this client talks to (with a connection test), the auto-sync interval, the default
 * printer and what the unit writes on every 公示表. Fields an administrator preset are read-only. Below,
 * the way into the reviewer's 常用意见.
 */
export function SettingsPage() {
  const call = useSession((s) => s.call);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([
      call((api) => api.getAppSettings()),
      call((api) => api.getPrintSettings()),
      call((api) => api.listPrinters()),
    ]).then(([view, print, printers]) => {
      if (!live) return;
      if (!view.ok) setFailure(view.error);
      else if (!print.ok) setFailure(print.error);
      else
        setLoaded({
          view: view.value,
          print: print.value,
          // Without a list (a browser) the choice is only the system's default printer.
          printers: printers.ok ? printers.value.printers : [],
        });
    });
    return () => {
      live = false;
    };
  }, [call]);

  if (failure) return <Alert type="error" showIcon title={`无法读取设置:${failure.message}`} />;
  if (!loaded) return <Spin description="正在读取设置…" />;
  return (
    <Space orientation="vertical" size="large" className={styles.page}>
      <SettingsForm loaded={loaded} />
      {/* Its own 保存 (in 管理常用意见): kept apart from the form's. */}
      <CommentPhrasesCard />
      <DiagnosticsCard />
    </Space>
  );
}

/** 帮助 in the window: the zip for the unit's IT staff (Electron's menu has it under 帮助 as well). */
function DiagnosticsCard() {
  const api = useAppApi();
  return (
    <Card title="诊断信息">
      <Typography.Paragraph type="secondary">
        程序出现问题时,可导出诊断信息(日志和程序版本、设置,已隐去身份证号、手机号和密码),发给单位信息员。
      </Typography.Paragraph>
      <ExportDiagnosticsButton api={api} />
    </Card>
  );
}

function SettingsForm({ loaded }: { loaded: Loaded }) {
  const call = useSession((s) => s.call);
  const nativePrint = useSession((s) => s.connection?.nativePrint ?? false);
  const [view, setView] = useState(loaded.view);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(loaded.view.settings, loaded.print));
  // A field's own message shows once it was changed, all of them after 保存 was pressed.
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [coreErrors, setCoreErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ restartNeeded: boolean } | null>(null);
  const [saveFailure, setSaveFailure] = useState<string | null>(null);
  const [test, setTest] = useState<{ testing: boolean; result: ServerConnectionResult | null }>({
    testing: false,
    result: null,
  });
  const [testProblem, setTestProblem] = useState<string | null>(null);

  const checked = checkDraft(draft);
  const ownErrors = checked.ok ? {} : checked.errors;
  const errorOf = (field: DraftField): string | undefined =>
    coreErrors[field] ??
    (field === 'serverUrl' ? (testProblem ?? undefined) : undefined) ??
    (submitted || touched.has(field) ? ownErrors[field] : undefined);

  const change = (field: DraftField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
    setCoreErrors(({ [field]: _dropped, ...rest }) => rest);
    setSaved(null);
    setSaveFailure(null);
    if (field === 'serverUrl' || field === 'serverMode') {
      setTest({ testing: false, result: null });
      setTestProblem(null);
    }
  };

  const save = async () => {
    setSubmitted(true);
    setSaved(null);
    setSaveFailure(null);
    if (!checked.ok) return;
    setSaving(true);
    try {
      const app = await call((api) => api.saveAppSettings(checked.settings));
      if (!app.ok) {
        setCoreErrors(errorsFromFields(app.error.fields));
        setSaveFailure(app.error.message);
        return;
      }
      setView(app.value);
      const print = await call((api) => api.savePrintSettings(checked.print));
      if (!print.ok) {
        setCoreErrors(errorsFromFields(print.error.fields));
        setSaveFailure(print.error.message);
        return;
      }
      setDraft(draftOf(app.value.settings, print.value));
      setSaved({ restartNeeded: app.value.restartNeeded });
    } finally {
      setSaving(false);
    }
  };

  const testConnection = async () => {
    const problem = serverUrlProblem(draft.serverUrl);
    setTestProblem(problem);
    if (problem !== null) return;
    setTest({ testing: true, result: null });
    const result = await call((api) => api.testServerConnection({ url: draft.serverUrl }));
    setTest({
      testing: false,
      result: result.ok ? result.value : { reachable: false, demo: false, message: result.error.message },
    });
  };

  const field = (name: DraftField, label: string, control: ReactNode, extra?: string) => {
    const error = errorOf(name);
    const hint = isLocked(view, name) ? LOCKED_HINT : extra;
    return (
      <Form.Item
        label={label}
        htmlFor={`settings-${name}`}
        validateStatus={error ? 'error' : ''}
        help={error}
        extra={hint}
      >
        {control}
      </Form.Item>
    );
  };

  const printerMissing =
    draft.defaultPrinter !== '' && !loaded.printers.some((printer) => printer.name === draft.defaultPrinter);
  const printerOptions = [
    { value: '', label: '系统默认打印机' },
    ...loaded.printers.map((printer) => ({
      value: printer.name,
      label: printer.isDefault ? `${printer.displayName}(系统默认)` : printer.displayName,
    })),
    ...(printerMissing
      ? [{ value: draft.defaultPrinter, label: `${draft.defaultPrinter}(未找到此打印机)` }]
      : []),
  ];
  const remote = draft.serverMode === 'remote';

  return (
    <Form
      layout="horizontal"
      labelCol={{ flex: '180px' }}
      labelWrap
      className={styles.page}
      onFinish={() => void save()}
    >
      <Space orientation="vertical" size="middle" className={styles.page}>
        {view.configProblem && (
          <Alert type="warning" showIcon title="管理员的配置文件有误" description={view.configProblem} />
        )}
        <Card title="服务器">
          {view.restartNeeded && saved === null && <Alert type="info" showIcon title={RESTART_NOTICE} />}
          {field(
            'serverMode',
            '服务器',
            <Radio.Group
              id="settings-serverMode"
              value={draft.serverMode}
              disabled={isLocked(view, 'serverMode')}
              onChange={(e) => change('serverMode', String(e.target.value))}
              options={[
                { value: 'embedded', label: '内置服务器(演示数据)' },
                { value: 'remote', label: '中心服务器' },
              ]}
            />,
          )}
          {field(
            'serverUrl',
            '中心服务器地址',
            <Space.Compact className={styles.urlRow}>
              <Input
                id="settings-serverUrl"
                value={draft.serverUrl}
                placeholder="如:https://zc.example.gov.cn"
                disabled={!remote || isLocked(view, 'serverUrl')}
                onChange={(e) => change('serverUrl', e.target.value)}
              />
              <Button disabled={!remote} loading={test.testing} onClick={() => void testConnection()}>
                测试连接
              </Button>
            </Space.Compact>,
            remote ? '由单位信息化管理员提供' : '选择“中心服务器”后填写',
          )}
          {test.result && (
            <Alert
              type={test.result.reachable ? 'success' : 'error'}
              showIcon
              title={test.result.message}
              className={styles.testResult}
              role="status"
            />
          )}
        </Card>
        <Card title="同步">
          {field(
            'syncInterval',
            '自动同步间隔',
            <Input
              id="settings-syncInterval"
              value={draft.syncInterval}
              inputMode="numeric"
              suffix="分钟"
              disabled={isLocked(view, 'syncInterval')}
              onChange={(e) => change('syncInterval', e.target.value)}
              className={styles.narrow}
            />,
            '联网时每隔多少分钟自动同步一次(1至240分钟);登录时和点击“立即同步”时也会同步',
          )}
        </Card>
        <Card title="打印">
          {field(
            'defaultPrinter',
            '默认打印机',
            <Select
              id="settings-defaultPrinter"
              value={draft.defaultPrinter}
              options={printerOptions}
              disabled={isLocked(view, 'defaultPrinter')}
              onChange={(value: string) => change('defaultPrinter', value)}
              className={styles.wide}
            />,
            nativePrint ? '打印公示表时默认选中的打印机' : '在浏览器中打印时,由浏览器的打印对话框选择打印机',
          )}
          {field(
            'supervisingPhone',
            '受理(监督)部门及电话',
            <Input
              id="settings-supervisingPhone"
              value={draft.supervisingPhone}
              placeholder="如:院人事科 023-63891234"
              onChange={(e) => change('supervisingPhone', e.target.value)}
              className={styles.wide}
            />,
            '印在每份公示表上;不填则留空,打印后手写',
          )}
          {field(
            'publicityPlace',
            '公示地点',
            <Input
              id="settings-publicityPlace"
              value={draft.publicityPlace}
              placeholder="如:门诊楼一楼公示栏"
              onChange={(e) => change('publicityPlace', e.target.value)}
              className={styles.wide}
            />,
          )}
        </Card>
        <Space size="middle" align="center">
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
          {saved && (
            <Typography.Text type="success" role="status">
              {saved.restartNeeded ? `已保存。${RESTART_NOTICE}` : '已保存'}
            </Typography.Text>
          )}
          {saveFailure && (
            <Typography.Text type="danger" role="alert">
              {saveFailure}
            </Typography.Text>
          )}
        </Space>
      </Space>
    </Form>
  );
}

import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import type { AppApi } from '../../../src-shared/contracts';
import { exportDiagnostics } from './save-diagnostics';

type Outcome = { ok: true } | { ok: false; message: string } | null;

/** 导出诊断信息: in 设置 and on the error page, where it takes the api as given (no context is trusted there). */
export function ExportDiagnosticsButton({ api }: { api: AppApi }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const run = async () => {
    setBusy(true);
    setOutcome(null);
    const problem = await exportDiagnostics(api);
    setBusy(false);
    setOutcome(problem === null ? { ok: true } : { ok: false, message: problem });
  };
  return (
    <Space wrap>
      <Button loading={busy} onClick={() => void run()}>
        导出诊断信息
      </Button>
      {outcome?.ok === true && (
        <Typography.Text type="success">已导出,请将保存的文件发给单位信息员</Typography.Text>
      )}
      {outcome?.ok === false && <Typography.Text type="danger">{outcome.message}</Typography.Text>}
    </Space>
  );
}

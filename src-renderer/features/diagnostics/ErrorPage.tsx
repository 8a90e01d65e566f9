import { Button, Result } from 'antd';
import type { AppApi } from '../../../src-shared/contracts';
import { ExportDiagnosticsButton } from './ExportDiagnosticsButton';

/**
 * What a window shows when a screen fails, instead of a blank window: what happened, that it is in the log,
 * and the two ways on. Comment drafts are kept by the core as they are typed, so a reload loses none.
 */
export function ErrorPage({ api, reload }: { api: AppApi; reload: () => void }) {
  return (
    <Result
      status="error"
      title="页面出现错误"
      subTitle={
        <>
          错误已记录在日志中。请点击“重新加载”继续工作,已填写的审核意见草稿不会丢失。
          <br />
          如果问题反复出现,请点击“导出诊断信息”,将保存的文件发给单位信息员。
        </>
      }
      extra={[
        <Button key="reload" type="primary" onClick={reload}>
          重新加载
        </Button>,
        <ExportDiagnosticsButton key="export" api={api} />,
      ]}
    />
  );
}

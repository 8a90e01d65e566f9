import { Button, message } from 'antd';
import { useState } from 'react';
import { useSession } from '../auth/session-context';
import { saveWorkbook } from './save-workbook';

/**
 * 导出Excel beside the 公示名单's 打印 and 另存为PDF: the same list as a workbook (a few hundred rows at
 * most, made in a moment), saved as the PDF is.
 */
export function ExportPublicityListButton({ applicationIds }: { applicationIds: readonly string[] }) {
  const call = useSession((s) => s.call);
  const [toast, toastHolder] = message.useMessage();
  const [exporting, setExporting] = useState(false);

  const exportList = async () => {
    setExporting(true);
    const result = await call((api) => api.exportPublicityList({ applicationIds: [...applicationIds] }));
    setExporting(false);
    if (!result.ok) {
      void toast.error(result.error.message);
      return;
    }
    saveWorkbook(result.value);
    void toast.success(`已导出公示名单(${result.value.rowCount}人)`);
  };

  return (
    <>
      {toastHolder}
      <Button onClick={() => void exportList()} loading={exporting}>
        导出Excel
      </Button>
    </>
  );
}

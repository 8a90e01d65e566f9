import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useSession } from '../auth/session-context';
import type { UploadedLicence } from './form-values';
import { readScan } from './read-scan';
import styles from './UnitRegistration.module.css';

interface LicenceUploadProps {
  /** From Form.Item: the input's id, so that the label points at the file input. */
  id?: string;
  value?: UploadedLicence | null;
  onChange?(value: UploadedLicence | null): void;
  /** A refused or failed file: the message goes on the form field; null clears it. */
  onProblem(message: string | null): void;
}

/**
 * 营业执照/法人证书: checks the picked file in the browser, uploads it, and shows the stored file with a
 * remove action. A refused file leaves the previous one in place.
 */
export function LicenceUpload({ id, value, onChange, onProblem }: LicenceUploadProps) {
  const call = useSession((s) => s.call);
  const [uploading, setUploading] = useState(false);

  const take = async (file: File) => {
    setUploading(true);
    const reading = await readScan(file);
    if (!reading.ok) {
      setUploading(false);
      onProblem(reading.message);
      return;
    }
    const result = await call((api) =>
      api.uploadLicence({ fileName: file.name, contentBase64: reading.contentBase64 }),
    );
    setUploading(false);
    if (result.ok) {
      onChange?.({ fileId: result.value.fileId, fileName: result.value.fileName });
      return;
    }
    // An expired session is answered by the re-login modal; picking the file again is enough after.
    if (result.error.code === 'UNAUTHENTICATED') return;
    onProblem(result.error.fields?.licenceFileId ?? result.error.message);
  };

  return (
    <Space orientation="vertical" size={4}>
      <Upload
        id={id}
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        showUploadList={false}
        beforeUpload={(file) => {
          void take(file);
          // We upload ourselves (through the app API); antd's own request and list stay out of it.
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading}>
          {value ? '重新选择文件' : '选择文件'}
        </Button>
      </Upload>
      {value && (
        <Space size={4} className={styles.file}>
          <PaperClipOutlined />
          <span data-testid="licence-file-name">{value.fileName}</span>
          <Button type="link" size="small" onClick={() => onChange?.(null)}>
            删除
          </Button>
        </Space>
      )}
      <Typography.Text type="secondary">支持PDF、JPG、PNG格式,文件不超过10MB</Typography.Text>
    </Space>
  );
}

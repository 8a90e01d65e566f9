import { Alert, Image, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { AppError, FileContent } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';
import { base64Blob, dataUrl, isImage } from './licence-data';
import styles from './UnitReview.module.css';

interface Loaded {
  id: string;
  file: FileContent | null;
  /** A blob: URL of a file that is not shown inline, for its download link. */
  url: string | null;
  error: AppError | null;
}

/** 营业执照/法人证书 of a registration: an image shown inline, a PDF offered as 下载查看. */
export function LicenceView({ registrationId }: { registrationId: string }) {
  const call = useSession((s) => s.call);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    void call((api) => api.getRegistrationLicence({ id: registrationId })).then((result) => {
      if (!live) return;
      const file = result.ok ? result.value : null;
      if (file && !isImage(file.mimeType)) {
        url = URL.createObjectURL(base64Blob(file.mimeType, file.contentBase64));
      }
      setLoaded({ id: registrationId, file, url, error: result.ok ? null : result.error });
    });
    return () => {
      live = false;
      // The blob holds the whole file in memory until it is revoked.
      if (url) URL.revokeObjectURL(url);
    };
  }, [call, registrationId]);

  if (loaded?.id !== registrationId) return <Spin size="small" />;
  if (!loaded.file) {
    if (loaded.error?.code === 'UNAUTHENTICATED') return null;
    return <Alert type="error" showIcon title={loaded.error?.message ?? '扫描件无法读取'} />;
  }
  const file = loaded.file;
  return (
    <Space orientation="vertical" size={4}>
      {isImage(file.mimeType) ? (
        <Image src={dataUrl(file.mimeType, file.contentBase64)} alt={file.fileName} className={styles.scan} />
      ) : (
        loaded.url && (
          <a href={loaded.url} download={file.fileName}>
            下载查看
          </a>
        )
      )}
      <Typography.Text type="secondary">
        {file.fileName}({Math.max(1, Math.round(file.size / 1024))} KB)
      </Typography.Text>
    </Space>
  );
}

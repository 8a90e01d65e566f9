import { Alert, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { AppError, FileContent } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';
import { base64Blob, dataUrl, isImage } from '../unit-review/licence-data';
import { OFFLINE_ATTACHMENT_TEXT, type DetailAttachment } from './AttachmentField';
import { PdfView } from './PdfView';
import styles from './ApplicationReview.module.css';

interface Opened {
  fileId: string;
  file: FileContent | null;
  /** A blob: URL for what is not shown as an image. */
  url: string | null;
  error: AppError | null;
}

/** Reads a scan through the core (from the cache, or fetched and cached when online) and shows it. */
function AttachmentContent({ applicationId, fileId }: { applicationId: string; fileId: string }) {
  const call = useSession((s) => s.call);
  const [opened, setOpened] = useState<Opened | null>(null);

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    void call((api) => api.openAttachment({ applicationId, fileId })).then((result) => {
      if (!live) return;
      const file = result.ok ? result.value : null;
      if (file && !isImage(file.mimeType))
        url = URL.createObjectURL(base64Blob(file.mimeType, file.contentBase64));
      setOpened({ fileId, file, url, error: result.ok ? null : result.error });
    });
    return () => {
      live = false;
      // The blob holds the whole scan in memory until it is revoked.
      if (url) URL.revokeObjectURL(url);
    };
  }, [call, applicationId, fileId]);

  if (opened?.fileId !== fileId) return <Spin />;
  const { file, url, error } = opened;
  if (!file) {
    if (error?.code === 'UNAUTHENTICATED') return null;
    const text =
      error?.code === 'SERVER_UNREACHABLE' ? OFFLINE_ATTACHMENT_TEXT : (error?.message ?? '附件无法读取');
    return <Alert type="warning" showIcon title={text} />;
  }
  return (
    <Space orientation="vertical" size="small" className={styles.viewer}>
      {isImage(file.mimeType) ? (
        <img className={styles.scan} src={dataUrl(file.mimeType, file.contentBase64)} alt={file.fileName} />
      ) : file.mimeType === 'application/pdf' && url ? (
        <PdfView url={url} fileName={file.fileName} />
      ) : (
        url && (
          <a href={url} download={file.fileName}>
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

/** The scan chosen in the details, in a dialog over them. */
export function AttachmentViewer({
  applicationId,
  attachment,
  onClose,
}: {
  applicationId: string;
  attachment: DetailAttachment | null;
  onClose(): void;
}) {
  return (
    <Modal
      open={attachment !== null}
      title={attachment ? `附件:${attachment.fileName}` : '附件'}
      footer={null}
      width={960}
      onCancel={onClose}
      destroyOnHidden
    >
      {attachment && <AttachmentContent applicationId={applicationId} fileId={attachment.fileId} />}
    </Modal>
  );
}

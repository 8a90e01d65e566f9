import { Alert, Drawer, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { ApplicationDetail } from '../../../src-shared/contracts';
import { ApplicationContentView } from './ApplicationContentView';
import { AttachmentField, type DetailAttachment } from './AttachmentField';
import { AttachmentViewer } from './AttachmentViewer';
import { DetailHeader } from './DetailHeader';
import { ReviewHistory } from './ReviewHistory';
import { useSync } from './sync-context';
import { useApplicationDetail } from './use-application-detail';
import styles from './ApplicationReview.module.css';

/** The details of one application, read-only: every section, the scans and the 审核历史. */
export function ApplicationDetailDrawer({
  applicationId,
  onClose,
}: {
  applicationId: string | null;
  onClose(): void;
}) {
  const { loading, detail, error } = useApplicationDetail(applicationId);
  const [viewing, setViewing] = useState<DetailAttachment | null>(null);

  return (
    <Drawer
      open={applicationId !== null}
      title="申请书详情"
      size="min(1100px, 92vw)"
      onClose={() => {
        setViewing(null);
        onClose();
      }}
    >
      {loading && (
        <div className={styles.centered}>
          <Spin />
        </div>
      )}
      {error && <Alert type="error" showIcon title={error.message} />}
      {detail && <DetailBody detail={detail} onView={setViewing} />}
      {detail && (
        <AttachmentViewer applicationId={detail.id} attachment={viewing} onClose={() => setViewing(null)} />
      )}
    </Drawer>
  );
}

function DetailBody({ detail, onView }: { detail: ApplicationDetail; onView(a: DetailAttachment): void }) {
  const offline = useSync((s) => s.status?.phase === 'offline');
  const byFileId = new Map(detail.attachments.map((a) => [a.fileId, a]));
  return (
    <>
      <DetailHeader detail={detail} />
      <ApplicationContentView
        content={detail.content}
        renderAttachment={(fileId) => (
          <AttachmentField attachment={byFileId.get(fileId)} offline={offline} onView={onView} />
        )}
      />
      <Typography.Title level={4} className={styles.sectionTitle}>
        审核历史
      </Typography.Title>
      <ReviewHistory history={detail.history} />
    </>
  );
}

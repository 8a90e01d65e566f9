import { SyncOutlined } from '@ant-design/icons';
import { Button, Progress, Space, Tag, Typography, message } from 'antd';
import type { SyncStatus } from '../../../src-shared/contracts';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';
import { useSync } from './sync-context';
import styles from './ApplicationReview.module.css';

/** "上次同步: 2026-03-02 09:30", or that there has been none yet. */
export function lastSyncedText(lastSyncedAt: string | null): string {
  return lastSyncedAt ? `上次同步: ${formatBeijingDateTime(lastSyncedAt)}` : '尚未同步';
}

/** How fresh the local cache is, and 立即同步. */
export function SyncIndicator() {
  const status = useSync((s) => s.status);
  const requesting = useSync((s) => s.requesting);
  const syncNow = useSync((s) => s.syncNow);
  const [toast, toastHolder] = message.useMessage();

  const start = async () => {
    const error = await syncNow();
    // An expired session is answered by the re-login modal, not by a second message here.
    if (error && error.code !== 'UNAUTHENTICATED') void toast.error(error.message);
  };

  const syncing = status?.phase === 'syncing';
  return (
    <Space size="small" wrap data-testid="sync-indicator">
      {toastHolder}
      {status ? (
        <PhaseView status={status} />
      ) : (
        <Typography.Text type="secondary">同步状态读取中…</Typography.Text>
      )}
      {status?.phase === 'error' ? (
        <Button size="small" onClick={() => void start()} loading={requesting}>
          重试
        </Button>
      ) : (
        <Button
          size="small"
          icon={<SyncOutlined />}
          onClick={() => void start()}
          loading={requesting}
          disabled={syncing}
        >
          立即同步
        </Button>
      )}
    </Space>
  );
}

function PhaseView({ status }: { status: SyncStatus }) {
  switch (status.phase) {
    case 'idle':
      return (
        <>
          <Tag color="green">已同步</Tag>
          <Typography.Text type="secondary">{lastSyncedText(status.lastSyncedAt)}</Typography.Text>
        </>
      );
    case 'syncing': {
      const received = status.progress?.received ?? 0;
      const total = status.progress?.total ?? 0;
      return (
        <>
          <Progress
            className={styles.syncProgress}
            size="small"
            percent={total > 0 ? Math.min(100, Math.floor((received / total) * 100)) : 0}
            showInfo={false}
            status="active"
          />
          <Typography.Text>
            正在同步 {received}/{total}
          </Typography.Text>
        </>
      );
    }
    case 'offline':
      return (
        <>
          <Tag color="orange">离线</Tag>
          <Typography.Text type="secondary">{lastSyncedText(status.lastSyncedAt)}</Typography.Text>
        </>
      );
    case 'error':
      return (
        <>
          <Tag color="red">同步失败</Tag>
          <Typography.Text type="danger">{status.error ?? '同步失败,请稍后重试'}</Typography.Text>
        </>
      );
  }
}

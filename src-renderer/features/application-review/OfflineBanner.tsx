import { Alert } from 'antd';
import { formatBeijingDateTime } from '../../../src-shared/time/beijing-time';
import { useSync } from './sync-context';
import styles from './ApplicationReview.module.css';

/** While the server cannot be reached: what the list shows is the cache, and how old it is. */
export function OfflineBanner() {
  const status = useSync((s) => s.status);
  if (status?.phase !== 'offline') return null;
  const lastSynced = status.lastSyncedAt ? formatBeijingDateTime(status.lastSyncedAt) : '尚未同步';
  return (
    <Alert
      type="warning"
      showIcon
      className={styles.banner}
      title={`无法连接到服务器,当前显示的是本机缓存的数据(上次同步: ${lastSynced})。网络恢复后将自动同步。`}
    />
  );
}

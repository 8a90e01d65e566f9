import { DownOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { LocalDataSummary } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';
import styles from './LogoutButtons.module.css';

/**
 * 退出登录, and next to it 退出并清除本地数据 for a shared or handed-on computer: the cached applications
 * and unsent review drafts (and a 常用意见 edit not synced yet) are deleted before the session ends, after
 * the person confirms.
 */
export function LogoutButtons() {
  const logout = useSession((s) => s.logout);
  const logoutAndClear = useSession((s) => s.logoutAndClearLocalData);
  const pending = useSession((s) => s.pending);
  const [confirming, setConfirming] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const call = useSession((s) => s.call);
  const [summary, setSummary] = useState<LocalDataSummary | null>(null);

  const askToClear = async () => {
    setSummary(null);
    setConfirming(true);
    // Said before the user confirms: these exist on this computer only.
    const result = await call((api) => api.getLocalDataSummary());
    if (result.ok) setSummary(result.value);
  };

  const clearAndLogout = async () => {
    setClearing(true);
    setFailure(null);
    const error = await logoutAndClear();
    if (error !== null) {
      setClearing(false);
      setFailure(error.message);
    }
  };

  return (
    <>
      <Space.Compact>
        <Button onClick={() => void logout()} loading={pending}>
          退出登录
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [{ key: 'clear', label: '退出并清除本地数据', danger: true }],
            onClick: () => void askToClear(),
          }}
        >
          <Button aria-label="更多退出方式" icon={<DownOutlined />} />
        </Dropdown>
      </Space.Compact>
      <Modal
        open={confirming}
        title="退出并清除本地数据"
        okText="确定"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        confirmLoading={clearing}
        onOk={() => void clearAndLogout()}
        onCancel={() => {
          setFailure(null);
          setConfirming(false);
        }}
      >
        <Typography.Paragraph>
          将删除本机缓存的申报书和未提交的审核意见草稿,确定退出并清除本地数据吗?
        </Typography.Paragraph>
        {summary && summary.unsentDecisions > 0 && (
          <Alert
            type="warning"
            showIcon
            className={styles.unsent}
            title={`本机有${summary.unsentDecisions}个审核结果尚未同步到服务器,清除后将丢失`}
            description="建议先连接网络并点击“立即同步”,待同步完成后再清除。"
          />
        )}
        {summary && summary.unsentDecisions === 0 && summary.commentDrafts > 0 && (
          <Typography.Paragraph type="warning">
            本机有{summary.commentDrafts}条修改意见草稿尚未随审核结果提交,清除后将丢失。
          </Typography.Paragraph>
        )}
        {summary?.commentPhrasesPending && (
          <Typography.Paragraph type="warning">
            本机对常用意见的修改尚未同步到服务器,清除后将丢失。
          </Typography.Paragraph>
        )}
        {failure && <Alert type="error" showIcon title={failure} />}
      </Modal>
    </>
  );
}

import { DownOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../auth/session-context';

/**
 * 退出登录, and next to it 退出并清除本地数据 for a shared or handed-on computer: the cached applications
 * and unsent review drafts are deleted before the session ends, after the person confirms.
 */
export function LogoutButtons() {
  const logout = useSession((s) => s.logout);
  const logoutAndClear = useSession((s) => s.logoutAndClearLocalData);
  const pending = useSession((s) => s.pending);
  const [confirming, setConfirming] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

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
            onClick: () => setConfirming(true),
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
        {failure && <Alert type="error" showIcon title={failure} />}
      </Modal>
    </>
  );
}

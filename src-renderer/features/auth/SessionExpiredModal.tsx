import { Button, Modal, Typography } from 'antd';
import { LoginForm } from './LoginForm';
import { useSession } from './session-context';

/**
 * Over the signed-in screen when a call found the session over: the screen stays mounted underneath,
 * so whatever the user was typing is still there after they log in again here.
 */
export function SessionExpiredModal() {
  const expired = useSession((s) => s.expired);
  const account = useSession((s) => s.user?.account);
  const logout = useSession((s) => s.logout);

  return (
    <Modal
      open={expired}
      title="登录已失效,请重新登录"
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={null}
      destroyOnHidden
      width={420}
    >
      <Typography.Paragraph type="secondary">
        为保护您的账号安全,登录状态已失效。重新登录后可继续当前操作,已填写的内容不会丢失。
      </Typography.Paragraph>
      <LoginForm name="relogin" initialIdentifier={account} autoFocus />
      <Button type="link" block onClick={() => void logout()}>
        退出登录,返回登录页
      </Button>
    </Modal>
  );
}

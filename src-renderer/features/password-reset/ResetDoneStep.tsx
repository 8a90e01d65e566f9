import { Button, Result } from 'antd';

/** 重置密码 step 5, 完成. */
export function ResetDoneStep({ account, onBackToLogin }: { account: string; onBackToLogin(): void }) {
  return (
    <Result
      status="success"
      title="密码重置成功"
      subTitle={`账号 ${account} 的密码已重置,原有的登录均已失效,请使用新密码登录。`}
      extra={
        <Button type="primary" size="large" onClick={onBackToLogin}>
          返回登录
        </Button>
      }
    />
  );
}

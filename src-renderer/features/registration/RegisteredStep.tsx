import { Button, Result } from 'antd';
import type { RegisterVerifyResponse } from '../../../src-shared/contracts';

/** 用户注册 step 3, 注册成功: on to the login screen with the new account filled in. */
export function RegisteredStep({
  registered,
  onLogin,
}: {
  registered: RegisterVerifyResponse;
  onLogin(account: string): void;
}) {
  return (
    <Result
      status="success"
      title="注册成功"
      subTitle={`${registered.name},您的账号 ${registered.account} 已注册并通过实名认证,请使用该账号登录。`}
      extra={
        <Button type="primary" size="large" onClick={() => onLogin(registered.account)}>
          立即登录
        </Button>
      }
    />
  );
}

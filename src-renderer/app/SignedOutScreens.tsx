import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { LoginScreen } from '../features/auth/LoginScreen';
import { useSession } from '../features/auth/session-context';
import { PasswordReset, Registration, Settings } from './lazy-screens';
import styles from './SignedOutScreens.module.css';

type SignedOutScreen =
  | { name: 'login'; identifier?: string | undefined }
  | { name: 'register' }
  | { name: 'reset' }
  | { name: 'settings' };

/** 登录, 用户注册, 重置密码 and 设置: a few screens and links between them, so plain state, no router. */
export function SignedOutScreens() {
  const [screen, setScreen] = useState<SignedOutScreen>({ name: 'login' });
  const clearError = useSession((s) => s.clearError);
  const go = (next: SignedOutScreen) => {
    // A login error belongs to the attempt that caused it, not to the next visit of the login screen.
    clearError();
    setScreen(next);
  };
  const toLogin = (identifier?: string) => go({ name: 'login', identifier });

  switch (screen.name) {
    case 'register':
      return <Registration.Screen onBackToLogin={toLogin} />;
    case 'reset':
      return <PasswordReset.Screen onBackToLogin={toLogin} />;
    case 'settings':
      return (
        <div className={styles.settings}>
          <Button icon={<ArrowLeftOutlined />} onClick={() => toLogin()} className={styles.back}>
            返回登录
          </Button>
          <Settings.Screen />
        </div>
      );
    case 'login':
      return (
        <LoginScreen
          initialIdentifier={screen.identifier}
          onForgotPassword={() => go({ name: 'reset' })}
          onRegister={() => go({ name: 'register' })}
          onSettings={() => go({ name: 'settings' })}
        />
      );
  }
}

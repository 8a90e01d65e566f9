import { useState } from 'react';
import { LoginScreen } from '../features/auth/LoginScreen';
import { useSession } from '../features/auth/session-context';
import { PasswordResetScreen } from '../features/password-reset/PasswordResetScreen';
import { RegistrationScreen } from '../features/registration/RegistrationScreen';

type SignedOutScreen =
  { name: 'login'; identifier?: string | undefined } | { name: 'register' } | { name: 'reset' };

/** 登录, 用户注册 and 重置密码: three screens and a few links between them, so plain state, no router. */
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
      return <RegistrationScreen onBackToLogin={toLogin} />;
    case 'reset':
      return <PasswordResetScreen onBackToLogin={toLogin} />;
    case 'login':
      return (
        <LoginScreen
          initialIdentifier={screen.identifier}
          onForgotPassword={() => go({ name: 'reset' })}
          onRegister={() => go({ name: 'register' })}
        />
      );
  }
}

import { useState } from 'react';
import type { AppError, ResetChooseMethodResponse, ResetStartResponse } from '../../../src-shared/contracts';
import { StepsLayout } from '../../components/StepsLayout';
import { TicketExpired } from '../../components/TicketExpired';
import { ChooseMethodStep } from './ChooseMethodStep';
import { ConfirmAccountStep } from './ConfirmAccountStep';
import { ManualResetForm } from './ManualResetForm';
import { NewPasswordStep } from './NewPasswordStep';
import { PhoneVerifyStep } from './PhoneVerifyStep';
import { ResetDoneStep } from './ResetDoneStep';

const STEPS = ['确认账号', '验证方式', '安全验证', '重置密码', '完成'] as const;

/** Where the flow is; each step after the first holds the ticket the server gave for it. */
type ResetState =
  | { step: 'account' }
  | { step: 'method'; start: ResetStartResponse }
  | { step: 'manual'; start: ResetStartResponse }
  | { step: 'phone'; chosen: ResetChooseMethodResponse }
  | { step: 'password'; ticket: string }
  | { step: 'done'; account: string }
  | { step: 'expired'; message: string; at: number };

const STEP_INDEX: Record<Exclude<ResetState['step'], 'expired'>, number> = {
  account: 0,
  method: 1,
  manual: 1,
  phone: 2,
  password: 3,
  done: 4,
};

/** 重置密码 (manual 2.3): 确认账号 → 验证方式 → 安全验证 → 重置密码 → 完成. */
export function PasswordResetScreen({ onBackToLogin }: { onBackToLogin(identifier?: string): void }) {
  const [state, setState] = useState<ResetState>({ step: 'account' });
  // Kept across a restart, so an expired ticket costs the user a captcha, not their typing.
  const [identifier, setIdentifier] = useState('');
  const current = state.step === 'expired' ? state.at : STEP_INDEX[state.step];
  const expire = (error: AppError) => setState({ step: 'expired', message: error.message, at: current });

  return (
    <StepsLayout
      title="重置密码"
      subtitle="若您忘记了密码,可以通过此功能重新设置您的登录密码"
      steps={STEPS}
      current={current}
      failed={state.step === 'expired'}
      onBackToLogin={() => onBackToLogin()}
    >
      {state.step === 'account' && (
        <ConfirmAccountStep
          initialIdentifier={identifier}
          onStarted={(start, typed) => {
            setIdentifier(typed);
            setState({ step: 'method', start });
          }}
        />
      )}
      {state.step === 'method' && (
        <ChooseMethodStep
          start={state.start}
          onPhoneChosen={(chosen) => setState({ step: 'phone', chosen })}
          onManual={() => setState({ step: 'manual', start: state.start })}
          onTicketInvalid={expire}
        />
      )}
      {state.step === 'manual' && (
        <ManualResetForm
          onBack={() => setState({ step: 'method', start: state.start })}
          onBackToLogin={() => onBackToLogin()}
        />
      )}
      {state.step === 'phone' && (
        <PhoneVerifyStep
          chosen={state.chosen}
          onVerified={(ticket) => setState({ step: 'password', ticket })}
          onTicketInvalid={expire}
        />
      )}
      {state.step === 'password' && (
        <NewPasswordStep
          ticket={state.ticket}
          onReset={(account) => setState({ step: 'done', account })}
          onTicketInvalid={expire}
        />
      )}
      {state.step === 'done' && (
        <ResetDoneStep account={state.account} onBackToLogin={() => onBackToLogin(state.account)} />
      )}
      {state.step === 'expired' && (
        <TicketExpired message={state.message} onRestart={() => setState({ step: 'account' })} />
      )}
    </StepsLayout>
  );
}

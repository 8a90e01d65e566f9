import { Form } from 'antd';
import { useState } from 'react';
import type { RegisterBasicResponse, RegisterVerifyResponse } from '../../../src-shared/contracts';
import { StepsLayout } from '../../components/StepsLayout';
import { TicketExpired } from '../../components/TicketExpired';
import { useCaptcha } from '../../components/use-captcha';
import { BasicInfoStep, type BasicInfoValues } from './BasicInfoStep';
import { RealNameStep } from './RealNameStep';
import { RegisteredStep } from './RegisteredStep';

const STEPS = ['基本信息', '实名认证', '注册成功'] as const;

type RegistrationState =
  | { step: 'basic' }
  | { step: 'verify'; basic: RegisterBasicResponse }
  | { step: 'expired'; message: string }
  | { step: 'done'; registered: RegisterVerifyResponse };

const STEP_INDEX: Record<RegistrationState['step'], number> = { basic: 0, verify: 1, expired: 1, done: 2 };

/** 用户注册 (manual 2.2): 基本信息 → 实名认证 → 注册成功. */
export function RegistrationScreen({ onBackToLogin }: { onBackToLogin(account?: string): void }) {
  const [form] = Form.useForm<BasicInfoValues>();
  const captcha = useCaptcha(form);
  const [state, setState] = useState<RegistrationState>({ step: 'basic' });

  const backToBasic = () => {
    // The SMS code and the captcha were spent on the way to step 2; everything else stays as typed.
    form.setFields([{ name: 'smsCode', value: '', errors: [] }]);
    captcha.refresh();
    setState({ step: 'basic' });
  };

  return (
    <StepsLayout
      title="新用户注册"
      subtitle="本账号是您享受全面的城市资讯及服务的网上通行证,请确保账号的唯一性及资料的准确性"
      steps={STEPS}
      current={STEP_INDEX[state.step]}
      failed={state.step === 'expired'}
      onBackToLogin={() => onBackToLogin()}
    >
      {/* Step 1 stays mounted while hidden, so going back finds every field as the user left it. */}
      <div hidden={state.step !== 'basic'}>
        <BasicInfoStep
          form={form}
          captcha={captcha}
          onRegistered={(basic) => setState({ step: 'verify', basic })}
        />
      </div>
      {state.step === 'verify' && (
        <RealNameStep
          basic={state.basic}
          onVerified={(registered) => setState({ step: 'done', registered })}
          onBack={backToBasic}
          onTicketInvalid={(error) => setState({ step: 'expired', message: error.message })}
        />
      )}
      {state.step === 'expired' && <TicketExpired message={state.message} onRestart={backToBasic} />}
      {state.step === 'done' && <RegisteredStep registered={state.registered} onLogin={onBackToLogin} />}
    </StepsLayout>
  );
}

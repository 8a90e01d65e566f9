import { Form, Input } from 'antd';
import { useState } from 'react';
import type { AppError } from '../../../src-shared/contracts';
import { checkPassword } from '../../../src-shared/domain/validation';
import { useAppApi } from '../../api/app-api-context';
import { checkRule, confirmationRule } from '../../components/field-rules';
import { showFieldErrors } from '../../components/server-errors';
import { FORM_LAYOUT } from './form-layout';
import { StepFooter } from './StepFooter';

interface NewPasswordValues {
  password: string;
  confirmPassword: string;
}

interface NewPasswordStepProps {
  ticket: string;
  onReset(account: string): void;
  onTicketInvalid(error: AppError): void;
}

/** 重置密码 step 4: the new password twice, with the same rule as at registration. */
export function NewPasswordStep({ ticket, onReset, onTicketInvalid }: NewPasswordStepProps) {
  const api = useAppApi();
  const [form] = Form.useForm<NewPasswordValues>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: NewPasswordValues) => {
    setPending(true);
    setFailure(null);
    const result = await api.resetPassword({ ticket, ...values });
    setPending(false);
    if (result.ok) onReset(result.value.account);
    else if (result.error.code === 'TICKET_INVALID') onTicketInvalid(result.error);
    else if (!showFieldErrors(form, result.error, ['password', 'confirmPassword']))
      setFailure(result.error.message);
  };

  return (
    <Form<NewPasswordValues>
      form={form}
      name="resetPassword"
      {...FORM_LAYOUT}
      autoComplete="off"
      validateTrigger={['onChange', 'onBlur']}
      onValuesChange={() => failure && setFailure(null)}
      onFinish={(values) => void submit(values)}
    >
      <Form.Item label="新密码" name="password" required rules={[checkRule(checkPassword)]}>
        <Input.Password
          placeholder="请输入8-20位大写字母,小写字母,数字和特殊字符其中任意三种组合"
          maxLength={20}
          autoComplete="new-password"
          autoFocus
        />
      </Form.Item>
      <Form.Item
        label="确认密码"
        name="confirmPassword"
        required
        dependencies={['password']}
        rules={[confirmationRule('password')]}
      >
        <Input.Password placeholder="请输入确认密码" maxLength={20} autoComplete="new-password" />
      </Form.Item>
      <StepFooter failure={failure} pending={pending} />
    </Form>
  );
}

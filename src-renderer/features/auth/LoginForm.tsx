import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { checkCaptchaAnswer } from '../../../src-shared/domain/validation';
import { CaptchaInput } from '../../components/CaptchaInput';
import { checkRule } from '../../components/field-rules';
import { formatWait, isCaptchaError, showFieldErrors } from '../../components/server-errors';
import { useCaptcha } from '../../components/use-captcha';
import { useSession } from './session-context';
import styles from './LoginForm.module.css';

interface LoginValues {
  identifier: string;
  password: string;
  captchaAnswer?: string;
}

interface LoginFormProps {
  /** Distinguishes the field ids of the login screen's form and the re-login modal's. */
  name: string;
  initialIdentifier?: string | undefined;
  autoFocus?: boolean;
}

/**
 * 用户名/手机号码/身份证号 + 密码, and the image captcha once the server asks for it (after repeated
 * wrong passwords). Used by the login screen and the re-login modal. A failed login keeps everything
 * typed; only a captcha answer is cleared, because the server spends the captcha on every attempt.
 */
export function LoginForm({ name, initialIdentifier, autoFocus }: LoginFormProps) {
  const login = useSession((s) => s.login);
  const pending = useSession((s) => s.pending);
  const error = useSession((s) => s.error);
  const clearError = useSession((s) => s.clearError);
  const captchaRequired = useSession((s) => s.captchaRequired);
  const [form] = Form.useForm<LoginValues>();
  const captcha = useCaptcha(form, { enabled: captchaRequired });

  const submit = async (values: LoginValues) => {
    const withCaptcha = captchaRequired && captcha.captchaId !== null;
    const failure = await login({
      identifier: values.identifier,
      password: values.password,
      ...(withCaptcha
        ? { captchaId: captcha.captchaId ?? '', captchaAnswer: values.captchaAnswer ?? '' }
        : {}),
    });
    if (!failure) return;
    if (withCaptcha) captcha.refresh();
    if (isCaptchaError(failure)) {
      showFieldErrors(form, failure, ['captchaAnswer']);
      clearError();
    }
  };

  return (
    <Form<LoginValues>
      form={form}
      name={name}
      size="large"
      autoComplete="off"
      initialValues={{ identifier: initialIdentifier ?? '' }}
      onValuesChange={() => error && clearError()}
      onFinish={(values) => void submit(values)}
    >
      <Form.Item
        name="identifier"
        rules={[{ required: true, whitespace: true, message: '请输入用户名/手机号码/身份证号' }]}
      >
        <Input
          prefix={<UserOutlined />}
          placeholder="用户名/手机号码/身份证号"
          aria-label="用户名/手机号码/身份证号"
          autoFocus={autoFocus && !initialIdentifier}
        />
      </Form.Item>
      <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password
          prefix={<LockOutlined />}
          placeholder="请输入密码"
          aria-label="密码"
          autoFocus={autoFocus && !!initialIdentifier}
        />
      </Form.Item>
      {captchaRequired && (
        <Form.Item name="captchaAnswer" rules={[checkRule(checkCaptchaAnswer)]}>
          <CaptchaInput captcha={captcha} prefix={<SafetyOutlined />} aria-label="图片验证码" />
        </Form.Item>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.message}
          description={
            error.code === 'RATE_LIMITED' && error.retryAfterSeconds
              ? `请${formatWait(error.retryAfterSeconds)}后再试`
              : undefined
          }
          className={styles.error}
        />
      )}
      <Button type="primary" htmlType="submit" block loading={pending}>
        登录
      </Button>
    </Form>
  );
}

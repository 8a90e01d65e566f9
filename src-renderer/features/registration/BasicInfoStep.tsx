import { Alert, Button, Checkbox, Form, Input, Select, type FormInstance } from 'antd';
import { useState } from 'react';
import type { RegisterBasicResponse } from '../../../src-shared/contracts';
import { ID_TYPES, registerBasicRequestSchema } from '../../../src-shared/contracts';
import {
  checkAccount,
  checkIdNumber,
  checkMobile,
  checkPassword,
  checkPersonName,
} from '../../../src-shared/domain/validation';
import { useAppApi } from '../../api/app-api-context';
import { CaptchaAndSmsFields } from '../../components/CaptchaAndSmsFields';
import { checkRule, confirmationRule, schemaRule } from '../../components/field-rules';
import { showFieldErrors } from '../../components/server-errors';
import type { CaptchaController } from '../../components/use-captcha';
import { useSmsCode } from '../../components/use-sms-code';
import { AgreementModal } from './AgreementModal';
import { AGREEMENT_TITLE } from './agreement-text';

export interface BasicInfoValues {
  account: string;
  password: string;
  confirmPassword: string;
  name: string;
  idType: (typeof ID_TYPES)[number];
  idNumber: string;
  mobile: string;
  captchaAnswer: string;
  smsCode: string;
  agreed: boolean;
}

const FIELD_NAMES = [
  'account',
  'password',
  'confirmPassword',
  'name',
  'idType',
  'idNumber',
  'mobile',
  'captchaAnswer',
  'smsCode',
  'agreed',
] as const satisfies readonly (keyof BasicInfoValues)[];

const PASSWORD_PLACEHOLDER = '请输入8-20位大写字母,小写字母,数字和特殊字符其中任意三种组合';

interface BasicInfoStepProps {
  form: FormInstance<BasicInfoValues>;
  captcha: CaptchaController;
  onRegistered(response: RegisterBasicResponse): void;
}

/**
 * 用户注册 step 1, 基本信息 (manual 2.2): every field checked as it is typed with the rules the server
 * uses; the SMS code needs the mobile and the image captcha; 注册 sends it all for a ticket.
 */
export function BasicInfoStep({ form, captcha, onRegistered }: BasicInfoStepProps) {
  const api = useAppApi();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [agreementOpen, setAgreementOpen] = useState(false);
  const sms = useSmsCode({
    form,
    captcha,
    validate: ['mobile'],
    fieldNames: FIELD_NAMES,
    send: (captchaId) =>
      api.sendSmsCode({
        purpose: 'register',
        mobile: form.getFieldValue('mobile') as string,
        captchaId,
        captchaAnswer: form.getFieldValue('captchaAnswer') as string,
      }),
  });

  const submit = async (values: BasicInfoValues) => {
    setPending(true);
    setFailure(null);
    const result = await api.registerBasic({
      account: values.account,
      password: values.password,
      confirmPassword: values.confirmPassword,
      name: values.name,
      idType: values.idType,
      idNumber: values.idNumber,
      mobile: values.mobile,
      smsCode: values.smsCode,
      agreed: true,
    });
    setPending(false);
    if (result.ok) {
      onRegistered(result.value);
      return;
    }
    if (!showFieldErrors(form, result.error, FIELD_NAMES)) setFailure(result.error.message);
  };

  return (
    <Form<BasicInfoValues>
      form={form}
      name="register"
      labelCol={{ span: 6 }}
      wrapperCol={{ span: 18 }}
      autoComplete="off"
      validateTrigger={['onChange', 'onBlur']}
      initialValues={{ idType: ID_TYPES[0], agreed: false }}
      onValuesChange={() => failure && setFailure(null)}
      onFinish={(values) => void submit(values)}
      scrollToFirstError
    >
      <Form.Item label="用户账号" name="account" required rules={[checkRule(checkAccount)]}>
        <Input placeholder="请输入以字母开头的4-30位字母、数字或下划线的组合" maxLength={30} />
      </Form.Item>
      <Form.Item label="登录密码" name="password" required rules={[checkRule(checkPassword)]}>
        <Input.Password placeholder={PASSWORD_PLACEHOLDER} maxLength={20} autoComplete="new-password" />
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
      <Form.Item label="用户姓名" name="name" required rules={[checkRule(checkPersonName)]}>
        <Input placeholder="请输入您的真实姓名" maxLength={30} />
      </Form.Item>
      <Form.Item label="证件类型" name="idType" required>
        <Select options={ID_TYPES.map((type) => ({ value: type, label: type }))} />
      </Form.Item>
      <Form.Item
        label="身份证号码"
        name="idNumber"
        required
        rules={[checkRule((value) => checkIdNumber(value))]}
        extra="请使用本人身份证信息注册,一经绑定将不能修改"
      >
        <Input placeholder="请输入您的身份证号码" maxLength={18} />
      </Form.Item>
      <Form.Item label="手机号" name="mobile" required rules={[checkRule(checkMobile)]}>
        <Input placeholder="请输入您的手机号码" maxLength={20} inputMode="tel" />
      </Form.Item>
      <CaptchaAndSmsFields captcha={captcha} sms={sms} />
      <Form.Item
        name="agreed"
        valuePropName="checked"
        wrapperCol={{ offset: 6, span: 18 }}
        rules={[schemaRule(registerBasicRequestSchema.shape.agreed)]}
      >
        <Checkbox>
          我已阅读并同意
          <a
            href="#agreement"
            onClick={(event) => {
              // The link sits inside the checkbox's label: open the text without toggling the box.
              event.preventDefault();
              event.stopPropagation();
              setAgreementOpen(true);
            }}
          >
            《{AGREEMENT_TITLE}》
          </a>
        </Checkbox>
      </Form.Item>
      {failure && (
        <Form.Item wrapperCol={{ offset: 6, span: 18 }}>
          <Alert type="error" showIcon title={failure} />
        </Form.Item>
      )}
      <Form.Item wrapperCol={{ offset: 6, span: 18 }}>
        <Button type="primary" htmlType="submit" block size="large" loading={pending}>
          注册
        </Button>
      </Form.Item>
      <AgreementModal
        open={agreementOpen}
        onClose={() => setAgreementOpen(false)}
        onAgree={() => {
          setAgreementOpen(false);
          form.setFields([{ name: 'agreed', value: true, errors: [] }]);
        }}
      />
    </Form>
  );
}

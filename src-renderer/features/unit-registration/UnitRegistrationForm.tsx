import { Alert, Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import type { UnitRegistration } from '../../../src-shared/contracts';
import { unitRegistrationFormSchema } from '../../../src-shared/contracts';
import { CHONGQING_DISTRICTS, districtById, districtMatches } from '../../../src-shared/domain/districts';
import { INDUSTRIES, UNIT_NATURES } from '../../../src-shared/domain/units';
import {
  checkCreditCode,
  checkPersonName,
  checkPhoneOrLandline,
} from '../../../src-shared/domain/validation';
import { checkRule, schemaRule } from '../../components/field-rules';
import { showFieldErrors } from '../../components/server-errors';
import { useSession } from '../auth/session-context';
import {
  toRequest,
  UNIT_FORM_ALIASES,
  UNIT_FORM_FIELDS,
  valuesFromRegistration,
  type UnitFormValues,
} from './form-values';
import { LicenceUpload } from './LicenceUpload';
import { SuperiorSelect } from './SuperiorSelect';
import styles from './UnitRegistration.module.css';

const shape = unitRegistrationFormSchema.shape;

const KIND_OPTIONS = [
  { value: 'unit', label: '单位' },
  { value: 'department', label: '主管部门' },
];
const NATURE_OPTIONS = UNIT_NATURES.map((n) => ({ value: n, label: n }));
const INDUSTRY_OPTIONS = INDUSTRIES.map((i) => ({ value: i, label: i }));
const DISTRICT_OPTIONS = CHONGQING_DISTRICTS.map((d) => ({ value: d.id, label: d.name }));
const DISTRICT_SEARCH = {
  filterOption: (typed: string, option?: { value: string }) => {
    const district = option && districtById(option.value);
    return district !== undefined && districtMatches(district, typed);
  },
};

const licenceRequired = {
  validator: async (_rule: unknown, value: unknown) => {
    if (!value) throw new Error('请上传营业执照/法人证书扫描件');
  },
};

interface UnitRegistrationFormProps {
  /** A rejected registration to correct and resubmit, or null for a new one. */
  editing: UnitRegistration | null;
  onSubmitted(registration: UnitRegistration): void;
  onCancel(): void;
}

/**
 * The unit form of manual 3.1. Fields are checked as they are typed with the server's rules; a
 * server error lands on its field and leaves every value as it was.
 */
export function UnitRegistrationForm({ editing, onSubmitted, onCancel }: UnitRegistrationFormProps) {
  const call = useSession((s) => s.call);
  const contactName = useSession((s) => s.user?.name ?? '');
  const [form] = Form.useForm<UnitFormValues>();
  const kind = Form.useWatch('kind', form) ?? editing?.kind ?? 'unit';
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: UnitFormValues) => {
    setPending(true);
    setFailure(null);
    const request = toRequest(values);
    const result = await call((api) =>
      editing
        ? api.resubmitUnitRegistration({ ...request, id: editing.id })
        : api.submitUnitRegistration(request),
    );
    setPending(false);
    if (result.ok) {
      onSubmitted(result.value);
      return;
    }
    // An expired session is answered by the re-login modal over this form, which keeps its values.
    if (result.error.code === 'UNAUTHENTICATED') return;
    if (!showFieldErrors(form, result.error, UNIT_FORM_FIELDS, UNIT_FORM_ALIASES)) {
      setFailure(result.error.message);
    }
  };

  const setLicenceProblem = (message: string | null) =>
    form.setFields([{ name: 'licence', errors: message ? [message] : [] }]);

  return (
    <Card title={editing ? '修改后重新提交' : '注册单位'}>
      {editing?.rejectReason && (
        <Alert
          type="error"
          showIcon
          className={styles.error}
          title={`审核不通过原因:${editing.rejectReason}`}
        />
      )}
      <Form<UnitFormValues>
        form={form}
        name="unitRegistration"
        labelCol={{ flex: '150px' }}
        wrapperCol={{ flex: 'auto' }}
        labelWrap
        initialValues={editing ? valuesFromRegistration(editing) : { kind: 'unit', licence: null }}
        validateTrigger={['onChange', 'onBlur']}
        onValuesChange={(changed: Partial<UnitFormValues>) => {
          // The superiors differ by 单位类别: a unit's choice is not a department's.
          if ('kind' in changed) form.setFieldValue('parentId', undefined);
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label="单位名称" name="name" required rules={[schemaRule(shape.name)]}>
          <Input placeholder="与营业执照/法人证书上的名称一致" maxLength={100} />
        </Form.Item>
        <Form.Item label="统一社会信用代码" name="creditCode" required rules={[checkRule(checkCreditCode)]}>
          <Input placeholder="18位统一社会信用代码" maxLength={22} />
        </Form.Item>
        <Form.Item label="单位类别" name="kind" required rules={[schemaRule(shape.kind)]}>
          <Radio.Group options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="单位性质" name="nature" required rules={[schemaRule(shape.nature)]}>
          <Select placeholder="请选择单位性质" options={NATURE_OPTIONS} />
        </Form.Item>
        <Form.Item label="所属行业" name="industry" required rules={[schemaRule(shape.industry)]}>
          <Select placeholder="请选择所属行业" showSearch options={INDUSTRY_OPTIONS} />
        </Form.Item>
        <Form.Item label="所在区县" name="districtCode" required rules={[schemaRule(shape.districtCode)]}>
          <Select placeholder="请选择所在区县" showSearch={DISTRICT_SEARCH} options={DISTRICT_OPTIONS} />
        </Form.Item>
        <Form.Item label="上级主管部门" name="parentId" required rules={[schemaRule(shape.parentId)]}>
          <SuperiorSelect
            kind={kind === 'department' ? 'department' : 'unit'}
            initial={editing ? { id: editing.parentId, name: editing.parentName } : null}
          />
        </Form.Item>
        <Form.Item label="单位地址" name="address" required rules={[schemaRule(shape.address)]}>
          <Input placeholder="如:重庆市渝中区某某路1号" maxLength={200} />
        </Form.Item>
        <Form.Item label="单位负责人" name="leaderName" required rules={[checkRule(checkPersonName)]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label="联系人" extra="联系人为提交注册的本人">
          <Input value={contactName} disabled aria-label="联系人" />
        </Form.Item>
        <Form.Item label="联系电话" name="contactPhone" required rules={[checkRule(checkPhoneOrLandline)]}>
          <Input placeholder="手机号码或023-xxxxxxxx" maxLength={20} />
        </Form.Item>
        <Form.Item label="营业执照/法人证书" name="licence" required rules={[licenceRequired]}>
          <LicenceUpload onProblem={setLicenceProblem} />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} className={styles.error} />}
        <Form.Item label=" " colon={false}>
          <Space>
            <Button type="primary" htmlType="submit" loading={pending}>
              {editing ? '重新提交' : '提交注册'}
            </Button>
            <Button onClick={onCancel}>返回</Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

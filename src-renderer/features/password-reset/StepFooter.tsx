import { Alert, Button, Form } from 'antd';
import type { ReactNode } from 'react';
import { SUBMIT_LAYOUT } from './form-layout';

/**
 * The foot of a 重置密码 form: the step's failure (if any) above its submit button, aligned with the
 * fields. `children` replaces the single 下一步 button where a step needs more than one.
 */
export function StepFooter({
  failure,
  pending,
  children,
}: {
  failure: string | null;
  pending: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      {failure && (
        <Form.Item {...SUBMIT_LAYOUT}>
          <Alert type="error" showIcon role="alert" title={failure} />
        </Form.Item>
      )}
      <Form.Item {...SUBMIT_LAYOUT}>
        {children ?? (
          <Button type="primary" htmlType="submit" block size="large" loading={pending}>
            下一步
          </Button>
        )}
      </Form.Item>
    </>
  );
}

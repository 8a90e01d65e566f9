import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import type { LoginCredentials } from '../../../src-shared/contracts';
import { useSession } from './session-context';
import styles from './LoginScreen.module.css';

/** 登录 (manual 2.1): one identifier field for 用户名/手机号码/身份证号, and the password. */
export function LoginScreen() {
  const login = useSession((s) => s.login);
  const pending = useSession((s) => s.pending);
  const error = useSession((s) => s.error);
  const clearError = useSession((s) => s.clearError);
  const [form] = Form.useForm<LoginCredentials>();

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <Typography.Title level={3} className={styles.brand}>
          重庆市政务服务网统一认证中心
        </Typography.Title>
      </header>
      <main className={styles.main}>
        <section className={styles.slogan} aria-hidden>
          <div className={styles.sloganZh}>单点登录,全网通办</div>
          <div className={styles.sloganEn}>SINGLE SIGN ON, FULL ONLINE PROCESSING</div>
        </section>
        <Card className={styles.card}>
          <Tabs
            centered
            defaultActiveKey="person"
            items={[
              { key: 'person', label: '个人用户' },
              {
                key: 'legal',
                label: '法人用户',
                disabled: true,
              },
            ]}
          />
          <Typography.Paragraph type="secondary" className={styles.hint}>
            职称系统统一采用个人用户登录
          </Typography.Paragraph>
          <Form<LoginCredentials>
            form={form}
            name="login"
            size="large"
            autoComplete="off"
            onValuesChange={() => error && clearError()}
            onFinish={(values) => void login(values)}
          >
            <Form.Item
              name="identifier"
              rules={[{ required: true, whitespace: true, message: '请输入用户名/手机号码/身份证号' }]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder="用户名/手机号码/身份证号"
                aria-label="用户名/手机号码/身份证号"
                autoFocus
              />
            </Form.Item>
            <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" aria-label="密码" />
            </Form.Item>
            {error && (
              <Alert type="error" showIcon role="alert" title={error.message} className={styles.error} />
            )}
            <Button type="primary" htmlType="submit" block loading={pending}>
              登录
            </Button>
          </Form>
          <div className={styles.links}>
            <Typography.Text type="secondary" title="重置密码将在下一版本提供">
              忘记密码?
            </Typography.Text>
            <Typography.Text type="secondary" title="用户注册将在下一版本提供">
              用户注册
            </Typography.Text>
          </div>
        </Card>
      </main>
    </div>
  );
}

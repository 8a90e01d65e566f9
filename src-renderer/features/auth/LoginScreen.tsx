import { SettingOutlined } from '@ant-design/icons';
import { Button, Card, Tabs, Typography } from 'antd';
import { LoginForm } from './LoginForm';
import styles from './LoginScreen.module.css';

interface LoginScreenProps {
  /** Prefills 用户名 (e.g. the account just registered or reset). */
  initialIdentifier?: string | undefined;
  onForgotPassword(): void;
  onRegister(): void;
  /** 设置 before signing in: a PC pointed at the wrong server must be able to change it. */
  onSettings(): void;
}

/** 登录 (manual 2.1): one identifier field for 用户名/手机号码/身份证号, the password, 忘记密码? and 用户注册. */
export function LoginScreen({
  initialIdentifier,
  onForgotPassword,
  onRegister,
  onSettings,
}: LoginScreenProps) {
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
              { key: 'legal', label: '法人用户', disabled: true },
            ]}
          />
          <Typography.Paragraph type="secondary" className={styles.hint}>
            职称系统统一采用个人用户登录
          </Typography.Paragraph>
          <LoginForm name="login" initialIdentifier={initialIdentifier} autoFocus />
          <div className={styles.links}>
            <Button type="link" size="small" className={styles.link} onClick={onForgotPassword}>
              忘记密码?
            </Button>
            <Button type="link" size="small" className={styles.link} onClick={onRegister}>
              用户注册
            </Button>
          </div>
        </Card>
      </main>
      <footer className={styles.footer}>
        <Button type="link" size="small" icon={<SettingOutlined />} onClick={onSettings}>
          设置
        </Button>
      </footer>
    </div>
  );
}

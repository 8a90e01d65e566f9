import { Button, Card, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import styles from './StepsLayout.module.css';

interface StepsLayoutProps {
  /** The card's title, e.g. 新用户注册. */
  title: string;
  subtitle?: ReactNode;
  steps: readonly string[];
  current: number;
  /** Marks the current step as failed (e.g. 实名认证 did not pass). */
  failed?: boolean;
  onBackToLogin(): void;
  children: ReactNode;
}

/** The signed-out multi-step screens (用户注册, 重置密码): brand header, 返回登录, the steps, one step's content. */
export function StepsLayout({
  title,
  subtitle,
  steps,
  current,
  failed,
  onBackToLogin,
  children,
}: StepsLayoutProps) {
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <Typography.Title level={3} className={styles.brand}>
          重庆市政务服务网统一认证中心
        </Typography.Title>
        <Button type="link" onClick={onBackToLogin}>
          返回登录
        </Button>
      </header>
      <main className={styles.main}>
        <Card className={styles.card}>
          <Typography.Title level={4} className={styles.title}>
            {title}
          </Typography.Title>
          {subtitle && (
            <Typography.Paragraph type="secondary" className={styles.subtitle}>
              {subtitle}
            </Typography.Paragraph>
          )}
          <Steps
            className={styles.steps}
            current={current}
            status={failed ? 'error' : 'process'}
            titlePlacement="vertical"
            items={steps.map((step) => ({ title: step }))}
          />
          <div className={styles.content}>{children}</div>
        </Card>
      </main>
    </div>
  );
}

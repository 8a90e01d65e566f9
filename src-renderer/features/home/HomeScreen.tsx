import { Button, Layout, Space, Tabs, Tag, Typography } from 'antd';
import { ROLE_LABELS } from '../../../src-shared/domain/roles';
import { useSession } from '../auth/session-context';
import { ManualResetRequestsPanel } from '../manual-reset-admin/ManualResetRequestsPanel';
import { ProfileCard } from './ProfileCard';
import styles from './HomeScreen.module.css';

/** After login: who is signed in, in which role and unit, 退出登录; for 职改办 also 人工找回申请. */
export function HomeScreen() {
  const user = useSession((s) => s.user);
  const connection = useSession((s) => s.connection);
  const logout = useSession((s) => s.logout);
  const pending = useSession((s) => s.pending);
  if (!user) return null;

  const memberships = user.memberships;
  const roleText = memberships.length
    ? [...new Set(memberships.map((m) => ROLE_LABELS[m.role]))].join('、')
    : ROLE_LABELS.individual;
  const isTitleOffice = memberships.some((m) => m.role === 'titleOffice');
  const profile = <ProfileCard user={user} roleText={roleText} />;

  return (
    <Layout className={styles.layout}>
      <Layout.Header className={styles.header}>
        <Space size="middle">
          <Typography.Text strong className={styles.title}>
            重庆市专业技术人员服务平台 · 职称系统
          </Typography.Text>
          {connection?.demo && <Tag color="orange">演示数据</Tag>}
        </Space>
        <Space size="middle" data-testid="current-user">
          <span>{user.name}</span>
          <Tag color="blue">{roleText}</Tag>
          <Button onClick={() => void logout()} loading={pending}>
            退出登录
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className={isTitleOffice ? styles.wideContent : styles.content}>
        {isTitleOffice ? (
          <Tabs
            items={[
              { key: 'profile', label: '个人信息', children: profile },
              { key: 'manualReset', label: '人工找回申请', children: <ManualResetRequestsPanel /> },
            ]}
          />
        ) : (
          profile
        )}
      </Layout.Content>
    </Layout>
  );
}

import { Button, Card, Descriptions, Layout, Space, Tag, Typography } from 'antd';
import { ROLE_LABELS, UNIT_KIND_LABELS } from '../../../src-shared/domain/roles';
import { useSession } from '../auth/session-context';
import styles from './HomeScreen.module.css';

/** After login: who is signed in, in which role and unit, and 退出登录. */
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
      <Layout.Content className={styles.content}>
        <Card title={`您好,${user.name}`}>
          <Descriptions column={1} bordered size="middle">
            <Descriptions.Item label="用户账号">{user.account}</Descriptions.Item>
            <Descriptions.Item label="用户姓名">{user.name}</Descriptions.Item>
            <Descriptions.Item label="手机号">{user.maskedMobile}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{user.maskedIdNumber}</Descriptions.Item>
            <Descriptions.Item label="角色">{roleText}</Descriptions.Item>
            <Descriptions.Item label="所在单位">
              {memberships.length ? (
                <Space orientation="vertical" size={2}>
                  {memberships.map((m) => (
                    <span key={m.unitId}>
                      {m.unitName}({UNIT_KIND_LABELS[m.unitKind]} · {ROLE_LABELS[m.role]})
                    </span>
                  ))}
                </Space>
              ) : (
                '暂无单位(可在职称首页“注册管理员”)'
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Layout.Content>
    </Layout>
  );
}

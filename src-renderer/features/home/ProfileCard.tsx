import { Card, Descriptions, Space } from 'antd';
import type { SessionUser } from '../../../src-shared/contracts';
import { ROLE_LABELS, UNIT_KIND_LABELS } from '../../../src-shared/domain/roles';

/** Who is signed in: account, name, masked phone and ID number, roles and units. */
export function ProfileCard({ user, roleText }: { user: SessionUser; roleText: string }) {
  const memberships = user.memberships;
  return (
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
  );
}

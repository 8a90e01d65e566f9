import { Layout, Menu, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { rememberedPlace, rememberPlace } from '../../components/remembered-place';
import { ROLE_LABELS } from '../../../src-shared/domain/roles';
import { useSession } from '../auth/session-context';
import { CalendarProvider } from '../calendar/calendar-context';
import { CommentPhrasesProvider } from '../comment-phrases/comment-phrases-context';
import { HolidaysPage } from '../holidays/HolidaysPage';
import { ManualResetRequestsPanel } from '../manual-reset-admin/ManualResetRequestsPanel';
import { currentUnit, unitCentreUnits } from '../unit-center/administered-units';
import { UnitCenterPage } from '../unit-center/UnitCenterPage';
import { UnitPicker } from '../unit-center/UnitPicker';
import { UnitRegistrationPage } from '../unit-registration/UnitRegistrationPage';
import { SettingsPage } from '../settings/SettingsPage';
import { SubordinateRegistrationsPanel } from '../unit-review/SubordinateRegistrationsPanel';
import { availablePages, GENERAL_PAGES, HOME_PAGE_LABELS, isHomePage, type HomePage } from './home-pages';
import { LogoutButtons } from './LogoutButtons';
import { ProfileCard } from './ProfileCard';
import styles from './HomeScreen.module.css';

/**
 * The 职称 home after login: the header (who is signed in, in which role, 退出登录 and 退出并清除本地数据)
 * and the pages the person may open, chosen in the side menu. The client's holiday table is held here,
 * for every page that counts working days, and the reviewer's 常用意见, for every comment box.
 */
export function HomeScreen() {
  const user = useSession((s) => s.user);
  const connection = useSession((s) => s.connection);
  const chosenUnitId = useSession((s) => s.currentUnitId);
  // A reload lands where the person was (see remembered-place), not on 个人信息.
  const [remembered] = useState(() => (user ? rememberedPlace(user.id) : null));
  const [page, setPage] = useState<HomePage>(() =>
    remembered?.page && isHomePage(remembered.page) ? remembered.page : 'profile',
  );
  const pages = user ? availablePages(user) : [];
  // A page may go away under the person (a membership ended); show the profile then.
  const shown = pages.includes(page) ? page : 'profile';
  const centreUnits = user ? unitCentreUnits(user) : [];
  const unit = currentUnit(centreUnits, chosenUnitId ?? remembered?.unitId ?? null);
  const userId = user?.id;
  const unitId = unit?.unitId ?? null;
  useEffect(() => {
    if (userId !== undefined) rememberPlace(userId, { page: shown, unitId });
  }, [userId, shown, unitId]);
  if (!user) return null;

  const memberships = user.memberships;
  const roleText = memberships.length
    ? [...new Set(memberships.map((m) => ROLE_LABELS[m.role]))].join('、')
    : ROLE_LABELS.individual;
  const titlePages = pages.filter((p) => !GENERAL_PAGES.includes(p));

  return (
    <CalendarProvider>
      <CommentPhrasesProvider>
        <Layout className={styles.layout}>
          <Layout.Header className={styles.header}>
            <Space size="middle">
              <Typography.Text strong className={styles.title}>
                重庆市专业技术人员服务平台 · 职称系统
              </Typography.Text>
              {connection?.demo && <Tag color="orange">演示数据</Tag>}
            </Space>
            <Space size="middle">
              {unit && centreUnits.length > 1 && <UnitPicker units={centreUnits} value={unit.unitId} />}
              <Space size="middle" data-testid="current-user">
                <span>{user.name}</span>
                <Tag color="blue">{roleText}</Tag>
                <LogoutButtons />
              </Space>
            </Space>
          </Layout.Header>
          <Layout>
            <Layout.Sider width={200} theme="light" className={styles.sider}>
              <Menu
                mode="inline"
                selectedKeys={[shown]}
                onClick={({ key }) => setPage(key as HomePage)}
                items={[
                  { key: 'profile', label: HOME_PAGE_LABELS.profile },
                  {
                    type: 'group',
                    label: '职称',
                    children: titlePages.map((p) => ({ key: p, label: HOME_PAGE_LABELS[p] })),
                  },
                  { type: 'divider' },
                  { key: 'settings', label: HOME_PAGE_LABELS.settings },
                ]}
              />
            </Layout.Sider>
            <Layout.Content className={styles.content}>
              {shown === 'profile' && <ProfileCard user={user} roleText={roleText} />}
              {shown === 'registerAdmin' && <UnitRegistrationPage />}
              {shown === 'unitCenter' && unit && <UnitCenterPage unit={unit} />}
              {shown === 'subordinateReview' && <SubordinateRegistrationsPanel />}
              {shown === 'manualReset' && <ManualResetRequestsPanel />}
              {shown === 'holidays' && <HolidaysPage />}
              {shown === 'settings' && <SettingsPage />}
            </Layout.Content>
          </Layout>
        </Layout>
      </CommentPhrasesProvider>
    </CalendarProvider>
  );
}

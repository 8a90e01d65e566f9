import { Alert, Spin } from 'antd';
// antd's prebuilt styles (see zeroRuntime in AppConfigProvider), before our own so that ours win where they tie.
import 'antd/dist/antd.css';
import { useEffect } from 'react';
import type { AppApi } from '../../src-shared/contracts';
import { AppApiProvider, useAppEvents } from '../api/app-api-context';
import { SessionExpiredModal } from '../features/auth/SessionExpiredModal';
import { SessionProvider, useSession } from '../features/auth/session-context';
import { installWindowErrorReporting } from '../features/diagnostics/report-errors';
import { ScreenErrorBoundary } from '../features/diagnostics/ScreenErrorBoundary';
import { AppConfigProvider } from './AppConfigProvider';
import { Home, preloadLazyScreens } from './lazy-screens';
import { SignedOutScreens } from './SignedOutScreens';
import styles from './App.module.css';

export function App({ api }: { api: AppApi }) {
  // What fails outside React's rendering (an event handler, a promise nobody awaited) reaches the log too.
  useEffect(() => installWindowErrorReporting(api), [api]);
  return (
    <AppConfigProvider>
      <AppApiProvider api={api}>
        {/* A screen that throws shows 页面出现错误 with 重新加载 and 导出诊断信息, not a blank window. */}
        <ScreenErrorBoundary api={api}>
          <SessionProvider>
            <Screens />
          </SessionProvider>
        </ScreenErrorBoundary>
      </AppApiProvider>
    </AppConfigProvider>
  );
}

function Screens() {
  const status = useSession((s) => s.status);
  const init = useSession((s) => s.init);
  const connection = useSession((s) => s.connection);
  const userId = useSession((s) => s.user?.id);
  useEffect(() => {
    void init();
  }, [init]);
  // Once the first screen is up, the others' code loads in the background, so that logging in or
  // opening 用户注册 does not wait for it.
  useEffect(() => {
    if (status === 'loading') return;
    const timer = setTimeout(() => void preloadLazyScreens().catch(() => {}), 300);
    return () => clearTimeout(timer);
  }, [status]);

  if (status === 'loading') {
    return (
      <div className={styles.loading}>
        <Spin size="large" description="正在连接…">
          <div className={styles.spinBox} />
        </Spin>
      </div>
    );
  }
  return (
    <>
      {connection && !connection.reachable && (
        <Alert
          banner
          type="warning"
          title={`无法连接到服务器(${connection.serverUrl}),请检查网络连接或服务器设置`}
        />
      )}
      {status === 'signedIn' ? (
        <>
          <ConnectionWatch />
          {/* Keyed by user: someone else logging in through the re-login modal gets fresh screens. */}
          <Home.Screen key={userId} />
          <SessionExpiredModal />
        </>
      ) : (
        <SignedOutScreens />
      )}
    </>
  );
}

/**
 * Keeps the 无法连接到服务器 bar in step with the core, which hears of every request that reaches the
 * server or fails to. Signed in only: the login screen opens no event stream (see web-event-source).
 */
function ConnectionWatch() {
  const events = useAppEvents();
  const serverReachable = useSession((s) => s.serverReachable);
  useEffect(
    () =>
      events.subscribe((event) => {
        if (event.name === 'connection') serverReachable(event.payload.reachable);
      }),
    [events, serverReachable],
  );
  return null;
}

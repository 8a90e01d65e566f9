import { Button, Result, Spin } from 'antd';
import { useEffect, useState, type ComponentType } from 'react';
import styles from './App.module.css';

export interface LazyScreen<P extends object> {
  /** Renders the screen, or 正在加载… until its code has arrived. */
  Screen: ComponentType<P>;
  /** Starts loading the code now (idempotent); resolves when the screen renders without waiting. */
  preload(): Promise<void>;
}

/**
 * A screen whose code is a separate chunk, loaded when it is first shown, so that the login screen does
 * not wait for the code of screens behind it. Unlike React.lazy, a screen whose code has already
 * arrived renders at once, without a round through the loading fallback.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  const preload = () => {
    loading ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        // The next attempt (a retry) starts over instead of answering the same failure.
        loading = null;
        throw error;
      },
    );
    return loading;
  };

  function Screen(props: P) {
    const [state, setState] = useState<'loading' | 'loaded' | 'failed'>(loaded ? 'loaded' : 'loading');
    useEffect(() => {
      if (state !== 'loading') return;
      let current = true;
      preload().then(
        () => current && setState('loaded'),
        () => current && setState('failed'),
      );
      return () => {
        current = false;
      };
    }, [state]);

    const Component = loaded;
    if (Component) return <Component {...props} />;
    if (state === 'failed') {
      // The usual cause is a new build replacing the chunks of the page that is open: a reload gets the
      // current page; an interrupted download gets another try.
      return (
        <Result
          status="warning"
          title="页面加载失败"
          subTitle="请检查网络连接后重新加载。"
          extra={
            <Button type="primary" onClick={() => window.location.reload()}>
              重新加载
            </Button>
          }
        />
      );
    }
    return (
      <div className={styles.loading}>
        <Spin size="large" description="正在加载…">
          <div className={styles.spinBox} />
        </Spin>
      </div>
    );
  }
  return { Screen, preload };
}

// @vitest-environment jsdom
import '../setup/dom';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyScreen } from '../../src-renderer/app/lazy-screen';

afterEach(cleanup);

/** A chunk download the test finishes (or fails) when it wants to. */
function pendingChunk() {
  let arrive!: () => void;
  let fail!: (error: Error) => void;
  let loads = 0;
  const load = () => {
    loads += 1;
    return new Promise<(props: { who: string }) => React.ReactNode>((resolve, reject) => {
      arrive = () => resolve(({ who }) => <p>你好,{who}</p>);
      fail = reject;
    });
  };
  return { load, arrive: () => arrive(), fail: (error: Error) => fail(error), loads: () => loads };
}

describe('a screen loaded on demand', () => {
  it('says 正在加载… until its code arrives, then shows the screen, and at once the next time', async () => {
    const chunk = pendingChunk();
    const { Screen } = lazyScreen(chunk.load);
    const first = render(<Screen who="张三" />);
    expect(screen.getByText('正在加载…')).toBeInTheDocument();
    chunk.arrive();
    expect(await screen.findByText('你好,张三')).toBeInTheDocument();
    first.unmount();

    render(<Screen who="李四" />);
    expect(screen.getByText('你好,李四')).toBeInTheDocument();
    expect(screen.queryByText('正在加载…')).not.toBeInTheDocument();
    expect(chunk.loads()).toBe(1);
  });

  it('offers 重新加载 when its code cannot be loaded, and a preload after that tries again', async () => {
    const chunk = pendingChunk();
    const { Screen, preload } = lazyScreen(chunk.load);
    render(<Screen who="张三" />);
    chunk.fail(new Error('Failed to fetch dynamically imported module'));
    expect(await screen.findByRole('button', { name: '重新加载' })).toBeInTheDocument();
    expect(screen.getByText('页面加载失败')).toBeInTheDocument();

    const retried = preload();
    chunk.arrive();
    await retried;
    expect(chunk.loads()).toBe(2);
  });

  it('renders at once after a preload', async () => {
    const chunk = pendingChunk();
    const { Screen, preload } = lazyScreen(chunk.load);
    const preloaded = preload();
    chunk.arrive();
    await preloaded;
    render(<Screen who="王五" />);
    expect(screen.getByText('你好,王五')).toBeInTheDocument();
  });
});

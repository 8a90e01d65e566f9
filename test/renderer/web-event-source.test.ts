import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent, SyncStatus } from '../../src-shared/contracts';
import { createEventStreamParser } from '../../src-renderer/api/event-stream-parser';
import { createWebEventSource } from '../../src-renderer/api/web-event-source';

/** The web client's event stream: SSE framing over fetch, and reconnecting after the host went away. */

const status = (received: number): SyncStatus => ({
  phase: 'syncing',
  progress: { received, total: 100 },
  error: null,
  lastSyncedAt: null,
  cachedCount: received,
});
const frame = (payload: SyncStatus) => `data: ${JSON.stringify({ name: 'syncStatus', payload })}\n\n`;
const encoder = new TextEncoder();

/** A response whose body yields the given chunks one read at a time, then ends, fails or stays open. */
function streamResponse(
  chunks: (string | Uint8Array)[],
  end: 'close' | 'error' | 'open' = 'close',
): Response {
  const queue = [...chunks];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next !== undefined) controller.enqueue(typeof next === 'string' ? encoder.encode(next) : next);
      else if (end === 'close') controller.close();
      else if (end === 'error') controller.error(new Error('connection reset'));
      // 'open': never answers the read, like a stream waiting for the next event.
      else return new Promise<void>(() => {});
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

/** The sync status an event carries, if it is one. */
function syncOf(event: AppEvent | undefined) {
  return event?.name === 'syncStatus' ? event.payload : undefined;
}

function received(events: AppEvent[]): number[] {
  return events.map((e) => syncOf(e)?.progress?.received ?? -1);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('event stream parser', () => {
  it('joins lines split across chunks', () => {
    const events: AppEvent[] = [];
    const parser = createEventStreamParser((e) => events.push(e));
    const text = frame({ ...status(1), error: '同步失败' });
    for (let i = 0; i < text.length; i += 7) parser.push(text.slice(i, i + 7));
    expect(events).toHaveLength(1);
    expect(syncOf(events[0])?.error).toBe('同步失败');
  });

  it('dispatches several events from one chunk, and ignores comments, other fields and bad events', () => {
    const events: AppEvent[] = [];
    const parser = createEventStreamParser((e) => events.push(e));
    parser.push(
      `: keep-alive\n\n${frame(status(1))}event: x\nid: 7\n${frame(status(2)).slice(0, -1)}\r\n` +
        'data: not json\n\n' +
        `data: ${JSON.stringify({ name: 'unknown', payload: {} })}\n\n` +
        `data: ${JSON.stringify({ name: 'syncStatus', payload: { phase: 'later' } })}\n\n` +
        frame(status(3)),
    );
    expect(received(events)).toEqual([1, 2, 3]);
  });

  it('reads \\r\\n line ends split between chunks as one line end', () => {
    const events: AppEvent[] = [];
    const parser = createEventStreamParser((e) => events.push(e));
    const json = JSON.stringify({ name: 'syncStatus', payload: status(4) });
    parser.push(`data: ${json.slice(0, 10)}`);
    parser.push(`${json.slice(10)}\r`);
    parser.push('\n\r');
    parser.push('\n');
    expect(received(events)).toEqual([4]);
  });
});

describe('createWebEventSource', () => {
  it('GETs the stream with the session cookie, no secret header, and splits chunks into events', async () => {
    const fetchImpl = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      streamResponse(
        [frame(status(1)) + frame(status(2)).slice(0, 15), frame(status(2)).slice(15) + frame(status(3))],
        'open',
      ),
    );
    const source = createWebEventSource(fetchImpl as typeof fetch);
    const events: AppEvent[] = [];
    const stop = source.subscribe((e) => events.push(e));

    await vi.waitFor(() => expect(received(events)).toEqual([1, 2, 3]));
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('./app-api/events');
    expect(init?.credentials).toBe('same-origin');
    expect([...new Headers(init?.headers).keys()]).toEqual(['accept']);
    stop();
    expect(init?.signal?.aborted).toBe(true);
  });

  it('decodes a character whose UTF-8 bytes arrive in two chunks', async () => {
    const bytes = encoder.encode(frame({ ...status(1), error: '同步失败' }));
    const cut = bytes.indexOf(0xe5) + 1; // inside 同 (e5 90 8c)
    const fetchImpl = vi.fn(async () => streamResponse([bytes.slice(0, cut), bytes.slice(cut)], 'open'));
    const events: AppEvent[] = [];
    const stop = createWebEventSource(fetchImpl as typeof fetch).subscribe((e) => events.push(e));
    await vi.waitFor(() => expect(syncOf(events[0])?.error).toBe('同步失败'));
    stop();
  });

  it('shares one connection between listeners', async () => {
    const fetchImpl = vi.fn(async () => streamResponse([frame(status(1))], 'open'));
    const source = createWebEventSource(fetchImpl as typeof fetch);
    const a: AppEvent[] = [];
    const b: AppEvent[] = [];
    const stopA = source.subscribe((e) => a.push(e));
    const stopB = source.subscribe((e) => b.push(e));
    await vi.waitFor(() => expect(b).toHaveLength(1));
    expect(a).toHaveLength(1);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    stopA();
    stopB();
  });

  it('reconnects about 2 s after the stream ends or fails, so events resume after a host restart', async () => {
    vi.useFakeTimers();
    const answers = [
      () => streamResponse([frame(status(1))], 'close'),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => streamResponse([frame(status(2))], 'error'),
      () => new Response('no', { status: 503 }),
      () => streamResponse([frame(status(3))], 'open'),
    ];
    const fetchImpl = vi.fn(async () => {
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next();
    });
    const source = createWebEventSource(fetchImpl as typeof fetch);
    const events: AppEvent[] = [];
    const stop = source.subscribe((e) => events.push(e));

    await vi.waitFor(() => expect(received(events)).toEqual([1]));
    await vi.advanceTimersByTimeAsync(1900);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    await vi.waitFor(() => expect(received(events)).toEqual([1, 2]));
    await vi.advanceTimersByTimeAsync(4000);
    await vi.waitFor(() => expect(received(events)).toEqual([1, 2, 3]));
    expect(fetchImpl).toHaveBeenCalledTimes(5);

    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchImpl).toHaveBeenCalledTimes(5);
  });

  it('stops retrying when the last listener leaves', async () => {
    vi.useFakeTimers();
    const fetchImpl = vi.fn(async () => streamResponse([], 'close'));
    const source = createWebEventSource(fetchImpl as typeof fetch);
    const stop = source.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(10);
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });
});

import { describe, expect, it } from 'vitest';
import {
  decodeJson,
  decodeJsonOffThread,
  WORKER_MIN_BYTES,
} from '../../src-main/core/server-client/json-decoder';

/**
 * The streamed pull's large lines are decoded on a worker thread: the value must be exactly what
 * decoding in place gives, and bytes that are not JSON must fail there as they fail here.
 */
describe('decoding a line of JSON off the thread', () => {
  const record = (i: number) => ({
    id: `app-${i}`,
    applicantName: '张伟',
    contentJson: JSON.stringify({ basicInfo: { name: '重庆市示例人民医院', note: 'a "quoted"\nline 🙂' } }),
    version: i,
    publicity: null,
  });
  const large = () => {
    const value = { kind: 'changes', applications: Array.from({ length: 2_000 }, (_, i) => record(i)) };
    const bytes = Buffer.from(JSON.stringify(value));
    expect(bytes.length).toBeGreaterThan(WORKER_MIN_BYTES);
    return { value, bytes };
  };

  it('gives the value decoding in place gives, for lines large and small', async () => {
    const { value, bytes } = large();
    expect(await decodeJsonOffThread(bytes)).toEqual(value);
    expect(await decodeJsonOffThread(bytes)).toEqual(decodeJson(bytes));
    const small = Buffer.from(JSON.stringify(record(1)));
    expect(await decodeJsonOffThread(small)).toEqual(record(1));
  });

  it('decodes several lines at once, each to its own value', async () => {
    const lines = [1, 2, 3].map((n) => Buffer.from(JSON.stringify({ n, pad: 'x'.repeat(WORKER_MIN_BYTES) })));
    const values = await Promise.all(lines.map((line) => decodeJsonOffThread(line)));
    expect(values.map((value) => (value as { n: number }).n)).toEqual([1, 2, 3]);
  });

  it('fails on bytes that are not JSON, as decoding in place does', async () => {
    const { bytes } = large();
    const cut = bytes.subarray(0, bytes.length - 10);
    expect(() => decodeJson(cut)).toThrow(SyntaxError);
    await expect(decodeJsonOffThread(cut)).rejects.toThrow(SyntaxError);
    await expect(decodeJsonOffThread(Buffer.from('{"a":'))).rejects.toThrow(SyntaxError);
  });

  it('leaves the bytes it was given as they were', async () => {
    const { bytes } = large();
    const before = Buffer.from(bytes);
    await decodeJsonOffThread(bytes);
    expect(bytes.equals(before)).toBe(true);
  });
});

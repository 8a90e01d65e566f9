import { expect, it } from 'vitest';
import { startServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import { devOutbox, expectError, getJson, postJson, testClock, testConfig } from './helpers';

describeEachDatabase('GET /api/dev/outbox', (fresh) => {
  it('does not exist outside demo mode', async () => {
    const server = await startServer(testConfig(await fresh(), { demo: false }));
    try {
      const error = await expectError(await getJson(`${server.url}/api/dev/outbox`), 404, 'NOT_FOUND');
      expect(error.message).toBe('请求的接口不存在');
      await expectError(await postJson(`${server.url}/api/dev/outbox`, {}), 404, 'NOT_FOUND');
      // The rest of the accounts API is there.
      expect((await getJson(`${server.url}/api/captcha`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('lists the newest captchas first, at most 50', async () => {
    const clock = testClock();
    const server = await startServer(testConfig(await fresh(), { now: clock.now }));
    try {
      const issued: string[] = [];
      for (let i = 0; i < 55; i += 1) {
        const res = await getJson(`${server.url}/api/captcha`);
        issued.push(((await res.json()) as { captchaId: string }).captchaId);
        clock.advanceSeconds(1);
      }
      const { captchas, sms } = await devOutbox(server.url);
      expect(sms).toEqual([]);
      expect(captchas.map((captcha) => captcha.captchaId)).toEqual(issued.slice(-50).reverse());
      for (const captcha of captchas) expect(captcha.answer).toMatch(/^[A-Za-z0-9]{4}$/);
    } finally {
      await server.close();
    }
  });
});

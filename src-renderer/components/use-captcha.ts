import type { FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Captcha } from '../../src-shared/contracts';
import { useAppApi } from '../api/app-api-context';

export interface CaptchaController {
  /** The id to send with the answer; null while a new image is on its way. */
  captchaId: string | null;
  /** The image as a data: URL. */
  src: string | null;
  /** Why no image could be fetched. */
  error: string | null;
  /**
   * Fetches a new image and clears the typed answer (it belonged to the old image), optionally
   * putting `message` on the field, e.g. "图片验证码错误".
   */
  refresh(message?: string): void;
}

interface Loaded {
  version: number;
  captcha: Captcha | null;
  error: string | null;
}

/**
 * An image captcha for the form field `field` (default `captchaAnswer`). The server spends a captcha
 * on every use and lets it expire, so forms call `refresh` after each request that carried it, and
 * the hook replaces an expired image on its own.
 */
export function useCaptcha(
  form: FormInstance,
  options: { enabled?: boolean; field?: string } = {},
): CaptchaController {
  const enabled = options.enabled ?? true;
  const field = options.field ?? 'captchaAnswer';
  const api = useAppApi();
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void api.getCaptcha().then((result) => {
      if (!live) return;
      setLoaded(
        result.ok
          ? { version, captcha: result.value, error: null }
          : { version, captcha: null, error: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [api, enabled, version]);

  const refresh = useCallback(
    (message?: string) => {
      form.setFields([{ name: field, value: '', errors: message ? [message] : [] }]);
      setVersion((v) => v + 1);
    },
    [form, field],
  );

  const current = enabled && loaded?.version === version ? loaded : null;
  const captcha = current?.captcha ?? null;
  const captchaId = captcha?.captchaId ?? null;
  const expiresInSeconds = captcha?.expiresInSeconds;
  useEffect(() => {
    if (captchaId === null || expiresInSeconds === undefined) return;
    // An expired image can only produce a wrong answer: replace it before the user types one.
    const timer = setTimeout(() => refresh(), Math.max(expiresInSeconds - 2, 1) * 1000);
    return () => clearTimeout(timer);
  }, [captchaId, expiresInSeconds, refresh]);

  return {
    captchaId,
    src: captcha ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}` : null,
    error: current?.error ?? null,
    refresh,
  };
}

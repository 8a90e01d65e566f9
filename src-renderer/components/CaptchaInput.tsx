import { Input, type InputProps } from 'antd';
import type { CaptchaController } from './use-captcha';
import styles from './InputRow.module.css';

export const CAPTCHA_IMAGE_LABEL = '图片验证码,点击刷新';

interface CaptchaInputProps extends InputProps {
  captcha: CaptchaController;
}

/**
 * The answer field with the captcha image beside it; clicking the image fetches a new one. The
 * image carries the current captcha id (`data-captcha-id`), which the e2e tests match with the
 * answers in the demo outbox. Used as the child of a Form.Item, which passes value and onChange.
 */
export function CaptchaInput({ captcha, ...input }: CaptchaInputProps) {
  return (
    <div className={styles.row}>
      <Input placeholder="请输入图片验证码" maxLength={4} autoComplete="off" {...input} />
      <button
        type="button"
        className={styles.captcha}
        onClick={() => captcha.refresh()}
        title="看不清?点击换一张"
      >
        {captcha.src ? (
          <img
            src={captcha.src}
            alt={CAPTCHA_IMAGE_LABEL}
            aria-label={CAPTCHA_IMAGE_LABEL}
            data-captcha-id={captcha.captchaId ?? undefined}
          />
        ) : (
          <span className={styles.captchaText}>{captcha.error ? '获取失败,点击重试' : '加载中…'}</span>
        )}
      </button>
    </div>
  );
}

import type { SmsNotice as Notice } from './use-sms-code';
import styles from './InputRow.module.css';

/** Under the 短信验证码 field: where the code went, or why none was sent. */
export function SmsNotice({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <span role="status" className={notice.type === 'error' ? styles.noticeError : styles.noticeSuccess}>
      {notice.text}
    </span>
  );
}

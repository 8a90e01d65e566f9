import { Input, type InputProps } from 'antd';
import { SmsCodeButton } from './SmsCodeButton';
import styles from './InputRow.module.css';

interface SmsCodeInputProps extends InputProps {
  onSend(): Promise<number | null>;
}

/** The 短信验证码 field with its send button, as one Form.Item child so the label points at the input. */
export function SmsCodeInput({ onSend, ...input }: SmsCodeInputProps) {
  return (
    <div className={styles.row}>
      <Input
        placeholder="请输入短信验证码"
        maxLength={6}
        inputMode="numeric"
        autoComplete="one-time-code"
        {...input}
      />
      <span className={styles.smsButton}>
        <SmsCodeButton onSend={onSend} />
      </span>
    </div>
  );
}

import { Button } from 'antd';
import { useEffect, useState } from 'react';

interface SmsCodeButtonProps {
  /**
   * Sends a code; answers the seconds until another may be sent (the server's cooldownSeconds, or
   * retryAfterSeconds when it said "too frequent"), or null when nothing was sent and no wait applies.
   */
  onSend(): Promise<number | null>;
  disabled?: boolean;
}

/** "获取短信验证码", then "N秒后重新获取" until the server allows another code. */
export function SmsCodeButton({ onSend, disabled }: SmsCodeButtonProps) {
  const [sending, setSending] = useState(false);
  const [deadline, setDeadline] = useState(0);
  const [remaining, setRemaining] = useState(0);

  useEffect(() => {
    if (deadline === 0) return;
    // Counted from a deadline, not by decrements, so a throttled background window stays accurate.
    const timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setRemaining(left);
      if (left === 0) setDeadline(0);
    }, 250);
    return () => clearInterval(timer);
  }, [deadline]);

  const send = async () => {
    setSending(true);
    const wait = await onSend().finally(() => setSending(false));
    if (wait !== null && wait > 0) {
      setDeadline(Date.now() + wait * 1000);
      setRemaining(wait);
    }
  };

  const counting = remaining > 0;
  return (
    // Disabled rather than `loading` while sending: a spinner would widen the button for a moment.
    <Button onClick={() => void send()} disabled={disabled || sending || counting}>
      {counting ? `${remaining}秒后重新获取` : '获取短信验证码'}
    </Button>
  );
}

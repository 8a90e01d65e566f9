import { Button, Result } from 'antd';

/**
 * A step's ticket expired or was already used (TICKET_INVALID): the flow cannot go on from here,
 * so say so and offer to start again.
 */
export function TicketExpired({ message, onRestart }: { message: string; onRestart(): void }) {
  return (
    <Result
      status="warning"
      title={message}
      subTitle="为保护您的账号安全,每一步的凭证只能使用一次并会在一段时间后失效。"
      extra={
        <Button type="primary" onClick={onRestart}>
          重新开始
        </Button>
      }
    />
  );
}

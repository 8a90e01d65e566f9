import { Button, Space, Typography } from 'antd';
import type { ApplicationDetail } from '../../../src-shared/contracts';

export type DetailAttachment = ApplicationDetail['attachments'][number];

export const OFFLINE_ATTACHMENT_TEXT = '离线状态下无法查看此附件';

/**
 * A scan in the details: its name and 查看. A scan that is not in the cache can only come from the
 * server, so while offline the link would just fail; the reviewer is told instead.
 */
export function AttachmentField({
  attachment,
  offline,
  onView,
}: {
  attachment: DetailAttachment | undefined;
  offline: boolean;
  onView(attachment: DetailAttachment): void;
}) {
  if (!attachment) return <Typography.Text type="secondary">附件信息缺失</Typography.Text>;
  return (
    <Space size="small" wrap>
      <span>{attachment.fileName}</span>
      {offline && !attachment.cached ? (
        <Typography.Text type="secondary">{OFFLINE_ATTACHMENT_TEXT}</Typography.Text>
      ) : (
        <Button
          type="link"
          size="small"
          aria-label={`查看 ${attachment.fileName}`}
          onClick={() => onView(attachment)}
        >
          查看
        </Button>
      )}
    </Space>
  );
}

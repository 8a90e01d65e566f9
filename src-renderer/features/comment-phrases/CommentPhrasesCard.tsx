import { Button, Card, Space, Tag, Typography } from 'antd';
import { useStore } from 'zustand';
import { useSession } from '../auth/session-context';
import { useCommentPhrasesStore } from './comment-phrases-context';
import type { CommentPhrasesStore } from './comment-phrases-store';

/**
 * 设置 → 常用意见: how many phrases the reviewer keeps, whether an edit waits for the sync, and the way
 * into 管理常用意见. Only for someone who reviews (a member of a unit), inside the signed-in screen.
 */
export function CommentPhrasesCard() {
  const store = useCommentPhrasesStore();
  const reviews = useSession((s) => (s.user?.memberships.length ?? 0) > 0);
  if (store === null || !reviews) return null;
  return <PhrasesSummary store={store} />;
}

function PhrasesSummary({ store }: { store: CommentPhrasesStore }) {
  const list = useStore(store, (s) => s.list);
  const openManager = useStore(store, (s) => s.openManager);
  return (
    <Card title="常用意见">
      <Space orientation="vertical">
        <Typography.Text type="secondary">
          审核时在修改意见框中点击“常用意见”或输入“/”即可插入;常用意见保存在服务器上,换一台电脑登录也能使用。
        </Typography.Text>
        <Space>
          {list && <Typography.Text>共{list.phrases.length}条</Typography.Text>}
          {list?.pending && <Tag color="orange">待同步</Tag>}
          <Button onClick={openManager}>管理常用意见</Button>
        </Space>
        {list?.problem && <Typography.Text type="warning">{list.problem}</Typography.Text>}
      </Space>
    </Card>
  );
}

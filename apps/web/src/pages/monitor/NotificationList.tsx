import { Alert, Badge, Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useUser } from '../../app/session';
import { formatTime } from '../../components/format';
import { useAsync } from '../../components/useAsync';
import { notifications, type Notification } from '../../services/monitor';
import { CardList } from '../../components/CardList';

const KINDS: Record<string, { color: string; label: string }> = {
  matching_overdue: { color: 'red', label: '匹配逾期' },
  matching_warning: { color: 'orange', label: '匹配预警' },
};

/**
 * The API keeps no read marks, so "read" is this browser's memory of the newest warning the user has
 * acknowledged: enough to tell new warnings from ones already seen, without a server change.
 */
function useSeenMark(userId: string): [number, (id: number) => void] {
  const key = `rf.notifications.seen.${userId}`;
  const [seen, setSeen] = useState(() => Number(localStorage.getItem(key) ?? 0) || 0);
  const mark = (id: number) => {
    localStorage.setItem(key, String(id));
    setSeen(id);
  };
  return [seen, mark];
}

/** 预警通知: the matching timers' warnings and overdue marks, newest first; unread ones stand out. */
export function NotificationList({ refresh }: { refresh: number }) {
  const user = useUser();
  const [page, setPage] = useState(1);
  const [seen, markSeen] = useSeenMark(user.id);
  const { data, error, loading } = useAsync(() => notifications(page, 10), [page, refresh]);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  const items = data?.items ?? [];
  const unread = items.filter((n) => n.id > seen).length;
  const newest = Math.max(seen, ...items.map((n) => n.id));
  return (
    <CardList<Notification>
      loading={loading}
      items={items}
      rowKey={(n) => n.id}
      empty="暂无预警通知"
      header={
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text type="secondary">{unread > 0 ? `本页 ${unread} 条未读` : '没有未读通知'}</Typography.Text>
          <Button size="small" disabled={unread === 0} onClick={() => markSeen(newest)}>
            全部标为已读
          </Button>
        </Space>
      }
      pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage }}
      render={(n) => {
        const kind = KINDS[n.kind] ?? { color: 'default', label: n.kind };
        const isNew = n.id > seen;
        return (
          <div
            className={`notification-item${isNew ? ' notification-unread' : ''}`}
            style={{ padding: '10px 0 10px 10px', borderBottom: '1px solid #f0f0f0', borderLeft: `3px solid ${isNew ? '#1677ff' : 'transparent'}` }}
          >
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}>
                {isNew && <Badge status="processing" text="未读" />}
                <Tag color={kind.color}>{kind.label}</Tag>
                <Typography.Text strong>{n.regionName}</Typography.Text>
                {n.batchId && n.docNumber && <Link to={`/batches/${n.batchId}`}>{n.docNumber}</Link>}
                <Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text>
              </Space>
              <Typography.Text strong={isNew}>{n.message}</Typography.Text>
            </Space>
          </div>
        );
      }}
    />
  );
}

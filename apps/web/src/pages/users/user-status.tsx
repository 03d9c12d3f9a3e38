import { Space, Tag } from 'antd';
import { formatTime } from '../../components/format';
import type { ManagedUser, UserStatus } from '../../services/users';

export const STATUS_OPTIONS: Array<{ value: UserStatus; label: string }> = [
  { value: 'active', label: '正常' },
  { value: 'disabled', label: '已停用' },
  { value: 'locked', label: '已锁定' },
  { value: 'must_change_password', label: '待修改密码' },
];

/** What an administrator must notice about an account: disabled, locked (until when), a password to change, recent wrong passwords. */
export function UserStatusTags({ user }: { user: ManagedUser }) {
  const tags = [];
  if (user.disabled) tags.push(<Tag key="disabled">已停用</Tag>);
  if (user.locked) tags.push(<Tag key="locked" color="red">已锁定至 {formatTime(user.lockedUntil)}</Tag>);
  else if (user.failedLogins > 0) tags.push(<Tag key="failed" color="gold">连续输错 {user.failedLogins} 次</Tag>);
  if (user.mustChangePassword) tags.push(<Tag key="change" color="orange">待修改密码</Tag>);
  if (tags.length === 0) tags.push(<Tag key="ok" color="green">正常</Tag>);
  return (
    <Space size={[0, 4]} wrap>
      {tags}
    </Space>
  );
}

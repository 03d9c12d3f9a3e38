import { Space, Tag, Typography } from 'antd';
import { formatYuan } from '../../../components/format';
import type { Earmark } from '../../../services/funds';

/** 其中: the purposes part of an allocation is reserved for. */
export function Earmarks({ earmarks }: { earmarks: Earmark[] }) {
  if (earmarks.length === 0) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {earmarks.map((e) => (
        <Tag key={e.purpose} color="purple" style={{ whiteSpace: 'normal' }}>
          {e.purpose} <span className="money">{formatYuan(e.amount)} 元</span>
        </Tag>
      ))}
    </Space>
  );
}

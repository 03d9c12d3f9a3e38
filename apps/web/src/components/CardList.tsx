import { Empty, Pagination, Spin, type PaginationProps } from 'antd';
import type { Key, ReactNode } from 'react';

/**
 * Rows drawn as stacked cards (phone width) or plain entries, with paging underneath. antd 6 deprecates
 * its List and logs so on every render; this is the little of it these pages use.
 */
export function CardList<T>({
  items,
  loading,
  empty,
  rowKey,
  render,
  pagination,
  header,
}: {
  items: T[];
  loading: boolean;
  empty: string;
  rowKey: (item: T) => Key;
  render: (item: T) => ReactNode;
  pagination?: PaginationProps | false;
  header?: ReactNode;
}) {
  return (
    <Spin spinning={loading}>
      {header}
      {items.length === 0 && !loading ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : items.map((item) => <div key={rowKey(item)}>{render(item)}</div>)}
      {pagination && (pagination.total ?? 0) > (pagination.pageSize ?? 10) && <Pagination align="end" size="small" {...pagination} style={{ marginTop: 8 }} />}
    </Spin>
  );
}

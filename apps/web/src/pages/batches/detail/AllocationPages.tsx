import { Pagination, Space } from 'antd';
import { useState } from 'react';
import type { Allocation } from '../../../services/funds';
import { AllocationPanel, type AllocationActions } from './AllocationPanel';

const PAGE_SIZE = 10;

/** A large batch at phone width: its counties as stacked panels, ten at a time. */
export function AllocationPages({ allocations, actions }: { allocations: Allocation[]; actions?: AllocationActions }) {
  const [page, setPage] = useState(1);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {allocations.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((a) => (
        <AllocationPanel key={a.id} allocation={a} actions={actions} />
      ))}
      <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={allocations.length} onChange={setPage} showTotal={(n) => `共 ${n} 个县`} style={{ justifyContent: 'center' }} />
    </Space>
  );
}

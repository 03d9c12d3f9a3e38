import { Button, Card, Col, Descriptions, Row, Space, Statistic, Tag } from 'antd';
import { fenOrNull, formatDate, formatYuan } from '../../../components/format';
import type { Allocation, FundMatch } from '../../../services/funds';
import { Earmarks } from './Earmarks';
import { MatchingClock, statusLabel } from './MatchingClock';
import { MatchList } from './MatchList';

/** Nothing left to match. */
export const fullyMatched = (a: Allocation) => fenOrNull(a.unmatched) === 0n;

export interface AllocationActions {
  onReceive(a: Allocation): void;
  onMatch(a: Allocation): void;
  onUnmatch(a: Allocation, m: FundMatch): void;
}

/** The buttons of one allocation, for the county it was issued to. */
export function AllocationButtons({ allocation, actions }: { allocation: Allocation; actions: AllocationActions }) {
  if (!allocation.receivedAt) {
    return (
      <Button type="primary" onClick={() => actions.onReceive(allocation)}>
        确认到账
      </Button>
    );
  }
  return (
    <Button type="primary" disabled={fullyMatched(allocation)} onClick={() => actions.onMatch(allocation)}>
      资金匹配
    </Button>
  );
}

/** One county's allocation in full: what came, what is left, the clock, and every match. */
export function AllocationPanel({ allocation, actions }: { allocation: Allocation; actions?: AllocationActions }) {
  return (
    <Card
      className="allocation-panel"
      title={
        <Space wrap>
          {allocation.countyName}
          <Tag>{statusLabel(allocation.status)}</Tag>
          {allocation.category && <Tag color="blue">{allocation.category}</Tag>}
        </Space>
      }
      extra={actions && <AllocationButtons allocation={allocation} actions={actions} />}
    >
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title="分配金额（元）" value={formatYuan(allocation.amount)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="已匹配（元）" value={formatYuan(allocation.matched)} />
        </Col>
        <Col xs={24} md={6} className="remaining">
          <Statistic title="剩余未匹配（元）" value={formatYuan(allocation.unmatched)} styles={{ content: { color: fullyMatched(allocation) ? '#389e0d' : '#cf1322' } }} />
        </Col>
      </Row>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 16 }}>
        <Descriptions.Item label="专项（其中）">
          <Earmarks earmarks={allocation.earmarks} />
        </Descriptions.Item>
        <Descriptions.Item label="到账日期">{formatDate(allocation.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label="匹配期限">
          <MatchingClock allocation={allocation} />
        </Descriptions.Item>
      </Descriptions>
      <MatchList matches={allocation.matches} onUnmatch={actions && ((m) => actions.onUnmatch(allocation, m))} />
    </Card>
  );
}

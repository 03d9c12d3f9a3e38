import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Grid, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useUser } from '../../app/session';
import { RegionCascader } from '../../components/RegionCascader';
import { useAsync } from '../../components/useAsync';
import { counties, type CountiesQuery, type MatchingQuery, type MatchingStatus } from '../../services/monitor';
import { CountdownTable } from './CountdownTable';
import { CountyTable } from './CountyTable';
import { ExportButtons } from './ExportButtons';
import { MonitorCharts } from './MonitorCharts';
import { NotificationList } from './NotificationList';
import { STATUS_OPTIONS, yearOptions } from './monitor-format';

/** A countdown board is left open on a desk: it reads the clocks again every minute. */
const REFRESH_MS = 60_000;
/** The API's largest page; counties × years stay well below it, and the charts need every row. */
const ALL_COUNTIES = 200;

function queryOf(params: URLSearchParams): MatchingQuery {
  const year = Number(params.get('year'));
  const status = params.get('status');
  return {
    year: year >= 2000 && year <= 2100 ? year : undefined,
    countyCode: /^\d{6}0{6}$/.test(params.get('county') ?? '') ? params.get('county')! : undefined,
    status: STATUS_OPTIONS.some((o) => o.value === status) ? (status as MatchingStatus) : undefined,
    batchId: /^[0-9a-f-]{36}$/i.test(params.get('batch') ?? '') ? params.get('batch')! : undefined,
  };
}

/** 监测: the 15-day matching countdown, the county figures and their charts, and the timers' warnings. */
export default function MonitorPage() {
  const user = useUser();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const countyQuery: CountiesQuery = { year: query.year, countyCode: query.countyCode };
  const [refresh, setRefresh] = useState(0);
  const figures = useAsync(() => counties({ ...countyQuery, pageSize: ALL_COUNTIES }), [query.year, query.countyCode, refresh]);

  useEffect(() => {
    const timer = setInterval(() => setRefresh((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const apply = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };

  const rows = figures.data?.items ?? [];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless" styles={{ body: { padding: phone ? 12 : 16 } }}>
        <Form layout={phone ? 'vertical' : 'inline'} style={{ rowGap: 8 }}>
          <Form.Item label="年度" htmlFor="monitor-year">
            <Select
              id="monitor-year"
              allowClear
              placeholder="全部年度"
              style={{ minWidth: 120 }}
              value={query.year}
              options={yearOptions()}
              onChange={(y?: number) => apply({ year: y ? String(y) : undefined })}
            />
          </Form.Item>
          {/* County and finance users see their own county only; the picker is for those above. */}
          {(user.role === 'monitor' || user.role === 'admin') && (
            <Form.Item label="地区" htmlFor="monitor-county">
              <RegionCascader id="monitor-county" deepest="county" placeholder="本单位全部县（区）" value={query.countyCode} onChange={(code) => apply({ county: code })} />
            </Form.Item>
          )}
          {query.batchId && (
            <Form.Item label="批次">
              {/* Set by a link from a batch's page; closing it widens the view to every batch again. */}
              <Tag closable onClose={() => apply({ batch: undefined })}>
                仅此一个批次
              </Tag>
            </Form.Item>
          )}
          <Form.Item>
            <Button icon={<ReloadOutlined />} onClick={() => setRefresh((n) => n + 1)}>
              刷新
            </Button>
          </Form.Item>
        </Form>
      </Card>

      <Card
        title="资金匹配倒计时"
        extra={!phone && <ExportButtons view="matching" query={query} />}
        styles={{ body: { padding: phone ? 8 : 16 } }}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">自县级确认到账之日起，须在政策期限内（默认 15 天）将资金落实到项目库项目。</Typography.Text>
          <Select
            aria-label="匹配状态"
            allowClear
            placeholder="全部状态"
            style={{ minWidth: 120 }}
            value={query.status}
            options={STATUS_OPTIONS}
            onChange={(s?: MatchingStatus) => apply({ status: s })}
          />
          {phone && <ExportButtons view="matching" query={query} />}
        </Space>
        <CountdownTable key={JSON.stringify(query)} query={query} phone={phone} refresh={refresh} />
      </Card>

      <Card title="县级资金监测" extra={!phone && <ExportButtons view="counties" query={countyQuery} />} styles={{ body: { padding: phone ? 8 : 16 } }}>
        {phone && (
          <div style={{ marginBottom: 12 }}>
            <ExportButtons view="counties" query={countyQuery} />
          </div>
        )}
        {figures.error ? <Alert type="error" showIcon title={figures.error.message} /> : <CountyTable rows={rows} loading={figures.loading && !figures.data} phone={phone} />}
      </Card>

      {rows.length > 0 && <MonitorCharts rows={rows} />}

      <Card title="预警通知" styles={{ body: { padding: phone ? 8 : 16 } }}>
        <NotificationList refresh={refresh} />
      </Card>
    </Space>
  );
}

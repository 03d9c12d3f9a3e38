import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Form, Grid, Space, Spin, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useUser } from '../../app/session';
import { RegionCascader } from '../../components/RegionCascader';
import { useAsync } from '../../components/useAsync';
import { useInFlight } from '../../components/useInFlight';
import { ApiFailure } from '../../services/http';
import { downloadMonthlyPace, getMonthlyPace, type CountyPace } from '../../services/monthly-pace';
import { PaceChart } from './PaceChart';
import { YearMonthFields } from './YearMonthFields';
import './monthly.css';

const NATIONAL = '000000000000';
const pad = (n: number) => String(n).padStart(2, '0');

function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

const PACE_COLORS: Record<string, string> = { on_pace: 'success', behind: 'warning', far_behind: 'error', no_money: 'default' };

/**
 * 各县序时进度: for a monitor, the counties of its region in one month, those behind 序时进度 first and
 * coloured (far behind red, behind amber), with each county's line month by month against the expected one.
 */
export default function MonthlyPacePage() {
  const user = useUser();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? (user.regionCode === NATIONAL ? null : user.regionCode);
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(params.get('month') ?? '') ? params.get('month')! : lastMonth();
  const year = Number(month.slice(0, 4));
  const { data, error, loading } = useAsync(() => (region ? getMonthlyPace(region, month) : Promise.resolve(null)), [region, month]);
  const { busy, run } = useInFlight<'xlsx'>();

  const choose = (next: { region?: string | null; year?: number; month?: number }) => {
    const r = next.region === undefined ? region : next.region;
    setParams({ ...(r ? { region: r } : {}), month: `${next.year ?? year}-${pad(next.month ?? Number(month.slice(5)))}` });
  };
  const fetchFile = () =>
    run('xlsx', async () => {
      try {
        await downloadMonthlyPace(region!, month);
      } catch (failure) {
        message.error(failure instanceof ApiFailure ? failure.message : '下载失败');
      }
    });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless" styles={{ body: { padding: phone ? 12 : 24 } }}>
        <Form layout={phone ? 'vertical' : 'inline'}>
          {user.role !== 'county' && (
            <Form.Item label="地区" htmlFor="pace-region">
              <RegionCascader id="pace-region" deepest="county" value={region ?? undefined} onChange={(r) => choose({ region: r })} style={{ minWidth: phone ? '100%' : 260 }} />
            </Form.Item>
          )}
          <YearMonthFields idPrefix="pace" year={year} month={month} onChange={choose} />
          {data && (
            <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void fetchFile()}>
              下载 Excel
            </Button>
          )}
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          各县数字与该县同月《月度支出报表》的合计一致；序时进度按月份 ÷ 12 计，落后的县排在前面。
        </Typography.Paragraph>
      </Card>
      {error && <Alert type="error" showIcon title={error.message} />}
      {!region && <Empty description="请选择要查看的地区" />}
      {region && loading && !data && <Spin />}
      {data && (
        <Card variant="borderless" title={`${data.regionName}${data.year}年${Number(data.month.slice(5))}月各县支出进度（序时进度 ${data.expectedPaceText}）`}>
          <Typography.Paragraph className="monthly-summary" data-testid="pace-summary">
            共 {data.counties.length} 个县（市、区），落后于序时进度的 {data.countiesBehind} 个。
          </Typography.Paragraph>
          <Table<CountyPace>
            rowKey="countyCode"
            size="small"
            pagination={false}
            dataSource={data.counties}
            scroll={phone ? { x: 'max-content' } : undefined}
            rowClassName={(r) => (r.pace === 'far_behind' ? 'pace-far-behind' : r.pace === 'behind' ? 'pace-behind' : '')}
            columns={[
              { title: '县（市、区）', dataIndex: 'countyName' },
              { title: '到位资金（元）', dataIndex: 'received', align: 'right', className: 'money' },
              { title: '本月支出（元）', dataIndex: 'paidThisMonth', align: 'right', className: 'money' },
              { title: '累计支出（元）', dataIndex: 'paidToDate', align: 'right', className: 'money' },
              { title: '执行率', dataIndex: 'executionRateText', align: 'right' },
              { title: '落后（百分点）', dataIndex: 'gapText', align: 'right', render: (g: string | null) => (g === null ? '—' : g) },
              { title: '进度', dataIndex: 'paceLabel', render: (label: string, r) => <Tag color={PACE_COLORS[r.pace]}>{label}</Tag> },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            逐月累计执行率
          </Typography.Title>
          <PaceChart report={data} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {data.basis.map((b) => (
              <span key={b} style={{ display: 'block' }}>
                {b}
              </span>
            ))}
          </Typography.Paragraph>
        </Card>
      )}
    </Space>
  );
}

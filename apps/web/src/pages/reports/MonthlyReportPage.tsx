import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Form, Grid, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useUser } from '../../app/session';
import { RegionCascader } from '../../components/RegionCascader';
import { useAsync } from '../../components/useAsync';
import { useInFlight } from '../../components/useInFlight';
import { ApiFailure } from '../../services/http';
import { downloadMonthlyReport, downloadNationalExport, getMonthlyReport } from '../../services/monthly-report';
import { MonthlyTables } from './MonthlyTables';
import { YearMonthFields } from './YearMonthFields';
import './monthly.css';

const isCounty = (code: string) => /^\d{6}0{6}$/.test(code) && !/^\d{4}0{8}$/.test(code);
const pad = (n: number) => String(n).padStart(2, '0');

/** The month just ended is the one due; earlier ones can be reread. */
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}


/**
 * 月度支出报表: a county's year of money month by month, per batch and per project, against 序时进度;
 * behind-pace rows amber, far behind red. Also the national monitoring system's entry workbook.
 */
export default function MonthlyReportPage() {
  const user = useUser();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const county = params.get('county') ?? (user.role === 'county' ? user.regionCode : null);
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(params.get('month') ?? '') ? params.get('month')! : lastMonth();
  const year = Number(month.slice(0, 4));
  const { data, error, loading } = useAsync(() => (county && isCounty(county) ? getMonthlyReport(county, month) : Promise.resolve(null)), [county, month]);
  const { busy, run } = useInFlight<'docx' | 'xlsx' | 'national'>();

  const choose = (next: { county?: string | null; year?: number; month?: number }) => {
    const c = next.county === undefined ? county : next.county;
    const m = `${next.year ?? year}-${pad(next.month ?? Number(month.slice(5)))}`;
    setParams({ ...(c ? { county: c } : {}), month: m });
  };

  const fetchFile = (key: 'docx' | 'xlsx' | 'national') =>
    run(key, async () => {
      try {
        await (key === 'national' ? downloadNationalExport(county!, year) : downloadMonthlyReport(county!, month, key));
      } catch (failure) {
        message.error(failure instanceof ApiFailure ? failure.message : '下载失败');
      }
    });

  const t = data?.totals;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless" styles={{ body: { padding: phone ? 12 : 24 } }}>
        <Form layout={phone ? 'vertical' : 'inline'}>
          {user.role !== 'county' && (
            <Form.Item label="县" htmlFor="monthly-county">
              <RegionCascader id="monthly-county" deepest="county" value={county ?? undefined} onChange={(c) => choose({ county: c })} style={{ minWidth: phone ? '100%' : 260 }} />
            </Form.Item>
          )}
          <YearMonthFields idPrefix="monthly" year={year} month={month} onChange={choose} />
          {data && (
            <Space wrap>
              <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void fetchFile('xlsx')}>
                下载 Excel
              </Button>
              <Button icon={<DownloadOutlined />} loading={busy === 'docx'} onClick={() => void fetchFile('docx')}>
                下载 Word
              </Button>
              <Button icon={<DownloadOutlined />} loading={busy === 'national'} onClick={() => void fetchFile('national')}>
                国家监测系统导出（{year}年）
              </Button>
            </Space>
          )}
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          数据每次打开时按资金台账重新计算：到位、匹配和拨付取自批次、资金匹配与拨付记录；序时进度按月份 ÷ 12 计。国家监测系统导出为该年度的项目、公示、资金到账与拨付四张表。
        </Typography.Paragraph>
      </Card>
      {error && <Alert type="error" showIcon title={error.message} />}
      {!county && <Empty description="请选择要查看的县" />}
      {county && !isCounty(county) && <Empty description="月度支出报表按县编制，请选择一个县" />}
      {county && loading && !data && <Spin />}
      {data && t && (
        <Card variant="borderless" title={`${data.countyName}${data.year}年${Number(data.month.slice(5))}月衔接资金支出情况`}>
          <Typography.Paragraph className="monthly-summary">
            截至月末，本年度到位资金 {t.received} 元，已匹配 {t.matched} 元，本月支出 {t.paidThisMonth} 元，累计支出 {t.paidToDate} 元，执行率 {t.executionRateText}，序时进度{' '}
            {data.expectedPaceText}（{t.paceLabel}）。落后于序时进度的批次 {t.batchesBehind} 个、项目 {t.projectsBehind} 个。
          </Typography.Paragraph>
          <MonthlyTables report={data} />
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

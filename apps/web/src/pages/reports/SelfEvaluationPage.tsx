import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Form, Grid, Select, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useUser } from '../../app/session';
import { RegionCascader } from '../../components/RegionCascader';
import { useAsync } from '../../components/useAsync';
import { useInFlight } from '../../components/useInFlight';
import { ApiFailure } from '../../services/http';
import { downloadSelfEvaluation, getSelfEvaluation, saveSelfEvaluation, type SelfEvaluationChange } from '../../services/reports';
import { ClaimsPanel } from './ClaimsPanel';
import { ReportPaper } from './ReportPaper';
import './reports.css';

/** A county's own code: the region code of a county ends in six zeros. */
const isCounty = (code: string) => /^\d{6}0{6}$/.test(code) && !/^\d{4}0{8}$/.test(code);

/** The year just ended is the one a county reports on; the current one can be previewed. */
function yearOptions(): Array<{ value: number; label: string }> {
  const now = new Date().getFullYear();
  return Array.from({ length: 8 }, (_, i) => now - i).map((y) => ({ value: y, label: `${y} 年` }));
}

/**
 * 绩效自评报告: the county's year as the province asks for it, every figure from the records. The
 * county edits the words around the figures and types the figures it means to report, which are
 * checked against the ledger; monitors above read it.
 */
export default function SelfEvaluationPage() {
  const user = useUser();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const county = params.get('county') ?? (user.role === 'county' ? user.regionCode : null);
  const year = Number(params.get('year') ?? new Date().getFullYear() - 1);
  const editable = user.role === 'county' && county === user.regionCode;
  const { data, error, loading, reload } = useAsync(() => (county && isCounty(county) ? getSelfEvaluation(county, year) : Promise.resolve(null)), [county, year]);
  const { busy, run } = useInFlight<'save' | 'docx' | 'xlsx'>();

  const choose = (next: { county?: string | null; year?: number }) => {
    const c = next.county === undefined ? county : next.county;
    setParams({ ...(c ? { county: c } : {}), year: String(next.year ?? year) });
  };

  const save = async (change: SelfEvaluationChange, done: string): Promise<boolean> =>
    (await run('save', async () => {
      try {
        await saveSelfEvaluation(county!, year, change);
        message.success(done);
        reload();
        return true;
      } catch (failure) {
        message.error(failure instanceof ApiFailure ? failure.message : '保存失败');
        return false;
      }
    })) ?? false;

  const fetchFile = (format: 'docx' | 'xlsx') =>
    run(format, async () => {
      try {
        await downloadSelfEvaluation(county!, year, format);
      } catch (failure) {
        message.error(failure instanceof ApiFailure ? failure.message : '下载失败');
      }
    });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless" className="report-toolbar" styles={{ body: { padding: phone ? 12 : 24 } }}>
        <Form layout={phone ? 'vertical' : 'inline'}>
          {user.role !== 'county' && (
            <Form.Item label="县" htmlFor="report-county">
              <RegionCascader id="report-county" deepest="county" value={county ?? undefined} onChange={(c) => choose({ county: c })} style={{ minWidth: phone ? '100%' : 260 }} />
            </Form.Item>
          )}
          <Form.Item label="年度" htmlFor="report-year">
            <Select id="report-year" value={year} options={yearOptions()} onChange={(y) => choose({ year: y })} style={{ width: 120 }} />
          </Form.Item>
          {data && (
            <Space wrap>
              <Button icon={<DownloadOutlined />} loading={busy === 'docx'} onClick={() => void fetchFile('docx')}>
                下载 Word
              </Button>
              <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void fetchFile('xlsx')}>
                下载 Excel
              </Button>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                打印 / 存为 PDF
              </Button>
            </Space>
          )}
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          报告中的数据每次打开时按资金台账、流转记录和项目库重新计算，不能手工修改；县级可以修改数据周围的文字，并填写拟上报数与账面核对。
        </Typography.Paragraph>
      </Card>
      {error && <Alert type="error" showIcon title={error.message} />}
      {!county && <Empty description="请选择要查看的县" />}
      {county && !isCounty(county) && <Empty description="自评报告按县编制，请选择一个县" />}
      {county && loading && !data && <Spin />}
      {data && (
        <div className={editable ? 'report-layout' : undefined}>
          <ReportPaper report={data} editable={editable} busy={busy === 'save'} onSaveText={(key, text) => save({ text: { [key]: text } }, '报告文字已保存')} />
          {editable && <ClaimsPanel report={data} busy={busy === 'save'} onSave={(claimed) => save({ claimed }, '拟上报数已保存并核对')} />}
        </div>
      )}
    </Space>
  );
}

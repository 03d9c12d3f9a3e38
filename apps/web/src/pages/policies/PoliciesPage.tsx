import { Alert, App as AntApp, Card, Empty, Form, Grid, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useUser } from '../../app/session';
import { RegionCascader } from '../../components/RegionCascader';
import { useAsync } from '../../components/useAsync';
import { useInFlight } from '../../components/useInFlight';
import { ApiFailure } from '../../services/http';
import { getPolicy, putPolicy, type PolicyKey, type PolicyView } from '../../services/policies';
import { NATIONAL, regionOf } from '../../services/regions';
import type { Region } from '../../services/types';
import { PolicyEditor } from './PolicyEditor';
import { PolicyTable } from './PolicyTable';
import { POLICY_LABELS } from './policy-fields';

interface Loaded {
  view: PolicyView;
  /** The region and those above it, to name where each value comes from. */
  chain: Region[];
}

async function load(code: string): Promise<Loaded> {
  const [view, region] = await Promise.all([getPolicy(code), regionOf(code)]);
  return { view, chain: [region, ...region.ancestors] };
}

/**
 * 政策设置: the policy in force for a region and where each value comes from; only an administrator
 * changes it (the API refuses everyone else, so the form is not even offered).
 */
export default function PoliciesPage() {
  const user = useUser();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  // The national administrator has no region of one policy; everyone else starts at their own.
  const code = params.get('region') ?? (user.regionCode === NATIONAL ? null : user.regionCode);
  const canEdit = user.role === 'admin';
  const { data, error, loading, reload } = useAsync(() => (code ? load(code) : Promise.resolve(null)), [code]);
  const { busy, run } = useInFlight<'inherit'>();
  const regionName = data?.chain[0]?.name ?? '';
  // A region that gave every value back keeps its (empty) version number; only values it sets count.
  const ownValues = data ? Object.values(data.view.sources).filter((s) => s === data.view.regionCode).length : 0;

  const inherit = (key: PolicyKey) =>
    run('inherit', async () => {
      try {
        await putPolicy(data!.view.regionCode, { [key]: null });
        message.success(`${regionName}的「${POLICY_LABELS[key]}」已改用上级或默认值`);
        reload();
      } catch (failure) {
        message.error(failure instanceof ApiFailure ? failure.message : '操作失败');
      }
    });

  const pad = { body: { padding: phone ? 12 : 24 } };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless" styles={pad}>
        <Form layout={phone ? 'vertical' : 'inline'}>
          <Form.Item label="地区" htmlFor="policy-region">
            <RegionCascader id="policy-region" value={code ?? undefined} onChange={(c) => setParams(c ? { region: c } : {})} style={{ minWidth: phone ? '100%' : 280 }} />
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          各地区未单独设置的政策项沿用最近上级地区的设置，上级均未设置时使用默认值。正在计时的期限按开始计时时的政策执行。
        </Typography.Paragraph>
      </Card>
      {error && <Alert type="error" showIcon title={error.message} />}
      {!code && <Empty description="请选择要查看的地区" />}
      {code && loading && !data && <Spin />}
      {data && (
        <>
          <Card title={`当前生效的政策 · ${regionName}`} extra={ownValues > 0 && <Typography.Text type="secondary">本级设置 {ownValues} 项 · 第 {data.view.version} 版</Typography.Text>} styles={pad}>
            <PolicyTable view={data.view} chain={data.chain} canEdit={canEdit} busy={busy !== null} onInherit={inherit} phone={phone} />
          </Card>
          {canEdit && (
            <Card title={`修改${regionName}的政策`} styles={pad}>
              <PolicyEditor key={`${data.view.regionCode}-${data.view.version}`} view={data.view} regionName={regionName} onSaved={reload} />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Space } from 'antd';
import { useInFlight } from '../../components/useInFlight';
import { ApiFailure } from '../../services/http';
import { exportView, type CountiesQuery, type MatchingQuery } from '../../services/monitor';

/** CSV and XLSX of every row the filters on screen match; a refusal (a JSON answer) is shown, not saved. */
export function ExportButtons({ view, query }: { view: 'matching' | 'counties'; query: MatchingQuery | CountiesQuery }) {
  const { message } = AntApp.useApp();
  const { busy, run } = useInFlight<'csv' | 'xlsx'>();
  const save = (format: 'csv' | 'xlsx') =>
    run(format, async () => {
      try {
        await exportView(view, query, format);
      } catch (failure) {
        message.error(failure instanceof ApiFailure ? `导出失败：${failure.message}` : '导出失败，请稍后重试');
      }
    });
  return (
    <Space size={4} wrap>
      {(['csv', 'xlsx'] as const).map((f) => (
        <Button key={f} size="small" icon={<DownloadOutlined />} loading={busy === f} disabled={busy !== null && busy !== f} onClick={() => save(f)}>
          导出 {f.toUpperCase()}
        </Button>
      ))}
    </Space>
  );
}

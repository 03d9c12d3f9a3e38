import { Alert, Button } from 'antd';
import { useState } from 'react';
import { formatTime } from '../../../../components/format';
import { verifyProjectChain, type ChainVerification } from '../../../../services/project-verify';
import './chain-check.css';

/** 存证核验 on demand: recomputes the project's chain and says whether every record is as written. */
export function ChainCheck({ projectId }: { projectId: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await verifyProjectChain(projectId));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '核验失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="chain-check">
      <Button size="small" loading={busy} onClick={() => void check()}>
        存证核验
      </Button>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {result &&
        (result.ok ? (
          <Alert
            type="success"
            showIcon
            title={`存证核验通过：${result.length} 条记录（审计记录 ${result.historyRows} 条、资金台账 ${result.ledgerRows} 条）与写入时一致`}
            description={
              <span className="chain-hash">
                链头 {result.headHash} · 核验于 {formatTime(result.checkedAt)}
              </span>
            }
          />
        ) : (
          <Alert type="error" showIcon role="alert" title="存证核验未通过" description={result.broken?.message} />
        ))}
    </div>
  );
}

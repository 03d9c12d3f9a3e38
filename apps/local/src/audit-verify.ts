import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { describeChainBreak } from '../../../libs/domain/src/audit-chain';
import { ConfigError, loadConfig } from '../../../libs/config/src/config';
import { verifyAllChains } from '../../../libs/persistence/src/audit-chain-verify';
import { dataSourceOptions } from '../../../libs/persistence/src/data-source';
import { embeddedPostgresUrl } from '../../../libs/persistence/src/embedded/embedded-postgres';

/**
 * `npm run audit:verify`: recomputes every audit chain of the database (DATABASE_URL, or the embedded
 * database of a running `npm start`), one line per chain, and exits 1 when any chain is broken so a
 * scheduled check can alert. It only reads.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env, 'local');
  const url = config.databaseUrl ?? embeddedPostgresUrl(config.embeddedPgPort);
  const db = await new DataSource({ ...dataSourceOptions(url), extra: { max: 2 } }).initialize();
  let chains = 0;
  let rows = 0;
  let broken = 0;
  try {
    // One snapshot for the whole pass: steps recorded meanwhile must not look like broken heads.
    await db.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      for await (const chain of verifyAllChains(m)) {
        chains += 1;
        rows += chain.length;
        const what = `${chain.kind === 'project' ? '项目' : '资金分配'} ${chain.chainId}（${chain.countyCode ?? '未知县'}）`;
        if (chain.broken) {
          broken += 1;
          console.log(`✗ ${what}：${describeChainBreak(chain.broken)}；存储的哈希 ${chain.broken.storedHash ?? '无'}，按现有内容应为 ${chain.broken.expectedHash ?? '—'}`);
        } else {
          console.log(`✓ ${what}：${chain.historyRows} 条审计记录、${chain.ledgerRows} 条资金台账，链头 ${chain.headHash}`);
        }
      }
    });
  } finally {
    await db.destroy();
  }
  console.log(broken === 0 ? `存证核验通过：${chains} 条链、${rows} 条记录全部与写入时一致` : `存证核验失败：${chains} 条链中 ${broken} 条有记录被改动或删除`);
  return broken === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : `存证核验无法完成: ${(error as Error).message}`);
    process.exit(2);
  },
);

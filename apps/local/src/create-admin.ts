import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../../libs/auth/src/password';
import { NATIONAL_REGION_CODE } from '../../../libs/auth/src/scope';
import { ConfigError, loadConfig } from '../../../libs/config/src/config';
import { passwordProblems } from '../../../libs/domain/src/password-policy';
import { dataSourceOptions, runMigrations } from '../../../libs/persistence/src/data-source';
import { loadRegions } from '../../../libs/persistence/src/seed/demo-seed';

const USERNAME = /^[a-z0-9][a-z0-9_.-]{2,63}$/;

/**
 * `ADMIN_PASSWORD=… npm run users:admin -- <username> [显示名称]`: the first administrator of a real
 * database, which holds no demo users (SEED_DEMO=false). Loads the reference regions, then creates
 * the national administrator, who must change this password at the first sign-in and creates
 * everyone else in 用户管理. The password comes from the environment, never from the command line,
 * so it stays out of the shell's history and the process list.
 */
async function main(): Promise<void> {
  const [username, displayName = '系统管理员'] = process.argv.slice(2);
  const password = process.env.ADMIN_PASSWORD ?? '';
  if (!username || !USERNAME.test(username)) throw new Error('用法：ADMIN_PASSWORD=<初始密码> npm run users:admin -- <用户名> [显示名称]（用户名为 3–64 位小写字母、数字或 _ . -）');
  const problems = passwordProblems(password, username);
  if (problems.length > 0) throw new Error(`ADMIN_PASSWORD 不符合密码规则：${problems.join('；')}`);
  const config = loadConfig(process.env, 'local');
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL', '须指向要建立管理员的数据库');
  await runMigrations(config.databaseUrl);
  const dataSource = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  try {
    await loadRegions(dataSource);
    const hash = await hashPassword(password);
    const created = await dataSource.transaction(async (m) => {
      const rows: Array<{ id: string }> = await m.query(
        `INSERT INTO users (username, display_name, password_hash, role, region_code, must_change_password)
         VALUES ($1, $2, $3, 'admin', $4, true) ON CONFLICT (username) DO NOTHING RETURNING id`,
        [username, displayName, hash, NATIONAL_REGION_CODE],
      );
      if (!rows[0]) return false;
      await m.query(
        `INSERT INTO admin_audit (actor_id, actor_username, actor_role, action, target_user_id, target_username, region_code, detail)
         VALUES ($1, $2, 'admin', 'user.create', $1, $2, $3, $4)`,
        [rows[0].id, username, NATIONAL_REGION_CODE, JSON.stringify({ role: 'admin', regionCode: NATIONAL_REGION_CODE, via: 'npm run users:admin' })],
      );
      return true;
    });
    console.log(created ? `已建立管理员 ${username}：首次登录后须修改密码` : `用户 ${username} 已存在，未作改动（可由其他管理员在用户管理中重置密码）`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `建立管理员失败: ${(error as Error).message}`);
  process.exit(1);
});

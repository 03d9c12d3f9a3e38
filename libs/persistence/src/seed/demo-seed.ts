import type { DataSource } from 'typeorm';
import { hashPassword } from '../../../auth/src/password';
import { NATIONAL_REGION_CODE } from '../../../auth/src/scope';
import { REGIONS } from '../../../reference-data/src/regions';
import { resolveRegionName } from '../../../reference-data/src/region-names';

/** Demo accounts of API.md. The password is for demonstrations only and documented as such. */
export const DEMO_PASSWORD = 'demo123';

interface DemoUser {
  username: string;
  displayName: string;
  role: string;
  /** Where the user acts, as a name path resolved against the reference data. */
  region: string;
  department?: string;
}

const DEMO_USERS: DemoUser[] = [
  { username: 'village1', displayName: '北曹村村委会', role: 'village', region: '朔城区贾庄乡北曹村' },
  { username: 'village2', displayName: '东神头村村委会', role: 'village', region: '朔城区神头镇东神头村' },
  { username: 'township1', displayName: '贾庄乡人民政府', role: 'township', region: '朔城区贾庄乡' },
  { username: 'township2', displayName: '神头镇人民政府', role: 'township', region: '朔城区神头镇' },
  // A second clerk at 贾庄乡, to hand tasks to (转办, 委派).
  { username: 'township1b', displayName: '贾庄乡 李干事', role: 'township', region: '朔城区贾庄乡' },
  { username: 'department1', displayName: '朔城区农业农村局', role: 'department', region: '朔城区', department: 'agriculture' },
  { username: 'county1', displayName: '朔城区乡村振兴局', role: 'county', region: '朔城区' },
  { username: 'finance1', displayName: '朔城区财政局', role: 'finance', region: '朔城区' },
  { username: 'monitor1', displayName: '朔州市农业农村局（监管）', role: 'monitor', region: '朔州市' },
  { username: 'admin', displayName: '系统管理员', role: 'admin', region: '全国' },
];

function regionCodeOf(path: string): string {
  if (path === '全国') return NATIONAL_REGION_CODE;
  const record = resolveRegionName(path);
  if (!record) throw new Error(`演示数据中的地区无法解析: ${path}`);
  return record.code;
}

/** Reference regions are loaded on every start (new ones added, none changed), so upgrades bring new data. */
export async function loadRegions(dataSource: DataSource): Promise<void> {
  const rows = [
    { code: NATIONAL_REGION_CODE, name: '全国', level: 'country', parentCode: null },
    ...REGIONS.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })),
  ];
  await dataSource.transaction(async (m) => {
    for (const r of rows) {
      await m.query(`INSERT INTO regions (code, name, level, parent_code) VALUES ($1,$2,$3,$4) ON CONFLICT (code) DO NOTHING`, [
        r.code,
        r.name,
        r.level,
        r.parentCode,
      ]);
    }
  });
}

/** Loads the demo users into an empty database; a database that has users is left alone. */
export async function seedDemo(dataSource: DataSource): Promise<boolean> {
  await loadRegions(dataSource);
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM users`);
  if (count > 0) return false;
  await dataSource.transaction(async (m) => {
    for (const u of DEMO_USERS) {
      const hash = await hashPassword(DEMO_PASSWORD);
      await m.query(
        `INSERT INTO users (username, display_name, password_hash, role, region_code, department) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (username) DO NOTHING`,
        [u.username, u.displayName, hash, u.role, regionCodeOf(u.region), u.department ?? null],
      );
    }
  });
  return true;
}

import type { DataSource } from 'typeorm';

/**
 * What a test owns in the database, and a fingerprint of exactly those rows. Other test files write
 * to the same database at the same time, so global counts would be meaningless: every query is
 * filtered to the test's own projects, villages, batches, batch issuers and policy regions.
 */
export interface OwnedRows {
  projectIds?: string[];
  /** Every project of these villages counts as the test's (so a project created by a refused request shows up). */
  villageCodes?: string[];
  /** Every project whose name starts with this counts as the test's. */
  projectNamePrefix?: string;
  batchIds?: string[];
  /** Every batch whose document number starts with this counts as the test's. */
  batchDocPrefix?: string;
  /** Every batch issued by these users counts as the test's. */
  batchIssuers?: string[];
  policyRegions?: string[];
  /** Every account in these regions counts as the test's (so an account created by a refused request shows up), with the admin log about them. */
  userRegions?: string[];
}

export type Fingerprint = Record<string, unknown>;

export async function fingerprint(db: DataSource, owned: OwnedRows): Promise<Fingerprint> {
  const projectIds = owned.projectIds ?? [];
  const villages = owned.villageCodes ?? [];
  const batchIds = owned.batchIds ?? [];
  const issuers = owned.batchIssuers ?? [];
  const regions = owned.policyRegions ?? [];
  const userRegions = owned.userRegions ?? [];
  // '\u0001' never starts a name or document number: an absent prefix matches nothing.
  const namePrefix = `${owned.projectNamePrefix ?? '\u0001'}%`;
  const docPrefix = `${owned.batchDocPrefix ?? '\u0001'}%`;
  const projects = `SELECT id FROM projects WHERE id = ANY($1::uuid[]) OR village_code = ANY($2::text[]) OR name LIKE $6`;
  const batches = `SELECT id FROM fund_batches WHERE id = ANY($3::uuid[]) OR created_by = ANY($4::uuid[]) OR doc_number LIKE $7`;
  const allocations = `SELECT id FROM allocations WHERE batch_id IN (${batches})`;
  const [row] = await db.query(
    `SELECT
       (SELECT json_agg(json_build_object('id', p.id, 'stage', p.stage, 'v', p.state_version, 'updated', p.updated_at, 'name', p.name, 'content', p.content) ORDER BY p.id)
          FROM projects p WHERE p.id IN (${projects})) AS projects,
       (SELECT count(*)::int FROM project_events e WHERE e.project_id IN (${projects})) AS project_events,
       (SELECT json_agg(json_build_object('id', t.id, 'status', t.status) ORDER BY t.id) FROM tasks t WHERE t.project_id IN (${projects})) AS tasks,
       (SELECT json_agg(b.id ORDER BY b.id) FROM fund_batches b WHERE b.id IN (${batches})) AS fund_batches,
       (SELECT json_agg(json_build_object('id', a.id, 'status', a.status, 'matched', a.matched_fen, 'received', a.received_at) ORDER BY a.id)
          FROM allocations a WHERE a.id IN (${allocations})) AS allocations,
       (SELECT json_agg(json_build_object('id', m.id, 'removed', m.removed_at) ORDER BY m.id)
          FROM fund_matches m WHERE m.allocation_id IN (${allocations}) OR m.project_id IN (${projects})) AS fund_matches,
       (SELECT count(*)::int FROM payments x WHERE x.project_id IN (${projects})) AS payments,
       (SELECT count(*)::int FROM household_payments h WHERE h.project_id IN (${projects})) AS household_payments,
       (SELECT count(*)::int FROM ledger_entries l WHERE l.project_id IN (${projects}) OR l.batch_id IN (${batches})) AS ledger_entries,
       (SELECT json_agg(json_build_object('region', p.region_code, 'version', p.version, 'patch', p.patch) ORDER BY p.region_code)
          FROM policies p WHERE p.region_code = ANY($5::text[])) AS policies,
       (SELECT count(*)::int FROM policy_history h WHERE h.region_code = ANY($5::text[])) AS policy_history,
       (SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name, 'role', u.role, 'region', u.region_code, 'department', u.department,
                                          'disabled', u.disabled, 'sv', u.session_version, 'hash', u.password_hash, 'change', u.must_change_password,
                                          'failed', u.failed_logins, 'locked', u.locked_until) ORDER BY u.id)
          FROM users u WHERE u.region_code = ANY($8::text[])) AS users,
       (SELECT count(*)::int FROM admin_audit a WHERE a.region_code = ANY($8::text[])) AS admin_audit`,
    [projectIds, villages, batchIds, issuers, regions, namePrefix, docPrefix, userRegions],
  );
  return row as Fingerprint;
}

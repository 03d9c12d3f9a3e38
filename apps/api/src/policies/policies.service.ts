import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isWithinScope } from '../../../../libs/auth/src/scope';
import type { Policy, PolicySources } from '../../../../libs/domain/src/policy';
import { effectivePolicy, savePolicyPatch } from '../../../../libs/persistence/src/policies/policy-store';
import { describePolicyUpdate, parsePolicyUpdate } from '../../../../libs/persistence/src/policies/policy-update';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { PolicyCacheService } from './policy-cache.service';

/** GET/PUT /policies/:regionCode answer. `version` is the region's own stored patch's (0: it has none). */
export interface PolicyView {
  regionCode: string;
  policy: Policy;
  sources: PolicySources;
  version: number;
}

const REGION_CODE = /^\d{12}$/;
const NOT_VISIBLE = '地区不存在或不在本单位可查看的范围内';

@Injectable()
export class PoliciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: PolicyCacheService,
  ) {}

  private checkFormat(regionCode: string): void {
    if (!REGION_CODE.test(regionCode)) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'regionCode 须为 12 位数字的行政区划代码');
    }
  }

  /**
   * A user reads the policy that applies to them: their own region, any region inside it, and the
   * regions above it (whose policy they inherit). Anything else (a sibling county, another province)
   * answers like an unknown region.
   */
  private checkReadable(regionCode: string, user: AuthUser): void {
    if (!isWithinScope(regionCode, user.regionCode) && !isWithinScope(user.regionCode, regionCode)) {
      throw ApiError.notFound(NOT_VISIBLE);
    }
  }

  private async view(m: EntityManager, regionCode: string): Promise<PolicyView> {
    const [region]: Array<{ version: number }> = await m.query(
      `SELECT COALESCE(p.version, 0) AS version FROM regions r LEFT JOIN policies p ON p.region_code = r.code WHERE r.code = $1`,
      [regionCode],
    );
    if (!region) throw ApiError.notFound(NOT_VISIBLE);
    const { policy, sources } = await effectivePolicy(m, regionCode);
    return { regionCode, policy, sources, version: region.version };
  }

  /** Both reads see one snapshot, so the version always belongs to the policy shown. */
  private read(regionCode: string): Promise<PolicyView> {
    return this.dataSource.transaction('REPEATABLE READ', (m) => this.view(m, regionCode));
  }

  async find(regionCode: string, user: AuthUser): Promise<PolicyView> {
    this.checkFormat(regionCode);
    this.checkReadable(regionCode, user);
    return this.read(regionCode);
  }

  /**
   * Sets (or, with null, removes) the region's own values; the change is validated as a whole and
   * nothing is stored when any value is wrong. Answers the new effective policy.
   */
  async update(regionCode: string, body: unknown, user: AuthUser): Promise<PolicyView> {
    this.checkFormat(regionCode);
    // An administrator acts inside their own region (the demo admin's is the whole country).
    if (!isWithinScope(regionCode, user.regionCode)) throw ApiError.notFound(NOT_VISIBLE);
    const parsed = parsePolicyUpdate(body);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      const where = first.field ? `${first.field}：` : '';
      throw ApiError.badRequest('VALIDATION_FAILED', `政策参数不合法：${where}${first.message}`, parsed.errors);
    }
    const change = describePolicyUpdate(parsed.value);
    if (Object.keys(change).length === 0) {
      throw ApiError.badRequest('VALIDATION_FAILED', '请至少提供一项政策参数', []);
    }
    const [region] = await this.dataSource.query(`SELECT 1 FROM regions WHERE code = $1`, [regionCode]);
    if (!region) throw ApiError.notFound(NOT_VISIBLE);
    await savePolicyPatch(this.dataSource, regionCode, change as Partial<Policy>, user.id);
    this.cache.forget();
    return this.read(regionCode);
  }
}

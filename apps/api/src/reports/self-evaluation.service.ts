import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { countyIndustryShare } from '../industry-share/county-industry-share';
import { latestCountyRoot } from '../../../../libs/persistence/src/audit-day-roots';
import { countyInScope } from './report-scope';
import { unknownPlaceholders, type FigureKey, type SectionKey } from './self-evaluation.figures';
import { readSelfEvaluationRecords } from './self-evaluation.records';
import { composeReport, type SelfEvaluationDraft, type SelfEvaluationReport } from './self-evaluation.report';
import type { SelfEvaluationWithRoot } from './self-evaluation.documents';
import type { SaveSelfEvaluationDto } from './self-evaluation.dto';

/**
 * 绩效自评报告 of a county and year: figures drawn from the ledger, history and library every time;
 * the county's own words and the figures it means to report kept beside them and checked against them.
 */
@Injectable()
export class SelfEvaluationService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private async draft(countyCode: string, year: number): Promise<SelfEvaluationDraft | null> {
    const rows: Array<{ text: Record<string, string>; claimed: Record<string, string>; saved_by: string; saved_at: Date }> = await this.db.query(
      `SELECT text, claimed, saved_by, saved_at FROM self_evaluation_drafts WHERE county_code = $1 AND year = $2`,
      [countyCode, year],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return { text: r.text as SelfEvaluationDraft['text'], claimed: r.claimed as SelfEvaluationDraft['claimed'], savedBy: r.saved_by, savedAt: r.saved_at };
  }

  /** The report with the county's latest sealed 存证根: what it states can be checked against the records as sealed. */
  async report(countyCode: string, year: number, user: AuthUser, now = new Date()): Promise<SelfEvaluationWithRoot> {
    const report = await this.compose(countyCode, year, user, now);
    return { ...report, auditRoot: await latestCountyRoot(this.db, countyCode) };
  }

  private async compose(countyCode: string, year: number, user: AuthUser, now: Date): Promise<SelfEvaluationReport> {
    const countyName = await countyInScope(this.db, countyCode, user);
    // 省级财政衔接资金用于产业比例 (indicator 11 of the provincial assessment) is the monitor's provincial share.
    const [records, draft, thisYear, lastYear] = await Promise.all([
      readSelfEvaluationRecords(this.db, countyCode, year, now),
      this.draft(countyCode, year),
      countyIndustryShare(this.db, countyCode, year, 'province'),
      countyIndustryShare(this.db, countyCode, year - 1, 'province'),
    ]);
    return composeReport({ countyCode, countyName, year, records, provincial: { thisYear, lastYear }, draft, now });
  }

  /**
   * Keeps the county's wording and typed figures. A section or figure left out keeps what was saved;
   * an empty string goes back to the template (for words) or withdraws the typed figure.
   */
  async save(countyCode: string, year: number, body: SaveSelfEvaluationDto, user: AuthUser): Promise<SelfEvaluationWithRoot> {
    await countyInScope(this.db, countyCode, user);
    if (user.role !== 'county' || user.regionCode !== countyCode) {
      throw ApiError.forbidden('只有本县的县级用户可以修改本县的自评报告', 'WRONG_ROLE');
    }
    const text = Object.entries(body.text ?? {}) as Array<[SectionKey, string | undefined]>;
    const problems = text.flatMap(([key, value]) =>
      unknownPlaceholders(value ?? '').map((name) => ({ field: `text.${key}`, messages: [`未知的数据占位符 {{${name}}}：只能引用报告中的指标`] })),
    );
    if (problems.length > 0) throw ApiError.badRequest('VALIDATION_FAILED', `请求参数不合法：${problems[0].messages[0]}`, problems);

    const previous = await this.draft(countyCode, year);
    const merged = { text: { ...(previous?.text ?? {}) }, claimed: { ...(previous?.claimed ?? {}) } };
    // null is taken as "not sent", like a missing key.
    for (const [key, value] of text) {
      if (value === undefined || value === null) continue;
      if (value.trim() === '') delete merged.text[key];
      else merged.text[key] = value;
    }
    for (const [key, value] of Object.entries(body.claimed ?? {}) as Array<[FigureKey, string | undefined]>) {
      if (value === undefined || value === null) continue;
      if (value === '') delete merged.claimed[key];
      else merged.claimed[key] = value;
    }
    await this.db.query(
      `INSERT INTO self_evaluation_drafts (county_code, year, text, claimed, saved_by, saved_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (county_code, year) DO UPDATE SET text = EXCLUDED.text, claimed = EXCLUDED.claimed, saved_by = EXCLUDED.saved_by, saved_at = EXCLUDED.saved_at`,
      [countyCode, year, JSON.stringify(merged.text), JSON.stringify(merged.claimed), user.displayName],
    );
    return this.report(countyCode, year, user);
  }
}

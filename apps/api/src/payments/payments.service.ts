import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { formatYuan, parseYuan } from '../../../../libs/domain/src/money';
import type { AuthUser } from '../auth/auth-user';
import { ProjectsService } from '../projects/projects.service';
import { idForKey } from '../idempotency/idempotency-key';
import { csvField, guardFormula } from '../monitor/monitor-export';
import type { PaymentDto } from './dto/payment.dto';

/** Text typed in by people (names, items) is guarded against spreadsheet formulas like every export. */
const csvCell = (value: string) => csvField(guardFormula(value));

/** 资金拨付 and the project's money ledger. */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly projects: ProjectsService,
  ) {}

  private async matchedFen(projectId: string): Promise<bigint> {
    const [row] = await this.db.query(`SELECT COALESCE(sum(amount_fen), 0)::text AS matched FROM fund_matches WHERE project_id = $1 AND removed_at IS NULL`, [projectId]);
    return BigInt(row.matched);
  }

  /** The workflow checks the caps; the activity checks the money again under the project's lock. */
  async pay(projectId: string, dto: PaymentDto, user: AuthUser, idempotencyKey?: string) {
    const paymentId = idempotencyKey ? idForKey('payment', user.id, projectId, idempotencyKey) : randomUUID();
    // The same keyed request after its first run was recorded (its key's record gone): answer as the first did.
    const [paid] = await this.db.query(`SELECT 1 FROM payments WHERE id = $1 AND project_id = $2`, [paymentId, projectId]);
    if (paid) return { paymentId, project: await this.projects.findOne(projectId, user), ledger: await this.ledgerOf(projectId) };
    const project = await this.projects.act(projectId, user, {
      action: 'pay',
      payment: {
        id: paymentId,
        kind: dto.kind,
        amountFen: parseYuan(dto.amount).toString(),
        paidAt: dto.paidAt.slice(0, 10),
        households: (dto.households ?? []).map((h) => ({ householdId: h.householdId, name: h.name, account: h.account, item: h.item, amountFen: parseYuan(h.amount).toString() })),
      },
      matchedFen: (await this.matchedFen(projectId)).toString(),
    });
    return { paymentId, project, ledger: await this.ledgerOf(projectId) };
  }

  async ledger(projectId: string, user: AuthUser) {
    await this.projects.findEntity(projectId, user);
    return this.ledgerOf(projectId);
  }

  private async ledgerOf(projectId: string) {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT e.at, e.kind, e.amount_fen::text AS amount, e.batch_id, b.doc_number, e.allocation_id, e.match_id, e.payment_id, e.actor, e.note
       FROM ledger_entries e LEFT JOIN fund_batches b ON b.id = e.batch_id
       WHERE e.project_id = $1 ORDER BY e.id`,
      [projectId],
    );
    const total = (kind: string) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + BigInt(r.amount as string), 0n);
    const matched = total('match') - total('unmatch');
    const paid = total('payment');
    return {
      entries: rows.map((r) => ({
        at: (r.at as Date).toISOString(),
        kind: r.kind,
        amount: formatYuan(BigInt(r.amount as string)),
        batchId: r.batch_id,
        docNumber: r.doc_number,
        allocationId: r.allocation_id,
        matchId: r.match_id,
        paymentId: r.payment_id,
        actor: r.actor,
        note: r.note,
      })),
      summary: {
        matched: formatYuan(matched),
        paid: formatYuan(paid),
        unpaid: formatYuan(matched - paid),
        retentionHeld: formatYuan(total('retention_held')),
        retentionReleased: formatYuan(total('retention_released')),
      },
    };
  }

  /** 一卡通 payment file: one line per household paid, for the bank's batch upload. UTF-8 with BOM for Excel. */
  async householdsCsv(projectId: string, user: AuthUser): Promise<string> {
    const project = await this.projects.findEntity(projectId, user);
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT h.household_id, h.name, h.account, h.item, h.amount_fen::text AS amount, p.paid_at, h.year::text AS year
       FROM household_payments h JOIN payments p ON p.id = h.payment_id
       WHERE h.project_id = $1 ORDER BY p.paid_at, h.household_id`,
      [projectId],
    );
    const header = ['户编号', '户主姓名', '一卡通账号', '补助事项', '补助年度', '金额（元）', '发放日期', '项目名称'];
    const lines = rows.map((r) => [r.household_id, r.name, r.account, r.item, r.year, formatYuan(BigInt(r.amount)), r.paid_at, project.name].map(csvCell).join(','));
    return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { needsMeetingRef } from '../../../../libs/domain/src/meeting-ref';
import type { Policy } from '../../../../libs/domain/src/policy';
import { gateOf, missingKinds, missingMessage } from '../../../../libs/domain/src/required-attachments';
import { isStage, type ProjectAction } from '../../../../libs/domain/src/stages';
import type { ProjectEntity } from '../../../../libs/persistence/src/entities/project.entity';
import { ApiError } from '../common/api-error';
import { kindsOf } from './attachment-rows';

/**
 * 必传附件: refuses a step the region's policy wants papers for while the project lacks them,
 * before the command reaches the workflow, naming what is missing.
 */
@Injectable()
export class AttachmentRules {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async check(project: ProjectEntity, action: ProjectAction, policy: Policy): Promise<void> {
    if (!isStage(project.stage)) return;
    const gate = gateOf(project.stage, action, needsMeetingRef(project.type, BigInt(project.totalBudgetFen), policy.meetingRequiredAbove));
    if (!gate || policy.requiredAttachments[gate].length === 0) return;
    const missing = missingKinds(policy.requiredAttachments, gate, await kindsOf(this.dataSource, project.id));
    if (missing.length > 0) throw ApiError.unprocessable(missingMessage(gate, missing), 'ATTACHMENTS_MISSING', { gate, missing });
  }
}

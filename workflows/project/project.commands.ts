import type { AchievedInput } from '../../libs/domain/src/performance-targets';
import type { OperationTarget } from './project.operations';
import type { AssetRecord, ApplicationData, ChangeRecord, HouseholdLine, PaymentRecord, ProcurementRecord } from './project.types';

/**
 * 项目操作指令: everything a person can ask of a project. The API builds these from validated
 * requests; the workflow's validator decides whether they are allowed now.
 */
export type ProjectCommand =
  | { action: 'edit'; application: ApplicationData }
  | { action: 'submit' }
  | { action: 'withdraw'; comment: string | null }
  | { action: 'approve'; comment: string | null; meetingRef: string | null }
  | { action: 'return'; comment: string }
  | { action: 'reject'; comment: string }
  | { action: 'clear_flag'; comment: string }
  | { action: 'object'; objection: { id: string; name: string; contact: string; content: string } }
  | { action: 'resolve_objection'; objectionId: string; decision: 'uphold' | 'dismiss'; comment: string }
  | { action: 'record_procurement'; procurement: Omit<ProcurementRecord, 'recordedAt'> }
  | { action: 'report_progress'; percent: number; note: string; reportedAt: string }
  | { action: 'request_change'; change: Pick<ChangeRecord, 'id' | 'kind' | 'reason' | 'proposed'> }
  | { action: 'review_change'; changeId: string; decision: 'approve' | 'refuse'; comment: string }
  | { action: 'request_acceptance'; comment: string | null }
  | {
      action: 'accept';
      result: 'pass' | 'fail';
      findings: string;
      acceptedAt: string;
      assets: AssetRecord[];
      /**
       * 绩效目标完成值, one per row of the table. Accept commands recorded before values were taken
       * have none and replay as they ran; the API always sends the list.
       */
      targets?: AchievedInput[];
    }
  | { action: 'transfer'; to: OperationTarget; comment: string }
  | { action: 'delegate'; to: OperationTarget; comment: string }
  | { action: 'delegate_opinion'; opinion: string }
  | { action: 'cc'; to: OperationTarget[]; comment: string | null }
  | { action: 'urge'; comment: string | null }
  | { action: 'reassign'; to: OperationTarget; comment: string }
  | { action: 'terminate'; reason: string }
  | {
      action: 'pay';
      payment: { id: string; kind: PaymentRecord['kind']; amountFen: string; paidAt: string; households: HouseholdLine[] };
      /** Money matched to the project when the request was made; the activity checks it again under a lock. */
      matchedFen: string;
    };

export type ProjectCommandAction = ProjectCommand['action'];

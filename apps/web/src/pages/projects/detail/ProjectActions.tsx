import { DownOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { ProjectAction } from '../../../../../../libs/domain/src/stages';
import { useInFlight } from '../../../components/useInFlight';
import { ApiFailure } from '../../../services/http';
import { submitProject } from '../../../services/project-actions';
import type { Ledger, ProjectRecord } from '../../../services/project-records';
import { AcceptanceDialog } from './actions/AcceptanceDialog';
import { AcceptanceRequestDialog } from './actions/AcceptanceRequestDialog';
import { ChangeRequestDialog } from './actions/ChangeRequestDialog';
import { ChangeReviewDialog } from './actions/ChangeReviewDialog';
import { ClearFlagDialog } from './actions/ClearFlagDialog';
import { ObjectionDialog } from './actions/ObjectionDialog';
import { PaymentDialog } from './actions/PaymentDialog';
import { ProcurementDialog } from './actions/ProcurementDialog';
import { ProgressDialog } from './actions/ProgressDialog';
import { ReviewDialog } from './actions/ReviewDialog';
import { WithdrawDialog } from './actions/WithdrawDialog';
import type { DialogProps } from './actions/types';

interface ButtonSpec {
  label: string;
  primary?: boolean;
  danger?: boolean;
  /** The dialog it opens; without one the button acts at once (edit, submit). */
  dialog?: (props: DialogProps & { ledger: Ledger | null }) => ReactNode;
}

/**
 * The buttons for the actions a person can take; system actions (publicity elapsing, completion) are
 * never the API's answer for a signed-in user. Listed in the order they are read, the main one last.
 */
const BUTTONS: Partial<Record<ProjectAction, ButtonSpec>> = {
  withdraw: { label: '撤回', danger: true, dialog: (p) => <WithdrawDialog {...p} /> },
  edit: { label: '修改申报' },
  submit: { label: '提交申报', primary: true },
  clear_flag: { label: '解除负面清单提示', dialog: (p) => <ClearFlagDialog {...p} /> },
  reject: { label: '不予通过', danger: true, dialog: (p) => <ReviewDialog {...p} decision="reject" /> },
  return: { label: '退回修改', dialog: (p) => <ReviewDialog {...p} decision="return" /> },
  approve: { label: '审核通过', primary: true, dialog: (p) => <ReviewDialog {...p} decision="approve" /> },
  resolve_objection: { label: '处理异议', primary: true, dialog: (p) => <ObjectionDialog {...p} /> },
  request_change: { label: '申请变更', dialog: (p) => <ChangeRequestDialog {...p} /> },
  record_procurement: { label: '登记采购', dialog: (p) => <ProcurementDialog {...p} /> },
  report_progress: { label: '报告进度', dialog: (p) => <ProgressDialog {...p} /> },
  request_acceptance: { label: '申请验收', primary: true, dialog: (p) => <AcceptanceRequestDialog {...p} /> },
  review_change: { label: '审批变更', primary: true, dialog: (p) => <ChangeReviewDialog {...p} /> },
  accept: { label: '竣工验收', primary: true, dialog: (p) => <AcceptanceDialog {...p} /> },
  pay: { label: '资金拨付', primary: true, dialog: (p) => <PaymentDialog {...p} /> },
};

/** At phone width the bar holds this many buttons; the rest go under 更多. */
const PHONE_BAR = 2;

/** The actions `allowedActions` names for this user now, each opening its own dialog; nothing else is offered. */
export function ProjectActions({
  project,
  ledger,
  phone,
  onChanged,
}: {
  project: ProjectRecord;
  ledger: Ledger | null;
  phone: boolean;
  onChanged(): Promise<void>;
}) {
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState<ProjectAction | null>(null);
  const { busy, run } = useInFlight<'submit'>();
  const actions = (Object.keys(BUTTONS) as ProjectAction[]).filter((a) => project.allowedActions.includes(a));
  if (actions.length === 0) return null;

  const take = (action: ProjectAction) => {
    if (action === 'edit') return navigate(`/projects/${project.id}/edit`);
    if (action === 'submit') {
      return run('submit', async () => {
        try {
          await submitProject(project.id);
          message.success('已提交申报');
          await onChanged();
        } catch (e) {
          message.error(e instanceof ApiFailure ? e.message : '提交失败');
        }
      });
    }
    setOpen(action);
  };
  const labelOf = (a: ProjectAction) => (a === 'record_procurement' && project.process.procurement ? '更正采购' : BUTTONS[a]!.label);
  const button = (a: ProjectAction) => (
    <Button
      key={a}
      type={BUTTONS[a]!.primary ? 'primary' : 'default'}
      danger={BUTTONS[a]!.danger}
      loading={busy === 'submit' && a === 'submit'}
      disabled={busy !== null}
      onClick={() => void take(a)}
    >
      {labelOf(a)}
    </Button>
  );
  const dialog =
    open &&
    BUTTONS[open]?.dialog?.({
      project,
      ledger,
      onCancel: () => setOpen(null),
      onDone: () => {
        setOpen(null);
        void onChanged();
      },
    });

  if (!phone) {
    return (
      <Space wrap className="project-actions">
        {actions.map(button)}
        {dialog}
      </Space>
    );
  }
  const shown = actions.slice(-PHONE_BAR);
  const more = actions.slice(0, -PHONE_BAR);
  return (
    <div className="mobile-action-bar project-action-bar">
      {more.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: more.map((a) => ({ key: a, label: labelOf(a), danger: BUTTONS[a]!.danger })),
            onClick: ({ key }) => void take(key as ProjectAction),
          }}
        >
          <Button disabled={busy !== null}>
            更多 <DownOutlined />
          </Button>
        </Dropdown>
      )}
      {shown.map(button)}
      {dialog}
    </div>
  );
}

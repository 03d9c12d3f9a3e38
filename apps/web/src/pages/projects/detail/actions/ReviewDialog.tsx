import { Form, Input, Typography } from 'antd';
import { reviewProject } from '../../../../services/project-actions';
import { ActionDialog } from './ActionDialog';
import type { DialogProps } from './types';

export type Decision = 'approve' | 'return' | 'reject';
export const DECISION_LABELS: Record<Decision, string> = { approve: '审核通过', return: '退回修改', reject: '不予通过' };

interface Values {
  comment?: string;
  meetingRef?: string;
}

/** 审核: approve, return or refuse at the reviewer's stage; the county cites the standing meeting when the API says the project needs it. */
export function ReviewDialog({ project, decision, onDone, onCancel }: DialogProps & { decision: Decision }) {
  const [form] = Form.useForm<Values>();
  const askMeeting = project.stage === 'county_review' && decision === 'approve';
  const meetingRequired = askMeeting && project.meetingRefRequired === true;
  return (
    <ActionDialog<Values>
      title={DECISION_LABELS[decision]}
      okText={`确认${DECISION_LABELS[decision]}`}
      danger={decision === 'reject'}
      form={form}
      fields={['comment', 'meetingRef']}
      intro={
        decision === 'return' ? (
          <Typography.Paragraph type="secondary">退回后由村级修改再提交，重新提交的申报回到您这里审核。</Typography.Paragraph>
        ) : decision === 'reject' ? (
          <Typography.Paragraph type="danger">不予通过后项目终止，不能再提交。</Typography.Paragraph>
        ) : null
      }
      send={({ comment, meetingRef }) =>
        reviewProject(project.id, {
          decision,
          ...(comment?.trim() ? { comment: comment.trim() } : {}),
          ...(meetingRef?.trim() ? { meetingRef: meetingRef.trim() } : {}),
        })
      }
      success={`已${DECISION_LABELS[decision]}`}
      onDone={onDone}
      onCancel={onCancel}
      refusalField={(f) => (/会议纪要|meetingRef/.test(f.message) ? ['meetingRef'] : decision === 'approve' ? null : ['comment'])}
    >
      <Form.Item
        label="审核意见"
        name="comment"
        rules={[
          ...(decision === 'approve' ? [] : [{ required: true, whitespace: true, message: '退回或不予通过须填写审核意见' }]),
          { max: 2000, message: '最长 2000 字' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} placeholder={decision === 'approve' ? '可不填' : '请写明需要修改或不予通过的原因'} />
      </Form.Item>
      {askMeeting && (
        <Form.Item
          label="县政府常务会议纪要文号"
          name="meetingRef"
          extra={meetingRequired ? '产业项目总投资超过政策规定金额，须经县政府常务会议研究' : '如经县政府常务会议研究，可填写纪要文号'}
          rules={[
            ...(meetingRequired ? [{ required: true, whitespace: true, message: '本项目须填写县政府常务会议纪要文号' }] : []),
            { max: 100, message: '最长 100 字' },
          ]}
        >
          <Input placeholder="如 朔城政常〔2024〕12号" />
        </Form.Item>
      )}
    </ActionDialog>
  );
}

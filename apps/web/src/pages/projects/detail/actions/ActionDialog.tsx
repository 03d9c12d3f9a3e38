import { Alert, App as AntApp, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useInFlight } from '../../../../components/useInFlight';
import { ApiFailure } from '../../../../services/http';
import { failureHint, placeFailure, type FieldPath } from './failure';

export interface ActionDialogProps<V> {
  title: string;
  okText: string;
  danger?: boolean;
  width?: number;
  form: FormInstance<V>;
  /** The form's top-level field names: the API's field errors on them land under the field. */
  fields: readonly string[];
  initialValues?: Partial<V>;
  /** What the dialog says before the form: the subject of the decision. */
  intro?: ReactNode;
  send(values: V): Promise<unknown>;
  success: string;
  /** Called after a success: the page reloads the project, whose allowed actions have changed. */
  onDone(): void;
  onCancel(): void;
  refusalField?: (failure: ApiFailure) => FieldPath | null;
  children: ReactNode;
}

/**
 * One decision, one dialog: the form checks what it can before sending, the button is disabled from
 * the first click until the answer, and a refusal stays on screen with what was typed.
 */
export function ActionDialog<V extends object>(props: ActionDialogProps<V>) {
  const { message } = AntApp.useApp();
  const { busy, run } = useInFlight<'send'>();
  const [problem, setProblem] = useState<{ text: string; hint: string | null } | null>(null);
  // After a 409 the project has moved on: closing the dialog reloads it, so the buttons are current again.
  const [stale, setStale] = useState(false);
  const sending = busy !== null;

  const submit = () =>
    run('send', async () => {
      setProblem(null);
      const values = await props.form.validateFields().catch(() => null);
      if (!values) return;
      try {
        await props.send(values);
        message.success(props.success);
        props.onDone();
      } catch (error) {
        setProblem({ text: placeFailure(error, props.form, props.fields, props.refusalField), hint: failureHint(error) });
        if (error instanceof ApiFailure && error.status === 409) setStale(true);
      }
    });

  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText="取消"
      onOk={submit}
      onCancel={() => !sending && (stale ? props.onDone() : props.onCancel())}
      okButtonProps={{ loading: sending, danger: props.danger, disabled: sending }}
      cancelButtonProps={{ disabled: sending }}
      mask={{ closable: false }}
      closable={!sending}
      width={props.width}
      destroyOnHidden
    >
      {props.intro}
      {problem && <Alert className="action-problem" type="error" showIcon title={problem.text} description={problem.hint} role="alert" />}
      <Form form={props.form} layout="vertical" disabled={sending} initialValues={props.initialValues} preserve={false}>
        {props.children}
      </Form>
    </Modal>
  );
}

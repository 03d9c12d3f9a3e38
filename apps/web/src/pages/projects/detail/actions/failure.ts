import type { FormInstance } from 'antd';
import { ApiFailure } from '../../../../services/http';
import { namePathOf } from '../../apply/application-values';

export type FieldPath = (string | number)[];

/**
 * Puts the API's answer where the clerk looks: each named field's problems under that field, a
 * refusal that concerns one field (a rule about the amount, the minutes) under it too, and the
 * message itself in the dialog's banner, so nothing the API said is lost.
 */
export function placeFailure(
  error: unknown,
  form: FormInstance,
  fields: readonly string[],
  refusalField?: (failure: ApiFailure) => FieldPath | null,
): string {
  if (!(error instanceof ApiFailure)) return '操作失败，请稍后重试';
  const placed = error.fieldProblems.filter((p) => fields.includes(p.field.split(/[.[]/)[0]));
  form.setFields(placed.map((p) => ({ name: namePathOf(p.field) as never, errors: p.messages })));
  if (placed.length > 0) return `${error.message}（已在对应栏目中标出）`;
  const target = refusalField?.(error);
  if (target) form.setFields([{ name: target as never, errors: [error.message] }]);
  return error.message;
}

/** What a status means for the next step, beyond the API's own words. */
export function failureHint(error: unknown): string | null {
  if (!(error instanceof ApiFailure)) return null;
  if (error.status === 409) return '项目已被他人处理或阶段已变化，请关闭后查看最新状态。';
  if (error.status === 403) return '您的账号不能办理这一步。';
  return null;
}

import type { FormInstance } from 'antd';
import type { ApiFailure } from '../../../services/http';

/** Field path of a validation detail: `allocations.0.amount` or `allocations[0].amount` → ['allocations', 0, 'amount']. */
export function namePath(field: string): (string | number)[] {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the API's field errors on the form's fields; returns those that name no field of this form
 * so the page can still show them. A repeated 文号 lands on 文号.
 */
export function placeFieldErrors(form: FormInstance, failure: ApiFailure, fields: ReadonlySet<string>): string[] {
  const placed = failure.fieldProblems.filter((p) => fields.has(String(namePath(p.field)[0])));
  form.setFields(placed.map((p) => ({ name: namePath(p.field) as never, errors: p.messages })));
  if (failure.code === 'DUPLICATE_DOC_NUMBER') form.setFields([{ name: 'docNumber', errors: [failure.message] }]);
  return failure.fieldProblems.filter((p) => !placed.includes(p)).flatMap((p) => p.messages);
}

import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError } from './api-error';

export interface FieldProblem {
  field: string;
  messages: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Unknown fields are refused rather than dropped, so a misspelt field is reported instead of
 * silently ignored. Messages come from the DTOs' Chinese texts.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Numbers must arrive as JSON numbers: "12" for a count is refused, not coerced.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors).map((p) => ({
        field: p.field,
        messages: p.messages.map((m) => (/should not exist/.test(m) ? `不允许的字段 ${p.field}` : m)),
      }));
      const first = details[0];
      return ApiError.badRequest('VALIDATION_FAILED', first ? `请求参数不合法：${first.messages[0]}` : '请求参数不合法', details);
    },
  });
}

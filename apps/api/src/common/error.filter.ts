import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { isUnavailable } from './unavailable';
import type { ErrorBody } from './api-error';

const STATUS_DEFAULTS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求不合法' },
  401: { code: 'UNAUTHORIZED', message: '未登录或登录已过期' },
  403: { code: 'FORBIDDEN', message: '无权执行此操作' },
  404: { code: 'NOT_FOUND', message: '资源不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方法' },
  409: { code: 'CONFLICT', message: '当前状态不允许此操作' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型，请使用 application/json' },
  422: { code: 'RULE_BROKEN', message: '业务规则不允许此操作' },
  429: { code: 'TOO_MANY_REQUESTS', message: '请求过于频繁，请稍后再试' },
  503: { code: 'SERVICE_UNAVAILABLE', message: '服务暂不可用，请稍后再试' },
};

/** body-parser reports its own failures with a `type`; they are the client's fault, never a 500. */
const BODY_PARSER_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'INVALID_JSON', message: '请求体不是合法的 JSON' },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_ENCODING', message: '不支持的请求编码' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_CHARSET', message: '不支持的字符集' },
  'request.aborted': { status: 400, code: 'REQUEST_ABORTED', message: '请求被中断' },
  'entity.too.deep': { status: 400, code: 'BODY_TOO_DEEP', message: '请求体嵌套层级过深' },
  'entity.proto': { status: 400, code: 'VALIDATION_FAILED', message: '请求参数不合法：不允许的字段 __proto__' },
  'entity.nul': { status: 400, code: 'INVALID_CHARACTER', message: '请求内容不能包含空字符（U+0000）' },
};

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** Turns every failure into `{ code, message, details }` with the right status. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = describeError(exception);
    if (status >= 500 && status !== 503) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}

/** The status and body the filter answers for an exception (also stored by the idempotency interceptor). */
export function describeError(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const payload = exception.getResponse();
    if (isErrorBody(payload)) return { status, body: { code: payload.code, message: payload.message, details: payload.details ?? null } };
    // Nest turns body-parser's SyntaxError for broken JSON into a bare 400 with the parser's English text.
    if (status === 400 && /JSON|Unexpected|Expected/.test(exception.message)) {
      return { status, body: { code: 'INVALID_JSON', message: '请求体不是合法的 JSON', details: null } };
    }
    const fallback = STATUS_DEFAULTS[status] ?? { code: 'ERROR', message: '请求失败' };
    return { status, body: { ...fallback, details: null } };
  }
  const parserError = BODY_PARSER_ERRORS[(exception as { type?: string })?.type ?? ''];
  if (parserError) {
    return { status: parserError.status, body: { code: parserError.code, message: parserError.message, details: null } };
  }
  if (isUnavailable(exception)) {
    return { status: 503, body: { ...STATUS_DEFAULTS[503], details: null } };
  }
  // Other request-reading failures (a body that does not match its Content-Encoding…) carry their 4xx status.
  const status = (exception as { status?: unknown; expose?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && (exception as { expose?: unknown }).expose === true) {
    return { status, body: { ...(STATUS_DEFAULTS[status] ?? { code: 'BAD_REQUEST', message: '请求体无法解析' }), details: null } };
  }
  return { status: 500, body: { code: 'INTERNAL_ERROR', message: '服务器内部错误', details: null } };
}

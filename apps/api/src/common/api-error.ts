import { HttpException } from '@nestjs/common';

/** The one error shape of the API: `{ code, message, details }`, the message in Chinese. */
export interface ErrorBody {
  code: string;
  message: string;
  details: unknown;
}

export class ApiError extends HttpException {
  constructor(status: number, code: string, message: string, details: unknown = null) {
    super({ code, message, details } satisfies ErrorBody, status);
  }

  static badRequest(code: string, message: string, details: unknown = null): ApiError {
    return new ApiError(400, code, message, details);
  }
  static unauthorized(message = '未登录或登录已过期'): ApiError {
    return new ApiError(401, 'UNAUTHORIZED', message);
  }
  static forbidden(message: string, code = 'FORBIDDEN'): ApiError {
    return new ApiError(403, code, message);
  }
  static notFound(message = '资源不存在', code = 'NOT_FOUND'): ApiError {
    return new ApiError(404, code, message);
  }
  static conflict(message: string, code = 'WRONG_STAGE', details: unknown = null): ApiError {
    return new ApiError(409, code, message, details);
  }
  static unprocessable(message: string, code = 'RULE_BROKEN', details: unknown = null): ApiError {
    return new ApiError(422, code, message, details);
  }
  static unavailable(message: string, details: unknown = null): ApiError {
    return new ApiError(503, 'SERVICE_UNAVAILABLE', message, details);
  }
}

import type { INestApplication, Type } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject, type ParameterObject, type ResponseObject } from '@nestjs/swagger';
import { PENDING_PASSWORD_KEY, PUBLIC_KEY, ROLES_KEY } from '../auth/auth.decorators';
import { MAX_KEY_LENGTH, MUTATING_METHODS } from '../idempotency/idempotency-key';
import { ErrorBody, FieldProblem } from './error.response';
import { PublicWriteRateLimit } from './rate-limit.guard';

/**
 * Every error code the API answers with, and what it means. An operation's error responses list the
 * codes it can carry, from its own `@ApiErrors()` and from what its guards, pipes and body handling
 * add (see {@link completeErrorResponses}).
 */
export const ERROR_CODES = {
  // 400
  VALIDATION_FAILED: '请求参数不合法（details 为逐字段的问题）',
  INVALID_JSON: '请求体不是合法的 JSON',
  BODY_TOO_DEEP: '请求体嵌套层级过深',
  INVALID_CHARACTER: '请求内容含空字符（U+0000）',
  INVALID_IDEMPOTENCY_KEY: 'Idempotency-Key 不是 1–200 个可打印 ASCII 字符',
  INVALID_INPUT: '流程拒绝了不合法的内容（如空白的意见、到户清单与金额不符）',
  FILE_REQUIRED: '未上传分配表文件（字段 file）',
  NO_FILES: '未上传附件文件（字段 files）',
  // 401
  UNAUTHORIZED: '未登录、令牌无效或已过期，或用户名密码错误',
  // 403
  WRONG_ROLE: '当前角色无权执行此操作',
  OUTSIDE_REGION: '超出本人管辖的地区',
  NOT_UPLOADER: '只有上传人可以删除附件',
  CSRF_FAILED: '控制台会话的修改请求缺少或带错 CSRF 令牌，或来自其他站点',
  PASSWORD_CHANGE_REQUIRED: '须先修改管理员设置的密码（POST /auth/change-password）',
  ACCOUNT_LOCKED: '账户因连续输错密码被锁定（details.lockedUntil 为解锁时间）',
  ACCOUNT_DISABLED: '账户已停用',
  // 404
  NOT_FOUND: '资源不存在，或不在本人管辖范围内（不透露其是否存在）',
  REGION_NOT_FOUND: '地区不存在或不在本人管辖范围内',
  // 409
  WRONG_STAGE: '项目或资金当前所处阶段不允许此操作',
  CONFLICT: '当前状态不允许此操作',
  ALREADY_RECEIVED: '该批资金已确认到账',
  USERNAME_TAKEN: '用户名已被使用',
  NOT_RECEIVED: '资金尚未确认到账',
  DUPLICATE_DOC_NUMBER: '同一文号的批次已存在',
  IDEMPOTENCY_IN_PROGRESS: '同一 Idempotency-Key 的请求仍在处理中（Retry-After: 1）',
  // 413, 415
  PAYLOAD_TOO_LARGE: '请求体或文件过大',
  UNSUPPORTED_MEDIA_TYPE: '请求体不是 JSON（上传分配表时为 multipart/form-data）',
  UNSUPPORTED_ENCODING: '不支持的请求体压缩编码',
  UNSUPPORTED_CHARSET: '不支持的字符集',
  UNSUPPORTED_FILE_TYPE: '附件的内容不是本地区政策允许的文件类型（按内容识别，不看文件名）',
  // 422: the request is well formed; what it says cannot be done (a rule across fields, an unknown thing it names)
  FUNDING_MISMATCH: '各资金来源金额之和不等于总投资',
  UNKNOWN_VILLAGE: '村代码不存在',
  TARGET_SUBCATEGORY_MISMATCH: '绩效目标的二级指标不属于该行的一级指标',
  INVALID_ALLOCATIONS: '分配明细有错误（details 为逐行问题）',
  UNREADABLE_FILE: '文件无法读取（不是 CSV 或 XLSX，或编码无法识别）',
  IMPORT_INVALID: '分配表有错误，未导入任何数据（details 为逐行问题）',
  RULE_BROKEN: '业务规则不允许（负面清单、超额匹配、超额拨付、须上会等）',
  NOT_IN_LIBRARY: '项目未入库，不能安排资金',
  ATTACHMENTS_MISSING: '本地区政策要求此步骤前上传的附件尚缺（message 与 details.missing 列出缺少的类别）',
  UNKNOWN_REGION: '地区代码不存在',
  WEAK_PASSWORD: '密码不符合密码规则（details.problems 为逐条问题）',
  WRONG_PASSWORD: '原密码不正确',
  IDEMPOTENCY_KEY_REUSED: '同一 Idempotency-Key 已用于不同的请求内容',
  // 429
  TOO_MANY_REQUESTS: '请求过于频繁，请稍后再试',
  TOO_SOON: '同一待办两次催办的间隔短于政策规定（details.retryAfterSeconds 为还需等待的秒数）',
  // 503
  SERVICE_UNAVAILABLE: '数据库或 Temporal 暂不可用，可稍后重试',
  EXPIRED: '操作等待流程处理超时，未予办理，可重新提交',
  RECORDING_DELAYED: '操作已受理，但数据库暂不可用：记录将自动补写，请勿重复提交',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
export type ErrorCodes = Partial<Record<ErrorStatus, readonly ErrorCode[]>>;

const API_ERRORS = 'rural-funds:api-errors';

function merge(a: ErrorCodes, b: ErrorCodes): ErrorCodes {
  const out: Record<number, ErrorCode[]> = {};
  for (const source of [a, b]) {
    for (const [status, codes] of Object.entries(source) as Array<[string, readonly ErrorCode[]]>) {
      out[Number(status)] = [...new Set([...(out[Number(status)] ?? []), ...codes])];
    }
  }
  return out as ErrorCodes;
}

/**
 * The error codes an operation (or every operation of a controller) answers with beyond those its
 * guards, pipes and body handling imply: not-found ids, stage conflicts, broken rules.
 */
export function ApiErrors(errors: ErrorCodes): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = descriptor ? (descriptor.value as object) : target;
    Reflect.defineMetadata(API_ERRORS, merge(Reflect.getMetadata(API_ERRORS, holder) ?? {}, errors), holder);
  };
}

interface Handler {
  controller: Type<unknown>;
  method: (...args: unknown[]) => unknown;
}

/** Controllers' handlers by the operationId the document gives them (`Controller_method`). */
function handlersByOperationId(app: INestApplication): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const method = (controller.prototype as Record<string, unknown>)[name];
        if (name !== 'constructor' && typeof method === 'function') {
          handlers.set(`${controller.name}_${name}`, { controller, method: method as Handler['method'] });
        }
      }
    }
  }
  return handlers;
}

function metadata<T>(key: string, handler: Handler): T | undefined {
  return Reflect.getMetadata(key, handler.method) ?? Reflect.getMetadata(key, handler.controller);
}

/** The errors every operation of this kind can answer with, from how the API is put together. */
function impliedErrors(method: string, operation: OperationObject, handler: Handler | undefined): ErrorCodes {
  let errors: ErrorCodes = { 503: ['SERVICE_UNAVAILABLE'] };
  const add = (more: ErrorCodes) => (errors = merge(errors, more));
  const isPublic = handler ? metadata<boolean>(PUBLIC_KEY, handler) === true : operation.security === undefined;
  const mutating = MUTATING_METHODS.has(method.toUpperCase());
  if (!isPublic) add({ 401: ['UNAUTHORIZED'] });
  if (!isPublic && !(handler && metadata<boolean>(PENDING_PASSWORD_KEY, handler))) add({ 403: ['PASSWORD_CHANGE_REQUIRED'] });
  if (!isPublic && mutating) add({ 403: ['CSRF_FAILED'] });
  if (handler && metadata<string[]>(ROLES_KEY, handler)?.length) add({ 403: ['WRONG_ROLE'] });
  const guards = handler ? [...(Reflect.getMetadata(GUARDS_METADATA, handler.method) ?? []), ...(Reflect.getMetadata(GUARDS_METADATA, handler.controller) ?? [])] : [];
  if (guards.includes(PublicWriteRateLimit)) add({ 429: ['TOO_MANY_REQUESTS'] });
  const hasQuery = (operation.parameters ?? []).some((p: ParameterObject | { $ref: string }) => 'in' in p && p.in === 'query');
  if (operation.requestBody || hasQuery) add({ 400: ['VALIDATION_FAILED'] });
  if (mutating) {
    add({
      400: ['INVALID_JSON', 'BODY_TOO_DEEP', 'INVALID_CHARACTER'],
      413: ['PAYLOAD_TOO_LARGE'],
      415: ['UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_ENCODING', 'UNSUPPORTED_CHARSET'],
    });
  }
  if (takesIdempotencyKey(method, operation)) {
    add({ 400: ['INVALID_IDEMPOTENCY_KEY'], 409: ['IDEMPOTENCY_IN_PROGRESS'], 422: ['IDEMPOTENCY_KEY_REUSED'] });
  }
  return errors;
}

/**
 * Logging in changes nothing and its answer is a credential; a password change's answer is a new
 * credential too: neither is ever stored for a replay.
 */
const NO_IDEMPOTENCY = new Set(['AuthController_login', 'AuthController_changePassword']);

function takesIdempotencyKey(method: string, operation: OperationObject): boolean {
  return MUTATING_METHODS.has(method.toUpperCase()) && !NO_IDEMPOTENCY.has(operation.operationId ?? '');
}

const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    '使请求可安全重试：同一调用者对同一路径以同一键重复请求，得到第一次的应答（标有 Idempotent-Replayed: true），键保存 24 小时；首个请求仍在处理时答复 409 `IDEMPOTENCY_IN_PROGRESS`（Retry-After: 1），同一键换了请求内容答复 422 `IDEMPOTENCY_KEY_REUSED`',
  schema: {
    type: 'string',
    minLength: 1,
    maxLength: MAX_KEY_LENGTH,
    // Printable ASCII; HTTP strips spaces around a header value, so the key neither starts nor ends with one.
    pattern: '^[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?$',
    example: '2f6d1c1e-7f1a-4c1b-9a57-3a0c1d2e4b5f',
  },
};

function errorResponse(codes: readonly ErrorCode[]): ResponseObject & { 'x-error-codes': readonly ErrorCode[] } {
  return {
    description: codes.map((code) => `\`${code}\` ${ERROR_CODES[code]}`).join('；'),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    'x-error-codes': codes,
  };
}

/**
 * Gives every operation its error responses — `ErrorBody` with the codes it may carry, from its
 * `@ApiErrors()` and from its guards, roles, parameters and body — and the `Idempotency-Key` header
 * on every mutating request that honours it. A status the operation documents otherwise (the
 * health check's 503) keeps its own answer.
 */
export function completeErrorResponses(document: OpenAPIObject, app: INestApplication): OpenAPIObject {
  const handlers = handlersByOperationId(app);
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item) as Array<[string, OperationObject]>) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const handler = handlers.get(operation.operationId ?? '');
      const explicit: ErrorCodes = handler ? merge(Reflect.getMetadata(API_ERRORS, handler.controller) ?? {}, Reflect.getMetadata(API_ERRORS, handler.method) ?? {}) : {};
      const errors = merge(impliedErrors(method, operation, handler), explicit);
      for (const status of Object.keys(errors).map(Number).sort()) {
        if (operation.responses[status]) continue;
        operation.responses[status] = errorResponse(errors[status as ErrorStatus]!);
      }
      if (takesIdempotencyKey(method, operation)) {
        // A handler that reads the header itself (@Headers) would otherwise list it a second time, unconstrained.
        const others = (operation.parameters ?? []).filter((p) => !('in' in p && p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'));
        operation.parameters = [...others, IDEMPOTENCY_KEY_PARAMETER];
      }
    }
  }
  return document;
}

/** Every component schema a schema refers to, itself included, through properties, items and compositions. */
function referredSchemas(schema: unknown, components: Record<string, unknown>, found: Set<string>): Set<string> {
  if (!schema || typeof schema !== 'object') return found;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const name = ref.slice('#/components/schemas/'.length);
    if (found.has(name)) return found;
    found.add(name);
    return referredSchemas(components[name], components, found);
  }
  for (const value of Object.values(schema)) referredSchemas(value, components, found);
  return found;
}

/** The body parser refuses U+0000 anywhere in a JSON body (INVALID_CHARACTER): free text says so too. */
function refuseNul(schema: Record<string, unknown>): void {
  if (schema.type === 'string' && !schema.pattern && !schema.enum && !schema.format) schema.pattern = '^[^\\x00]*$';
}

/**
 * The validation pipe refuses unknown fields (forbidNonWhitelisted), so every schema a request body
 * uses says so, and its free text refuses NUL: a client generating requests from the document then
 * never sends what the API refuses.
 */
export function closeRequestSchemas(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
  const names = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      const body = operation?.requestBody;
      if (body && 'content' in body) referredSchemas(body.content, components, names);
    }
  }
  for (const name of names) {
    const schema = components[name];
    if (schema?.type !== 'object') continue;
    schema.additionalProperties = false;
    for (const property of Object.values((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      refuseNul(property);
      if (property.items) refuseNul(property.items as Record<string, unknown>);
    }
  }
  return document;
}

/** The API's OpenAPI document: generated from controllers and DTOs (the compiler plugin), then completed. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('衔接资金项目审批引擎 API')
    .setDescription(
      [
        'Rural-revitalization bridging funds (衔接资金): projects, tasks, fund batches, monitoring.',
        '',
        '除 `/health`、`/auth/login`、`/auth/logout`、`/public/*` 与公众异议外，每个请求须带 `Authorization: Bearer <accessToken>`（由 `POST /auth/login` 取得）；',
        'Web 控制台改用 httpOnly 会话 Cookie（登录时带 `X-Auth-Mode: cookie`），其修改请求须在 `X-CSRF-Token` 中回送 CSRF 令牌。',
        '金额一律为以元为单位、最多两位小数的十进制字符串（如 `"1600000.00"`）；错误一律为 `ErrorBody`：`{ code, message, details }`。',
      ].join('\n'),
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody, FieldProblem] });
  return closeRequestSchemas(completeErrorResponses(document, app));
}

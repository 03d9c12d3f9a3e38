import createClient from 'openapi-fetch';
import type { paths } from './api-schema';

/** One field's problems, as the API's validation reports them in `details`. */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/** A refused or failed request, carrying the API's `{ code, message, details }`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }

  /** Field errors for a form, when the API named the fields. */
  get fieldProblems(): FieldProblem[] {
    return Array.isArray(this.details) ? this.details.filter((d): d is FieldProblem => typeof d?.field === 'string' && Array.isArray(d?.messages)) : [];
  }
}

/** What a status means to a clerk when the answer carries no message of its own. */
const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容不符合要求，请检查后重试',
  401: '登录已过期，请重新登录',
  403: '您没有权限执行此操作',
  404: '项目或资源不存在，或不在您的管辖范围内',
  409: '项目当前所处阶段不允许此操作，请刷新后查看最新状态',
  413: '文件或内容过大',
  422: '业务规则不允许此操作',
  429: '操作过于频繁，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
};

export function failureOf(status: number, body: unknown): ApiFailure {
  const b = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const message = typeof b.message === 'string' && b.message ? b.message : (STATUS_MESSAGES[status] ?? `请求失败（${status}）`);
  return new ApiFailure(status, typeof b.code === 'string' ? b.code : `HTTP_${status}`, message, b.details ?? null);
}

export function readCookie(name: string): string | undefined {
  const found = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : undefined;
}

/**
 * Called when a request meets an expired session: resolves once the user has signed in again (the
 * page and what was typed stay), so the request can go on; rejects if the user gives up.
 */
type Relogin = () => Promise<void>;
let relogin: Relogin | null = null;
export function onSessionExpired(handler: Relogin | null): void {
  relogin = handler;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const NO_RELOGIN = /^\/auth\/(login|me|logout)$/;

function withCsrf(request: Request): Request {
  if (SAFE.has(request.method)) return request;
  const token = readCookie('rf_csrf');
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('X-CSRF-Token', token);
  return new Request(request, { headers });
}

/** fetch for every console request: the session cookie, its CSRF token, and a sign-in again on expiry. */
export async function sessionFetch(input: Request): Promise<Response> {
  const spare = input.clone();
  let response: Response;
  try {
    response = await fetch(withCsrf(input));
  } catch {
    throw new ApiFailure(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (response.status === 401 && relogin && !NO_RELOGIN.test(new URL(input.url).pathname)) {
    await relogin();
    return fetch(withCsrf(spare));
  }
  return response;
}

/** The typed client, generated from the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin', fetch: sessionFetch });

/** The answer's body, or the API's refusal thrown as an {@link ApiFailure}. */
export async function unwrap<T>(pending: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw failureOf(response.status, error);
  return data as T;
}

/** Downloads a file the API makes (CSV, XLSX); a JSON answer instead is the API refusing, shown as an error. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await sessionFetch(new Request(new URL(path, window.location.origin), { credentials: 'same-origin' }));
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || type.includes('application/json')) {
    throw failureOf(response.status, await response.json().catch(() => null));
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

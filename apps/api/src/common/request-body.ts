import type { NextFunction, Request, Response } from 'express';

/** Deeper than any request of this API; a deeper body is an attack on the validators' recursion. */
const MAX_DEPTH = 32;

class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
  ) {
    super(type);
  }
}

/**
 * Checks the raw JSON before it is parsed: nesting depth, a `__proto__` key, and U+0000, which
 * PostgreSQL text cannot hold (refused here, it can never reach a write that would then fail forever).
 */
export function verifyJsonBody(_req: Request, _res: Response, buffer: Buffer): void {
  // A "__proto__" key becomes an own property that the validators skip: refuse it like any unknown field.
  if (/"__proto__"\s*:/.test(buffer.toString('utf8'))) throw new BodyError(400, 'entity.proto');
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i += 1) {
    const c = buffer[i];
    if (c === 0) throw new BodyError(400, 'entity.nul');
    if (inString) {
      if (c === 0x5c) {
        // A backslash escape: \u0000 is the NUL character written out.
        if (buffer[i + 1] === 0x75 && buffer.toString('latin1', i + 2, i + 6) === '0000') throw new BodyError(400, 'entity.nul');
        i += 1;
      } else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > MAX_DEPTH) throw new BodyError(400, 'entity.too.deep');
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The uploads: an allocation table, a project's attachments. */
const MULTIPART_PATHS = /\/batches\/import\/?$|^\/projects\/[^/]+\/attachments\/?$/;

/**
 * A body in another format would otherwise be read as no body at all (a form-encoded comment
 * silently dropped): mutating requests carry JSON, or multipart where a file is uploaded.
 */
export function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!MUTATING.has(req.method) || !hasBody) return next();
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (/^application\/([\w.+-]+\+)?json\b/.test(type)) return next();
  if (type.startsWith('multipart/form-data') && MULTIPART_PATHS.test(req.path)) return next();
  res.status(415).json({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求体须为 JSON（Content-Type: application/json）', details: { contentType: type || null } });
}

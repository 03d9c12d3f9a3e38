import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every answer: the console's pages, Swagger UI at /docs and JSON
 * alike, since an API answer opened in a tab is a document too.
 *
 * - Scripts only from our own origin, never inline: Vite's build links its chunks from index.html
 *   (no inline bootstrap) and the bundles need no eval; Swagger UI loads its init as a file too.
 * - Styles also allow 'unsafe-inline'. Ant Design 6 writes its CSS-in-JS into <style> elements at
 *   run time, Swagger UI's page carries <style> blocks, and components set style attributes. A nonce
 *   would cover the <style> elements only if every page were rendered per request to carry it, and
 *   still not the attributes; inline CSS cannot run code, and with scripts and connections locked
 *   to our origin it cannot send what it reads elsewhere, so we accept it rather than pretend.
 * - Images and fonts also from data: URLs (icons inlined by antd's and Swagger UI's styles), blob:
 *   for files the console builds in the page (exports, import templates).
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** A year: browsers keep using TLS for the host that long after last seeing the header. */
const HSTS_MAX_AGE_S = 365 * 24 * 60 * 60;

/**
 * The security headers of every answer. HSTS goes only on answers that reached us over TLS, directly
 * or through a proxy TRUST_PROXY believes: on plain HTTP (a county intranet) it would mean nothing,
 * and sending it from behind an unknown proxy could pin a host that has no certificate.
 */
export function securityHeaders(): RequestHandler {
  const common = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: HSTS_MAX_AGE_S, includeSubDomains: false });
  return (request: Request, response: Response, next: NextFunction) => {
    common(request, response, (error?: unknown) => {
      if (error || !request.secure) return next(error);
      hsts(request, response, next);
    });
  };
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the server itself renders as HTML; every other page a browser opens belongs to the console. */
const SERVER_PAGES = /^\/(docs|docs-json|health)(\/|$)/;

/** The repository (or image) root: the nearest folder up from this file that holds package.json. */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** Where `npm run build:web` puts the console; `WEB_ROOT` overrides it. */
export function consoleRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.WEB_ROOT || join(projectRoot(__dirname), 'dist', 'web');
}

/**
 * A browser opening a page (it asks for HTML) gets the console, whose router draws it; API clients
 * ask for JSON and reach the API on the same paths, so `/projects/:id` is both the project page and
 * the project's record, and API paths and statuses stay as they are.
 */
function isPageRequest(request: Request): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (SERVER_PAGES.test(request.path)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

const MISSING = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>控制台未构建</title>
<p>Web 控制台尚未构建：请运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建）。API 照常可用，文档见 <a href="/docs">/docs</a>。</p></html>`;

/** Serves the built console at `/`: hashed assets cached for good, the page itself always fresh. */
export function serveConsole(app: NestExpressApplication, root = consoleRoot()): void {
  const index = join(root, 'index.html');
  app.useStaticAssets(root, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader('Cache-Control', path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isPageRequest(request)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) return response.status(503).type('html').send(MISSING);
    response.sendFile(index);
  });
}

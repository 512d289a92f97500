# syntax=docker/dockerfile:1
# Statehouse's container: the standalone Next.js server on Node 24, run as a non-root user, fit for a
# read-only root filesystem (writes go only to /tmp). Config and secrets come from the environment and
# mounted files at run time; nothing secret is baked into the image.
# The build step is scripts/build-app.sh, the one the tests and the demo run.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN bash scripts/build-app.sh

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    STATEHOUSE_CONFIG=/etc/statehouse/statehouse.config.json \
    LOG_LEVEL=info
WORKDIR /app
# The standalone folder holds server.js, the traced node_modules, .next/static and public/ (build-app.sh copied them in).
COPY --from=build --chown=root:root /app/.next/standalone ./
# Owned by root, run by another user: the application cannot rewrite its own code.
USER node
EXPOSE 3000
# Liveness only (no AWS call); readiness is /api/ready, for the orchestrator to probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]

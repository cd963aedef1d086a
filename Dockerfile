# Keysmith's image: `docker build -t keysmith .` (docker-compose.yml runs it with PostgreSQL and Redis).
# The runtime stage holds only .next/standalone as `npm run build` completes it (scripts/build-server.ts):
# the compiled start script and verify server (dist/), Next's server build, static files, migrations,
# and the node_modules files those load. e2e/image/standalone.spec.ts starts that directory with this
# file's ENV, CMD and HEALTHCHECK, as the image would.

# --- build -------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY packages ./packages
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/no-schema-engine.sh ./scripts/
RUN npm ci
COPY . .
RUN npm run build

# --- runtime -----------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    KEYSMITH_DATA_DIR=/data
# Owned by root and read-only to the server; only the data directory is its own.
COPY --from=build /app/.next/standalone ./
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Straight under node (no npm, no shell): SIGTERM reaches the server, which drains and flushes.
CMD ["node", "dist/start.mjs"]

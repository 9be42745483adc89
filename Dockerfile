# ocp-mock for demo environments: `docker build -t ocp-mock .` (or `podman build --format docker`),
# then `docker run -p 8080:8080 ocp-mock`. Built and run in CI by scripts/container-test.sh.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No lifecycle scripts: `prepare` would build before the sources are here (they come next).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY scenarios ./scenarios
COPY pacts ./pacts
COPY ui ./ui
# A state file, when asked for (--state-file /data/state.jsonl), lives on this volume.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 8080
# Node is all the base image has to ask with (no curl, no wget). Over HTTPS when the container serves it
# (OCP_MOCK_TLS or OCP_MOCK_TLS_CERT); a probe of its own loopback port, so the certificate is not checked.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "const tls = Boolean(process.env.OCP_MOCK_TLS || process.env.OCP_MOCK_TLS_CERT); require(tls ? 'node:https' : 'node:http').get((tls ? 'https' : 'http') + '://127.0.0.1:8080/__mock/health', { rejectUnauthorized: false }, (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"]
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["--host", "0.0.0.0", "--port", "8080"]

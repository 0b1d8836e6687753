# The service for real deployments (PostgreSQL and Redis come from docker-compose.yml or your platform).
# Stage 1 compiles TypeScript with every dependency; stage 2 runs the JavaScript with production dependencies
# only — no tsx/esbuild, no embedded PostgreSQL binaries (issue 15).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY actors ./actors
COPY machines ./machines
COPY migrations ./migrations
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Run node directly (not npm) so SIGTERM from `docker stop` reaches the service and it shuts down cleanly.
CMD ["node", "--enable-source-maps", "dist/scripts/start.js"]

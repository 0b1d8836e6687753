# The service for real deployments (PostgreSQL and Redis come from docker-compose.yml or your platform).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY actors ./actors
COPY machines ./machines
COPY migrations ./migrations
COPY scripts ./scripts
COPY src ./src
USER node
EXPOSE 3000
# Run node directly (not npm) so SIGTERM from `docker stop` reaches the service and it shuts down cleanly.
CMD ["node", "--import", "tsx", "scripts/start.ts"]

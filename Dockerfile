# The Berceau server with its built dashboard. Runs against DATABASE_URL (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/client/dist ./client/dist
COPY contract ./contract
COPY server ./server
COPY sql ./sql
COPY data ./data
COPY tsconfig.json ./
USER node
EXPOSE 3000
CMD ["npx", "tsx", "server/src/main.ts"]

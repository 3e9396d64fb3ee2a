# The service image. It runs the TypeScript sources through tsx, as `npm start` does, so there is no
# separate build step to keep in sync.
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000

WORKDIR /app
COPY package.json package-lock.json ./
# Dev dependencies are skipped; tsx is a runtime dependency.
RUN npm ci --omit=dev && npm cache clean --force

COPY . .

USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# exec form, so SIGTERM from `docker stop` reaches node and triggers the graceful shutdown.
CMD ["node", "--import", "tsx", "server/main.ts"]

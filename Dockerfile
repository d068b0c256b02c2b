# Lifestream's image: the API (api/main.ts) and every consumer (consumers/main.ts <name>) run from
# the same files; helm/lifestream picks which with the container's arguments.

# The web app the API serves at /, built with the development tools the image leaves out.
FROM node:20-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts
COPY web web
COPY scripts/build-web.ts scripts/
RUN node --import tsx scripts/build-web.ts

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    KAFKAJS_NO_PARTITIONER_WARNING=1
COPY package.json package-lock.json .npmrc ./
# Fixes to dependencies, applied by npm ci's postinstall (patch-package): see patches/README.md.
COPY patches patches
# Runtime dependencies only; the optional ones carry sherpa-onnx's native library.
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
COPY --from=web /app/web/dist web/dist
USER node
EXPOSE 4000 9464
ENTRYPOINT ["node", "--import", "tsx"]
CMD ["api/main.ts"]

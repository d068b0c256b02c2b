# Lifestream's image: the API (dist/api/main.js) and every consumer (dist/consumers/main.js <name>)
# run from the same files, compiled JavaScript on plain Node; helm/lifestream picks which with the
# container's arguments.

# The web app the API serves at /, and the processes' entry points compiled into dist/
# (scripts/compile.ts), built with the development tools the image leaves out. Both stages work in
# /app: the bundles find the files beside their sources (migrations, the web app, the model manifest)
# by their paths here.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts
COPY . .
RUN node --import tsx scripts/build-web.ts
RUN node --import tsx scripts/compile.ts

FROM node:20-bookworm-slim
WORKDIR /app
# A young generation of up to 64 MiB a half: ingest allocates an event's objects by the thousand and
# drops them a request later; with V8's default (16 MiB) a tenth of the API's and the consumers' CPU
# went to collecting them (docs/benchmarks.md#ingest).
ENV NODE_ENV=production \
    KAFKAJS_NO_PARTITIONER_WARNING=1 \
    NODE_OPTIONS=--max-semi-space-size=64
# glibc's malloc with fixed thresholds, as npm start runs it: by default, each time a large block is
# freed glibc raises its mmap threshold to that size (up to 32 MiB) and its trim threshold to twice
# it, so the models' buffers then come from a worker thread's arena and stay there after the worker
# ends (160–200 MB a model); fixed at 128 KiB, large blocks get mappings of their own, unmapped when
# freed (docs/benchmarks.md#giving-it-back-the-allocator).
ENV GLIBC_TUNABLES=glibc.malloc.trim_threshold=131072:glibc.malloc.mmap_threshold=131072
COPY package.json package-lock.json .npmrc ./
# Fixes to dependencies, applied by npm ci's postinstall (patch-package): see patches/README.md.
COPY patches patches
# Runtime dependencies only; the optional ones carry sherpa-onnx's native library.
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
COPY --from=build /app/web/dist web/dist
COPY --from=build /app/dist dist
USER node
EXPOSE 4000 9464
ENTRYPOINT ["node"]
CMD ["dist/api/main.js"]

# Lifestream's image: the API (api/main.ts) and every consumer (consumers/main.ts <name>) run from
# the same files; helm/lifestream picks which with the container's arguments.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    KAFKAJS_NO_PARTITIONER_WARNING=1
COPY package.json package-lock.json .npmrc ./
# Runtime dependencies only; the optional ones carry sherpa-onnx's native library.
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER node
EXPOSE 4000 9464
ENTRYPOINT ["node", "--import", "tsx"]
CMD ["api/main.ts"]

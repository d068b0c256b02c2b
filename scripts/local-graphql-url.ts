// Where the client programs (npm run import, npm run demo) find a Lifestream on this machine unless
// told (--url, LIFESTREAM_URL): on the PORT `npm start` listens on, so that PORT set for both finds it.
export const localGraphqlUrl = (env: NodeJS.ProcessEnv = process.env): string => `http://127.0.0.1:${env.PORT || 4000}/graphql`;

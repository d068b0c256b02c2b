// The first start creates one admin token and prints it once, unless LIFESTREAM_ADMIN_TOKEN is set
// or an admin token already exists: Lifestream is closed by default, yet usable at once.
import { createAccessToken, hasLiveAdminToken } from '../../db/access-tokens.ts';
import type { Store } from '../../db/store.ts';

export async function ensureAdminToken(store: Store, adminTokenFromEnvironment: string | undefined): Promise<string | undefined> {
  if (adminTokenFromEnvironment || (await hasLiveAdminToken(store))) return undefined;
  const { token } = await createAccessToken(store, { name: 'first admin', scope: 'admin' });
  return token;
}

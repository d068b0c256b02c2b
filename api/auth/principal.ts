// Who is calling and what they may do. Scopes: ingest (write only; a device token writes only its
// own device's events), read, admin (everything, including managing tokens).
import type { AccessToken, Scope } from '../../db/access-tokens.ts';

export interface Principal {
  tokenId: string;
  name: string;
  scope: Scope;
  /** For ingest tokens bound to a device: the only device id they may write. */
  deviceId: string | null;
}

export const principalOf = (token: AccessToken): Principal => ({ tokenId: token.id, name: token.name, scope: token.scope, deviceId: token.deviceId });

export const canRead = (p: Principal) => p.scope === 'read' || p.scope === 'admin';
export const canIngest = (p: Principal) => p.scope === 'ingest' || p.scope === 'admin';
export const isAdmin = (p: Principal) => p.scope === 'admin';

export const mayWriteDevice = (p: Principal, deviceId: string) => p.scope === 'admin' || p.deviceId === null || p.deviceId === deviceId;

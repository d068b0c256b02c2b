// Managing access tokens (admin scope): create (the secret is shown once), list, revoke.
import { createAccessToken, listAccessTokens, revokeAccessToken, scopes, type AccessToken } from '../../db/access-tokens.ts';
import { builder } from './builder.ts';
import { userError } from './errors.ts';

const scopeEnum = builder.enumType('Scope', {
  values: { INGEST: { value: 'ingest', description: 'write events (of one device, when the token names one)' }, READ: { value: 'read' }, ADMIN: { value: 'admin' } },
});

const accessToken = builder.objectRef<AccessToken>('AccessToken').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    scope: t.field({ type: scopeEnum, resolve: (a) => a.scope }),
    deviceId: t.exposeID('deviceId', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => a.createdAt }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.revokedAt }),
  }),
});

const createdToken = builder.objectRef<{ token: string; accessToken: AccessToken }>('CreatedToken').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The secret: shown this once, stored only hashed.' }),
    accessToken: t.field({ type: accessToken, resolve: (c) => c.accessToken }),
  }),
});

builder.queryField('accessTokens', (t) =>
  t.field({ type: [accessToken], authScopes: { admin: true }, resolve: (_root, _args, { store }) => listAccessTokens(store) }),
);

builder.mutationField('createAccessToken', (t) =>
  t.field({
    type: createdToken,
    authScopes: { admin: true },
    args: {
      name: t.arg.string({ required: true }),
      scope: t.arg({ type: scopeEnum, required: true }),
      deviceId: t.arg.id({ description: 'For ingest tokens: the one device it may write.' }),
    },
    resolve: (_root, { name, scope, deviceId }, { store }) => {
      if (deviceId != null && scope !== 'ingest') throw userError('BAD_USER_INPUT', 'only ingest tokens are bound to a device');
      if (!scopes.includes(scope)) throw userError('BAD_USER_INPUT', `scope must be one of ${scopes.join(', ')}`);
      return createAccessToken(store, { name, scope, deviceId: deviceId == null ? null : String(deviceId) });
    },
  }),
);

builder.mutationField('revokeAccessToken', (t) =>
  t.field({
    type: accessToken,
    authScopes: { admin: true },
    description: 'Revokes a token at once: its requests and open subscriptions are refused from now on.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { store }) => {
      const revoked = await revokeAccessToken(store, String(id));
      if (!revoked) throw userError('NOT_FOUND', `no live token with id ${id}`);
      return revoked;
    },
  }),
);

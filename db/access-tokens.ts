// Access tokens, stored hashed: the table and the queries that touch it. A token is 32 random
// bytes, so one sha256 is enough to keep a stolen database from yielding usable tokens.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, DrizzleQueryError, eq, isNull } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { DependencyUnavailable, isTransient } from './dependency-failure.ts';
import type { Store } from './store.ts';

export const scopes = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof scopes)[number];

export const accessTokens = pgTable('access_token', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  scope: text('scope').$type<Scope>().notNull(),
  /** An ingest token may write events of this device only; null for read and admin tokens. */
  deviceId: text('device_id'),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

export type AccessToken = Omit<typeof accessTokens.$inferSelect, 'tokenHash'>;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** What createAccessToken issues: anything else is no database token and needs no lookup. */
export const isIssuedTokenShape = (token: string) => /^lst_[A-Za-z0-9_-]{43}$/.test(token);

/**
 * Runs a query that carries a token hash. Drizzle puts a failed query's parameters in its error's
 * message, and errors end in logs: the error thrown instead keeps the database's reason only.
 */
async function keepingHashOutOfErrors<T>(what: string, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    const reason = error instanceof DrizzleQueryError ? error.cause?.message : error instanceof Error ? error.message : undefined;
    const failure = new Error(`${what} failed: ${reason ?? 'the database gave no reason'}`);
    throw isTransient(error) ? new DependencyUnavailable('database', failure) : failure;
  }
}

const publicColumns = {
  id: accessTokens.id,
  name: accessTokens.name,
  scope: accessTokens.scope,
  deviceId: accessTokens.deviceId,
  createdAt: accessTokens.createdAt,
  revokedAt: accessTokens.revokedAt,
};

export async function createAccessToken(
  store: Store,
  spec: { name: string; scope: Scope; deviceId?: string | null },
): Promise<{ token: string; accessToken: AccessToken }> {
  const token = `lst_${randomBytes(32).toString('base64url')}`;
  const [accessToken] = await keepingHashOutOfErrors('storing a new access token', () =>
    store.db
      .insert(accessTokens)
      .values({ id: randomUUID(), name: spec.name, scope: spec.scope, deviceId: spec.deviceId ?? null, tokenHash: hashToken(token) })
      .returning(publicColumns),
  );
  return { token, accessToken: accessToken! };
}


export function listAccessTokens(store: Store): Promise<AccessToken[]> {
  return store.db.select(publicColumns).from(accessTokens).orderBy(accessTokens.createdAt);
}

/** The live (not revoked) token with this secret, if any. */
export async function findLiveToken(store: Store, token: string): Promise<AccessToken | undefined> {
  const [row] = await keepingHashOutOfErrors('looking up an access token', () =>
    store.db
      .select(publicColumns)
      .from(accessTokens)
      .where(and(eq(accessTokens.tokenHash, hashToken(token)), isNull(accessTokens.revokedAt))),
  );
  return row;
}

/** Channel on which a revocation is announced to every API process (PostgreSQL NOTIFY). */
export const tokenRevokedChannel = 'lifestream_token_revoked';

/** Revokes a token and announces it; returns it, or undefined when no live token has that id. */
export async function revokeAccessToken(store: Store, id: string): Promise<AccessToken | undefined> {
  const [row] = await store.db
    .update(accessTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(accessTokens.id, id), isNull(accessTokens.revokedAt)))
    .returning(publicColumns);
  if (row) await store.query(`SELECT pg_notify($1, $2)`, [tokenRevokedChannel, row.id]);
  return row;
}

export async function hasLiveAdminToken(store: Store): Promise<boolean> {
  const rows = await store.db
    .select({ id: accessTokens.id })
    .from(accessTokens)
    .where(and(eq(accessTokens.scope, 'admin'), isNull(accessTokens.revokedAt)))
    .limit(1);
  return rows.length > 0;
}

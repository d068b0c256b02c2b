// Trino's file-based access control for Lifestream (access-control.name=file): the sql field's
// Trino user may SELECT the event tables and the memos tables of the timeline and memos catalogs,
// and nothing else: no other catalog (system included), no procedure (system.execute), no table
// function (system.query), no write, no session but its time limit, no impersonation. The
// application's own user reads (and on the local stack, whose tests make catalogs of their own,
// creates and drops catalogs). Rules match first to last; what no rule allows is denied. Trino 476's format: https://trino.io/docs/476/security/file-system-access-control.html
import { memosSchema } from '../memos/foreign-tables.ts';
import { eventSchema, readableEventTables } from './reader-grants.ts';

export interface TrinoAccess {
  /** TRINO_USER: memos reads. */
  appUser: string;
  /** TRINO_SQL_USER: the sql field. */
  sqlUser: string;
  /** A Java regular expression matching the names of the timeline and memos catalogs. */
  catalogs: string;
  /** TRINO_USER may create and drop any catalog: the local stack's tests make a pair per run. */
  appManagesCatalogs: boolean;
}

/** A name matched as itself inside a Java regular expression. */
export const literalPattern = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function trinoAccessRules({ appUser, sqlUser, catalogs, appManagesCatalogs }: TrinoAccess) {
  const app = literalPattern(appUser);
  const sql = literalPattern(sqlUser);
  return {
    catalogs: [
      { user: sql, catalog: catalogs, allow: 'read-only' },
      // Trino appends a rule opening the system catalog (running queries' text among it) to every user: not to this one.
      { user: sql, catalog: '.*', allow: 'none' },
      appManagesCatalogs ? { user: app, catalog: '.*', allow: 'owner' } : { user: app, catalog: catalogs, allow: 'read-only' },
    ],
    schemas: [],
    tables: [
      { user: sql, catalog: catalogs, schema: eventSchema, table: `(${readableEventTables().map(literalPattern).join('|')})`, privileges: ['SELECT'] },
      { user: sql, catalog: catalogs, schema: literalPattern(memosSchema), privileges: ['SELECT'] },
      { user: app, privileges: ['SELECT'] },
    ],
    // Built-in functions stay open to all (Trino's rule); the connectors' table functions do not.
    functions: [],
    procedures: [],
    queries: [{ user: `(${app}|${sql})`, allow: ['execute'] }],
    system_session_properties: [{ user: sql, property: 'query_max_execution_time', allow: true }],
    catalog_session_properties: [],
    impersonation: [],
    system_information: [],
    authorization: [],
  };
}

// Trino's file-based access control for Lifestream (access-control.name=file): the sql field's
// Trino user may SELECT the event tables and the memos tables of the timeline and memos catalogs,
// and nothing else: no other catalog (system included), no procedure (system.execute), no table
// function (system.query), no write, no session but its time limit, no impersonation. The
// application's own user creates and drops catalogs and reads. Rules match first to last; what no
// rule allows is denied. Trino 476's format: https://trino.io/docs/476/security/file-system-access-control.html
import { memosSchema } from '../memos/foreign-tables.ts';
import { eventSchema, readableEventTables } from './reader-grants.ts';

export interface TrinoAccessUsers {
  /** TRINO_USER: memos reads, CREATE and DROP CATALOG. */
  appUser: string;
  /** TRINO_SQL_USER: the sql field. */
  sqlUser: string;
  /** A Java regular expression matching the names of the timeline and memos catalogs. */
  sqlCatalogs: string;
}

/** A name matched as itself inside a Java regular expression. */
export const literalPattern = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function trinoAccessRules({ appUser, sqlUser, sqlCatalogs }: TrinoAccessUsers) {
  const app = literalPattern(appUser);
  const sql = literalPattern(sqlUser);
  return {
    catalogs: [
      { user: sql, catalog: sqlCatalogs, allow: 'read-only' },
      // Trino appends a rule opening the system catalog (running queries' text among it) to every user: not to this one.
      { user: sql, catalog: '.*', allow: 'none' },
      { user: app, catalog: '.*', allow: 'owner' },
    ],
    schemas: [],
    tables: [
      { user: sql, catalog: sqlCatalogs, schema: eventSchema, table: `(${readableEventTables().map(literalPattern).join('|')})`, privileges: ['SELECT'] },
      { user: sql, catalog: sqlCatalogs, schema: literalPattern(memosSchema), privileges: ['SELECT'] },
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

// The one Pothos builder every GraphQL type is declared on.
import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { JSONResolver } from 'graphql-scalars';
import type { Upload } from '../../schema/upload.ts';
import { canIngest, canRead, isAdmin } from '../auth/principal.ts';
import type { Context } from './context.ts';
import { dateTimeScalar } from './date-time-scalar.ts';
import { fileScalar } from './file-scalar.ts';
import { userError } from './errors.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { read: boolean; ingest: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: Upload; Output: never };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: ({ principal }) => ({ read: canRead(principal), ingest: canIngest(principal), admin: isAdmin(principal) }),
    unauthorizedError: (_parent, { principal }, info) =>
      userError('FORBIDDEN', `${info.parentType.name}.${info.fieldName} is not allowed for a token with scope ${principal.scope}`),
  },
});

builder.addScalarType('DateTime', dateTimeScalar);
builder.addScalarType('JSON', JSONResolver);
builder.addScalarType('File', fileScalar);

builder.queryType({});
builder.mutationType({});

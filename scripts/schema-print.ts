// `npm run schema:print`: writes the GraphQL schema as SDL to schema/schema.graphql.
import { writeFileSync } from 'node:fs';
import { printedSchema, printedSchemaPath } from '../api/graphql/printed-schema.ts';

writeFileSync(printedSchemaPath, printedSchema());
console.log(`wrote ${printedSchemaPath}`);

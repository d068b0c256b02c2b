// The File scalar of the GraphQL multipart request spec: a variable the `map` field points at a file
// part; yoga puts the part there. Input only; anything else in its place is refused by name.
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { isUpload, type Upload } from '../../schema/upload.ts';

const notAFile = 'File must be a file part of a multipart/form-data request, mapped to this variable (github.com/jaydenseric/graphql-multipart-request-spec)';

export const fileScalar = new GraphQLScalarType<Upload, never>({
  name: 'File',
  description: 'A file sent as a part of a GraphQL multipart request.',
  parseValue: (value) => {
    if (isUpload(value)) return value;
    throw new GraphQLError(notAFile);
  },
  parseLiteral: (ast) => {
    throw new GraphQLError(notAFile, { nodes: ast });
  },
  serialize: () => {
    throw new GraphQLError('File is input only');
  },
});

// A cap on the root fields of one operation, aliases and fragments counted: each may be a database
// query of its own, so fifty aliased timelineBuckets would be fifty queries in one request.
import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

function countFields(selectionSet: SelectionSetNode, context: ValidationContext, counted: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count++;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countFields(selection.selectionSet, context, counted);
    else if (!counted.has(selection.name.value)) {
      // A fragment spread twice selects the same response keys twice: they merge, and counting it once also ends cycles.
      counted.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countFields(fragment.selectionSet, context, counted);
    }
  }
  return count;
}

export function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const count = countFields(operation.selectionSet, context, new Set());
      if (count <= max) return;
      context.reportError(
        new GraphQLError(`an operation selects at most ${max} root fields (LIFESTREAM_MAX_ROOT_FIELDS, aliases and fragments counted), this one ${count}: send the rest in operations of their own`, {
          nodes: operation,
          extensions: { code: 'TOO_MANY_ROOT_FIELDS' },
        }),
      );
    },
  });
}

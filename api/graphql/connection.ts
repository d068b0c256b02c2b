// One shape for every Relay connection: `edges { cursor node }`, `nodes`, and `pageInfo { hasNextPage
// hasPreviousPage startCursor endCursor }`, declared once from a page of nodes and a node's cursor.
import type { OutputRef } from '@pothos/core';
import { builder } from './builder.ts';
import { userError } from './errors.ts';

/** A page of a connection: its nodes in order, and whether more lie beyond either end. */
export interface Page<Node> {
  nodes: Node[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** A connection's `first`: its default when not given, refused outside 1–maxSize. */
export function pageSize(first: number | null | undefined, sizes: { defaultSize: number; maxSize: number }): number {
  const size = first ?? sizes.defaultSize;
  if (size < 1 || size > sizes.maxSize) throw userError('BAD_USER_INPUT', `first must be 1–${sizes.maxSize}, got ${size}`);
  return size;
}

interface Edge<Node> {
  node: Node;
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

const pageInfoType = builder.objectRef<PageInfo>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

/**
 * `<name>Edge` and `<name>Connection` for nodes of nodeType, cursors made by cursorOf. The edge type
 * is returned too, for fields that hand out one edge (a subscription's event with its cursor).
 */
export function connectionTypes<Node>(name: string, nodeType: OutputRef<Node>, cursorOf: (node: Node) => string) {
  const pageInfoOf = (page: Page<Node>): PageInfo => {
    const [first, last] = [page.nodes[0], page.nodes.at(-1)];
    return {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: first === undefined ? null : cursorOf(first),
      endCursor: last === undefined ? null : cursorOf(last),
    };
  };
  const edge = builder.objectRef<Edge<Node>>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.string({ resolve: ({ node }) => cursorOf(node) }),
      node: t.expose('node', { type: nodeType }),
    }),
  });
  const connection = builder.objectRef<Page<Node>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [edge], resolve: (page) => page.nodes.map((node) => ({ node })) }),
      nodes: t.expose('nodes', { type: [nodeType], description: "The edges' nodes, for clients that need no cursor of each." }),
      pageInfo: t.field({ type: pageInfoType, resolve: pageInfoOf }),
    }),
  });
  return { edge, connection, pageInfoOf };
}

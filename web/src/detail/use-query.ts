// One query's answer as state: loading, data or error; asked again when its variables change, or
// when `asked` does (something new to see); the last answer stays shown while it is asked again.
// Null variables ask nothing: the query does not apply (memos where none are configured).
import { useEffect, useState } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import type { TypedDocumentString } from '../graphql/generated/graphql.ts';

export type QueryState<Result> = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'done'; data: Result };

export function useQuery<Result, Variables>(client: LifestreamClient, document: TypedDocumentString<Result, Variables>, variables: Variables, asked?: number): QueryState<Result>;
export function useQuery<Result, Variables>(client: LifestreamClient, document: TypedDocumentString<Result, Variables>, variables: Variables | null, asked?: number): QueryState<Result> | { status: 'not-asked' };
export function useQuery<Result, Variables>(client: LifestreamClient, document: TypedDocumentString<Result, Variables>, variables: Variables | null, asked = 0): QueryState<Result> | { status: 'not-asked' } {
  // The answer remembers the variables it is for: any other key is still loading.
  const [answer, setAnswer] = useState<{ key: string; state: QueryState<Result> } | null>(null);
  const key = variables === null ? null : JSON.stringify(variables);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    client.query(document, JSON.parse(key) as Variables).then(
      (data) => current && setAnswer({ key, state: { status: 'done', data } }),
      (error: Error) => current && setAnswer({ key, state: { status: 'error', error } }),
    );
    return () => {
      current = false;
    };
  }, [client, document, key, asked]);
  if (key === null) return { status: 'not-asked' };
  return answer?.key === key ? answer.state : { status: 'loading' };
}

// The GraphiQL page served on GET /graphql, with its script and styles inlined from the package (not
// loaded from a CDN: works offline). Built on the first visit: the package holds GraphiQL's whole
// bundle as strings, about 30 MB of heap that a process nobody opens GraphiQL on need not keep.
import { graphiqlPolicy } from './security-headers.ts';

export interface GraphiqlPage {
  html: string;
  /** The page's Content-Security-Policy, naming its inline scripts by hash. */
  policy: string;
}

let page: Promise<GraphiqlPage> | undefined;

/** One page for every request, so that its policy can name its inline script by hash. */
export function graphiqlPage(): Promise<GraphiqlPage> {
  page ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => {
    const html = renderGraphiQL({ title: 'Lifestream', headers: JSON.stringify({ Authorization: 'Bearer <your token>' }) });
    return { html, policy: graphiqlPolicy(html) };
  });
  return page;
}

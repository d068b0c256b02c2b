// The bodies POST /graphql reads: JSON (GraphQL over HTTP), multipart forms (uploads) and
// application/graphql. Any other is refused naming the type to send. `curl -d` sends a form
// (application/x-www-form-urlencoded) unless told otherwise, which yoga reads as a form without a
// query ("Must provide query string.", 200), and a body of no type or text/plain it answers 415
// with an empty body.
const readable = new Set(['application/json', 'application/graphql+json', 'application/graphql', 'multipart/form-data']);

/** Why a POST /graphql with this Content-Type cannot be read, or undefined when it can. */
export function unreadableMediaType(contentType: string | undefined): string | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (readable.has(type)) return undefined;
  const hint = type === 'application/x-www-form-urlencoded' ? ' (curl -d sends that unless given -H "content-type: application/json")' : '';
  return `POST /graphql takes Content-Type: application/json (a GraphQL request as JSON) or multipart/form-data (uploads), got ${type || 'none'}${hint}`;
}

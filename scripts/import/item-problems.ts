// Why an item of an export gives no event, as the import report says it: each field in the words
// the API uses for the same problem ("latitudeE7 is required", "count must be number, got \"x\""),
// not zod's ("latitudeE7 Invalid input: expected number, received undefined"). The schema is to be
// parsed with safeParseQuotingInput, so that a wrong value can be quoted.
import type { z } from 'zod';
import { problemsOf } from '../../schema/validation.ts';

export function itemProblems(error: z.ZodError, whole: string): string {
  return problemsOf(error)
    .map(({ field, message }) => `${field === '(event)' ? whole : field} ${message}`)
    .join('; ');
}

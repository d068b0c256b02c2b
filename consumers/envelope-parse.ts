// Reading an envelope off the bus: anything that is not a well-formed envelope of a known kind is
// refused with the reason, so the runtime can dead-letter it instead of retrying for ever.
import { z } from 'zod';
import { kindNamed } from '../schema/catalogue.ts';
import type { Envelope } from '../schema/envelope.ts';

const envelopeSchema = z.object({
  id: z.string().min(1).max(256),
  kind: z.string(),
  deviceId: z.string().min(1).max(128),
  time: z.iso.datetime({ offset: true }),
  receivedAt: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
});

export function parseEnvelope(value: string | null): { envelope: Envelope } | { error: string } {
  if (value === null) return { error: 'empty message' };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return { error: `not an envelope: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
  if (!kindNamed(parsed.data.kind)) return { error: `unknown kind "${parsed.data.kind}"` };
  return { envelope: parsed.data };
}

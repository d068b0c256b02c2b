// The table of every setting in docs/configuration.md, rendered from the zod schema in
// schema/config.ts (its JSON Schema, as the environment gives it): name, default, accepted values, meaning.
import { z } from 'zod';
import { settingsSchema } from '../../schema/config.ts';
import { code, markdownTable, prose } from './markdown.ts';

type SettingSchema = z.core.JSONSchema.JSONSchema;

/** zod's bound for a plain int(); not a limit anybody chose. */
const unbounded = Number.MAX_SAFE_INTEGER;

function accepts(setting: SettingSchema): string {
  if (setting.enum) return `one of ${setting.enum.map((v) => code(String(v))).join(', ')}`;
  if (setting.type === 'integer' || setting.type === 'number') {
    const noun = setting.type === 'integer' ? 'an integer' : 'a number';
    const max = setting.maximum === undefined || setting.maximum >= unbounded ? undefined : setting.maximum;
    if (setting.minimum !== undefined && max !== undefined) return `${noun}, ${setting.minimum} to ${max}`;
    if (setting.minimum !== undefined) return `${noun}, at least ${setting.minimum}`;
    return noun;
  }
  if (setting.format === 'uri') return 'a URL';
  if (setting.pattern) return `text matching ${code(setting.pattern)}`;
  if (setting.minLength !== undefined && setting.minLength > 1) return `text of at least ${setting.minLength} characters`;
  if (setting.minLength === 1) return 'non-empty text';
  return 'text';
}

function defaultOf(setting: SettingSchema): string {
  if (setting.default === undefined) return 'unset';
  if (setting.default === '') return 'empty';
  return code(String(setting.default));
}

/** The generated part of docs/configuration.md: a row per setting of the schema (by default Lifestream's). */
export function configurationReference(settings: z.ZodObject = settingsSchema): string {
  const schema = z.toJSONSchema(settings, { io: 'input', unrepresentable: 'any' });
  return markdownTable(
    ['variable', 'default', 'accepts', 'meaning'],
    Object.entries(schema.properties ?? {}).map(([name, setting]) => {
      if (typeof setting === 'boolean' || !setting.description) throw new Error(`schema/config.ts: ${name} has no description; add .describe('...') to its entry`);
      return [code(name), defaultOf(setting), accepts(setting), prose(setting.description)];
    }),
  );
}

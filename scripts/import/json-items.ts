// The items of the arrays named in a large JSON file (a location history of gigabytes), parsed as a
// stream with @streamparser/json: each array element is built, handed on and dropped.
import { createReadStream } from 'node:fs';
import { JSONParser } from '@streamparser/json';

export interface JsonItem {
  /** The top-level key of the array the item is in ("locations", "rawSignals", ...). */
  section: string;
  value: unknown;
}

export interface JsonValue {
  /** The keys and indexes from the document's root down to the value. */
  keys: readonly (string | number | undefined)[];
  value: unknown;
}

/** The values at JSONPath-like `paths` (`$.buckets.*.events.*`), in document order. */
export async function* jsonValues(path: string, paths: readonly string[]): AsyncGenerator<JsonValue> {
  const parser = new JSONParser({ paths: [...paths], keepStack: false });
  let ready: JsonValue[] = [];
  parser.onValue = ({ value, key, stack }) => {
    ready.push({ keys: [...stack.slice(1).map((s) => s.key), key], value });
  };
  for await (const chunk of createReadStream(path)) {
    if (!Buffer.isBuffer(chunk)) throw new Error(`reading ${path}: expected bytes`);
    try {
      parser.write(chunk);
    } catch (error) {
      throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const values = ready;
    ready = [];
    yield* values;
  }
}

export async function* jsonItems(path: string, sections: readonly string[]): AsyncGenerator<JsonItem> {
  for await (const { keys, value } of jsonValues(path, sections.map((s) => `$.${s}.*`))) {
    const section = keys[0];
    if (typeof section === 'string') yield { section, value };
  }
}

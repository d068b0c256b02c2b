// The items of the arrays named in a large JSON file (a location history of gigabytes), parsed as a
// stream with @streamparser/json: each array element is built, handed on and dropped.
import { createReadStream } from 'node:fs';
import { JSONParser } from '@streamparser/json';

export interface JsonItem {
  /** The top-level key of the array the item is in ("locations", "rawSignals", ...). */
  section: string;
  value: unknown;
}

export async function* jsonItems(path: string, sections: readonly string[]): AsyncGenerator<JsonItem> {
  const parser = new JSONParser({ paths: sections.map((s) => `$.${s}.*`), keepStack: false });
  let ready: JsonItem[] = [];
  parser.onValue = ({ value, stack }) => {
    const section = stack[1]?.key;
    if (typeof section === 'string') ready.push({ section, value });
  };
  for await (const chunk of createReadStream(path)) {
    if (!Buffer.isBuffer(chunk)) throw new Error(`reading ${path}: expected bytes`);
    try {
      parser.write(chunk);
    } catch (error) {
      throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const items = ready;
    ready = [];
    yield* items;
  }
}

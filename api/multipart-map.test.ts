import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapMisfit } from './multipart-map.ts';

const operations = { query: 'mutation', variables: { e: [{ deviceId: 'laptop', image: { file: null, mimeType: 'image/png' } }] } };
const parts = (...names: string[]) => (name: string) => names.includes(name);

describe('a multipart map against its operations', () => {
  it('fits when every place it names holds a null and every part it names is sent', () => {
    assert.equal(mapMisfit(operations, { 0: ['variables.e.0.image.file'] }, parts('0')), undefined);
    assert.equal(mapMisfit(operations, {}, parts()), undefined);
  });

  it('names a place that holds no null, and a part that is not sent', () => {
    assert.equal(
      mapMisfit(operations, { 0: ['variables.e.1.image.file'] }, parts('0')),
      'the multipart map puts part "0" at variables.e.1.image.file, where operations holds no null: set that place to null in operations (such as "file": null), or name the place that does',
    );
    assert.match(mapMisfit(operations, { 0: ['variables.e.0.image.mimeType'] }, parts('0')) ?? '', /at variables\.e\.0\.image\.mimeType, where operations holds no null/);
    assert.match(mapMisfit(operations, { 0: ['variables.e.0.image.file.__proto__'] }, parts('0')) ?? '', /holds no null/);
    assert.equal(
      mapMisfit(operations, { 1: ['variables.e.0.image.file'] }, parts('0')),
      'the multipart map names part "1", which the request does not carry: send a file part of that name, or leave it out of map',
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogue, kafkaTopicNames, kindForEnumValue } from './catalogue.ts';
import { commonFieldNames } from './event-kind.ts';
import { snakeCase } from './naming.ts';

describe('event catalogue', () => {
  it('names every kind once', () => {
    const names = catalogue.map((k) => k.name);
    assert.equal(new Set(names).size, names.length);
  });

  it('follows the seed topic pattern <category>.<source>.<datatype>[.<stage>]', () => {
    for (const kind of catalogue) assert.match(kind.topic, /^[a-z0-9_]+(\.[a-z0-9_]+){2,4}$/, kind.name);
  });

  it('keeps the seed topic names', () => {
    const topics = new Set(kafkaTopicNames());
    for (const seed of [
      'device.audio.raw',
      'device.video.screen.raw',
      'device.image.camera.raw',
      'device.sensor.gps.raw',
      'device.health.heartrate.raw',
      'os.events.app_lifecycle.raw',
      'digital.clipboard.raw',
      'external.twitter.liked.raw',
      'task.url.ingest',
      'media.text.transcribed.words',
      'analysis.inferred_context.qwen_results',
      'task.url.processed.pdf_extracted',
    ]) {
      assert.ok(topics.has(seed), seed);
      assert.ok(topics.has(`${seed}.dlq`), `${seed}.dlq`);
    }
  });

  it('resolves enum values back to kinds', () => {
    assert.equal(kindForEnumValue('GPS_FIX')?.name, 'gpsFix');
    assert.equal(kindForEnumValue('RECONSTRUCTION3D')?.name, 'reconstruction3d');
  });

  it('derives table names in snake case', () => {
    assert.equal(snakeCase('heartRate'), 'heart_rate');
    assert.equal(snakeCase('pm25UgM3'), 'pm25_ug_m3');
    assert.equal(snakeCase('xMs2'), 'x_ms2');
  });

  it('leaves the common event field names to the envelope', () => {
    for (const kind of catalogue) for (const name of commonFieldNames) assert.ok(!(name in kind.fields), `${kind.name}.${name}`);
  });

  it('gives every field a unit or a self-explaining name (no bare numbers called value)', () => {
    for (const kind of catalogue) for (const name of Object.keys(kind.fields)) assert.notEqual(name, 'value', kind.name);
  });

  it('names a numeric field as each kind\'s timeline value, and draws a line or bars only of one', () => {
    for (const kind of catalogue) {
      const { value, draw } = kind.timeline;
      if (value !== undefined) assert.match(kind.fields[value]?.type ?? 'missing', /^(float|int)$/, `${kind.name}.timeline.value ${value}`);
      if (draw === 'line' || draw === 'bars') assert.ok(value, `${kind.name} draws ${draw} but names no timeline.value`);
    }
  });

  it('gives every json field with a schema an example the schema accepts', () => {
    for (const kind of catalogue) {
      for (const [name, f] of Object.entries(kind.fields)) {
        if (f.type !== 'json' || !f.schema) continue;
        assert.ok(f.schema.safeParse(f.example).success, `${kind.name}.${name}.example`);
      }
    }
  });

  it('searches only string fields of the kind as its timeline text', () => {
    for (const kind of catalogue) {
      for (const name of kind.timeline.text ?? []) assert.equal(kind.fields[name]?.type, 'string', `${kind.name}.timeline.text ${name}`);
    }
  });
});

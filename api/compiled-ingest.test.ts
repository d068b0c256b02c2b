import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLBoolean, GraphQLError, GraphQLObjectType, GraphQLSchema, execute, parse, type ExecutionResult } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { createYoga, type Plugin } from 'graphql-yoga';
import { isUpload } from '../schema/upload.ts';
import { compiledIngestOf, keepsOneOf, useCompiledIngest } from './compiled-ingest.ts';
import { schema } from './graphql/schema.ts';

// The served ingest mutations' arguments (input types, scalars, enums as served), each field
// answering true and keeping the arguments it was given, so that both executors' coercions compare.
let received: unknown[] = [];
const ingestFields = Object.values(schema.getMutationType()!.getFields()).filter((field) => field.name.startsWith('ingest'));
const echoSchema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean } } }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: Object.fromEntries(
      ingestFields.map((field) => [
        field.name,
        {
          type: GraphQLBoolean,
          args: Object.fromEntries(field.args.map((arg) => [arg.name, { type: arg.type }])),
          resolve: (_: unknown, args: { events: unknown }) => {
            received.push(args);
            const [first] = [args.events].flat();
            if (first === null || typeof first !== 'object' || !('deviceId' in first)) return true;
            if (first.deviceId === 'fails') throw new Error('the bus is away');
            if (first.deviceId === 'refused') throw new GraphQLError('device refused', { extensions: { code: 'FORBIDDEN_DEVICE' } });
            return true;
          },
        },
      ]),
    ),
  }),
});

const mutation = (field: string, input: string) => `mutation($events: [${input}!]!) { ${field}(events: $events) }`;
const heartRates = mutation('ingestHeartRate', 'HeartRateInput');
const steps = mutation('ingestSteps', 'StepsInput');
const photos = mutation('ingestCameraPhoto', 'CameraPhotoInput');
const emails = mutation('ingestEmailEvent', 'EmailEventInput');
const scans = mutation('ingestBluetoothScan', 'BluetoothScanInput');
const json = mutation('ingestJson', 'JSON');

const time = '2026-06-01T09:30:00+02:00';
const heartRate = { deviceId: 'd1', time, bpm: 61.5 };
const step = { deviceId: 'd1', time, count: 12, intervalS: 60 };
const image = { base64: 'aGk=', mimeType: 'image/jpeg' };
const photo = { deviceId: 'd1', time, camera: 'REAR', widthPx: 640, heightPx: 480, image };
const email = { deviceId: 'd1', time, direction: 'SENT', from: 'a@example.com', messageId: 'm1', to: ['b@example.com'] };
const scan = { deviceId: 'd1', time, address: 'AA:BB', paired: false, rssiDbm: -70 };
const file = () => new File(['hi'], 'a.jpg', { type: 'image/jpeg' });

/** Variable sets, good and bad, for every kind of value an ingest batch holds. */
const cases: [string, string, () => Record<string, unknown>][] = [
  ['a heart rate', heartRates, () => ({ events: [heartRate] })],
  ['an integer id, a null optional field, one event without a list', heartRates, () => ({ events: { ...heartRate, id: 42, confidencePct: null } })],
  ['a text bpm', heartRates, () => ({ events: [{ ...heartRate, bpm: 'fast' }] })],
  ['a field that fails', heartRates, () => ({ events: [{ ...heartRate, deviceId: 'fails' }] })],
  ['a field that refuses with a code', heartRates, () => ({ events: [{ ...heartRate, deviceId: 'refused' }] })],
  ['a NaN bpm', heartRates, () => ({ events: [{ ...heartRate, bpm: Number.NaN }] })],
  ['an infinite bpm', heartRates, () => ({ events: [{ ...heartRate, bpm: Number.POSITIVE_INFINITY }] })],
  ['a boolean bpm', heartRates, () => ({ events: [{ ...heartRate, bpm: true }] })],
  ['a null bpm', heartRates, () => ({ events: [{ ...heartRate, bpm: null }] })],
  ['no bpm', heartRates, () => ({ events: [{ deviceId: 'd1', time }] })],
  ['a fractional id', heartRates, () => ({ events: [{ ...heartRate, id: 1.5 }] })],
  ['a boolean deviceId', heartRates, () => ({ events: [{ ...heartRate, deviceId: true }] })],
  ['an unknown field', heartRates, () => ({ events: [{ ...heartRate, heart: 1 }] })],
  ['a field named as an Object method', heartRates, () => ({ events: [{ ...heartRate, toString: 'x' }] })],
  ['a time that is no time', heartRates, () => ({ events: [{ ...heartRate, time: 'yesterday' }] })],
  ['a time in month 13', heartRates, () => ({ events: [{ ...heartRate, time: '2026-13-01T00:00:00Z' }] })],
  ['a time as a number', heartRates, () => ({ events: [{ ...heartRate, time: 1_780_000_000 }] })],
  ['a time without offset', heartRates, () => ({ events: [{ ...heartRate, time: '2026-06-01T09:30:00' }] })],
  ['a null event', heartRates, () => ({ events: [heartRate, null] })],
  ['a list for an event', heartRates, () => ({ events: [[]] })],
  ['a text for an event', heartRates, () => ({ events: ['event'] })],
  ['null events', heartRates, () => ({ events: null })],
  ['no events', heartRates, () => ({})],
  ['the largest Int', steps, () => ({ events: [{ ...step, count: 2_147_483_647, intervalS: -2_147_483_648 }] })],
  ['an Int past 32 bits', steps, () => ({ events: [{ ...step, count: 2_147_483_648 }] })],
  ['an Int below 32 bits', steps, () => ({ events: [{ ...step, intervalS: -2_147_483_649 }] })],
  ['a fractional Int', steps, () => ({ events: [{ ...step, count: 1.5 }] })],
  ['an Int as text', steps, () => ({ events: [{ ...step, count: '3' }] })],
  ['a photo with an enum and an inline blob', photos, () => ({ events: [photo] })],
  ['a photo with a file part', photos, () => ({ events: [{ ...photo, image: { file: file(), mimeType: 'image/jpeg' } }] })],
  ['an enum value in lower case', photos, () => ({ events: [{ ...photo, camera: 'rear' }] })],
  ['an unknown enum value', photos, () => ({ events: [{ ...photo, camera: 'SIDE' }] })],
  ['an enum value as a number', photos, () => ({ events: [{ ...photo, camera: 1 }] })],
  ['a blob without mimeType', photos, () => ({ events: [{ ...photo, image: { base64: 'aGk=' } }] })],
  ['a text for a blob', photos, () => ({ events: [{ ...photo, image: 'aGk=' }] })],
  ['a list for a blob', photos, () => ({ events: [{ ...photo, image: [] }] })],
  ['a text for a file', photos, () => ({ events: [{ ...photo, image: { file: 'a.jpg', mimeType: 'image/jpeg' } }] })],
  ['an object for a file', photos, () => ({ events: [{ ...photo, image: { file: { name: 'a.jpg' }, mimeType: 'image/jpeg' } }] })],
  ['an unknown blob field', photos, () => ({ events: [{ ...photo, image: { ...image, url: 'x' } }] })],
  ['one text for a list of texts', emails, () => ({ events: [{ ...email, to: 'b@example.com' }] })],
  ['a null in a list of texts', emails, () => ({ events: [{ ...email, to: [null] }] })],
  ['a number in a list of texts', emails, () => ({ events: [{ ...email, to: [1] }] })],
  ['a number for a text', emails, () => ({ events: [{ ...email, from: 1 }] })],
  ['booleans and a negative Int', scans, () => ({ events: [scan] })],
  ['a boolean as text', scans, () => ({ events: [{ ...scan, paired: 'yes' }] })],
  ['a boolean as a number', scans, () => ({ events: [{ ...scan, paired: 0 }] })],
  ['JSON events of every shape', json, () => ({ events: [{ kind: 'heartRate', bpm: 61 }, 'x', 3, [true]] })],
  ['a null JSON event', json, () => ({ events: [{ kind: 'heartRate' }, null] })],
];

/** An error quoting a file part quotes the time it was received. */
const withoutFileTimes = (text: string) => text.replace(/lastModified: \d+/g, 'lastModified: …');

const refused = (result: ExecutionResult) => Boolean(result.errors?.length) && !('data' in result);

/** What a field was given, files by their name, type and size (each request has its own). */
const givenArguments = () => {
  const given = JSON.parse(JSON.stringify(received, (_, value: unknown) => (isUpload(value) ? { name: value.name, type: value.type, size: value.size } : value)));
  received = [];
  return given;
};

describe('ingest mutations through graphql-jit', () => {
  it('accepts and refuses the same variables as graphql-js, giving the fields the same values', async () => {
    for (const [name, query, variables] of cases) {
      const document = parse(query);
      const compiled = compileQuery(echoSchema, document);
      assert.ok(isCompiledQuery(compiled), name);
      received = [];
      const fast = await compiled.query(undefined, {}, variables());
      const fastGiven = received;
      received = [];
      const standard = await execute({ schema: echoSchema, document, variableValues: variables() });
      assert.equal(JSON.stringify(fast.data), JSON.stringify(standard.data), name);
      assert.equal(refused(fast), refused(standard), `${name}: graphql-jit ${refused(fast) ? 'refuses' : 'accepts'} ${JSON.stringify(variables())}, graphql-js does not`);
      assert.deepEqual(fastGiven.map((args) => JSON.stringify(args)), received.map((args) => JSON.stringify(args)), name);
    }
  });

  it('answers every case as the standard executor does, errors word for word', async () => {
    const fastYoga = createYoga({ schema: echoSchema, plugins: [useCompiledIngest()], logging: false });
    const standardYoga = createYoga({ schema: echoSchema, logging: false });
    const oneOf = 'mutation($events: [EventInput!]!) { ingest(events: $events) }';
    const oneOfCases = [
      ['@oneOf events of two kinds', { events: [{ heartRate }, { steps: step }] }],
      ['one @oneOf event without a list', { events: { heartRate } }],
      ['two kinds in one @oneOf event', { events: [{ heartRate, steps: step }] }],
      ['a @oneOf event of no kind', { events: [{ heartRate }, {}] }],
      ['a @oneOf event whose kind is null', { events: [{ heartRate: null }] }],
      ['a @oneOf event of an unknown kind', { events: [{ pulse: heartRate }] }],
      ['a @oneOf event with a bad field', { events: [{ heartRate: { ...heartRate, bpm: 'fast' } }] }],
      ['a text for a @oneOf event', { events: ['heartRate'] }],
    ] as const;
    const jsonCases = [...cases.map(([name, query, variables]) => [name, query, variables()] as const), ...oneOfCases.map(([name, variables]) => [name, oneOf, variables] as const)];
    const post = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
    let compiledAccepted = 0;
    for (const [name, query, variables] of jsonCases) {
      const body = JSON.stringify({ query, variables });
      const fast = await fastYoga.fetch('http://lifestream/graphql', post(body));
      const fastBody = await fast.text();
      const fastGiven = givenArguments();
      const standard = await standardYoga.fetch('http://lifestream/graphql', post(body));
      assert.deepEqual([fast.status, fastBody, fastGiven], [standard.status, await standard.text(), givenArguments()], name);
      if (fastGiven.length > 0) compiledAccepted++;
    }
    assert.equal(compiledAccepted, 11, 'the good cases are accepted');

    const multipart = (image: Record<string, unknown>) => {
      const form = new FormData();
      form.set('operations', JSON.stringify({ query: photos, variables: { events: [{ ...photo, image }] } }));
      form.set('map', JSON.stringify({ 0: ['variables.events.0.image.file'] }));
      form.set('0', file());
      return { method: 'POST', body: form };
    };
    for (const image of [{ file: null, mimeType: 'image/jpeg' }, { file: null }, { file: null, mimeType: 'image/jpeg', url: 'x' }]) {
      const fast = await fastYoga.fetch('http://lifestream/graphql', multipart(image));
      const fastAnswer = [fast.status, withoutFileTimes(await fast.text()), givenArguments()];
      const standard = await standardYoga.fetch('http://lifestream/graphql', multipart(image));
      assert.deepEqual(fastAnswer, [standard.status, withoutFileTimes(await standard.text()), givenArguments()], JSON.stringify(image));
    }
  });

  it('stops at the execution signal as the standard executor does', async () => {
    const stopped = new GraphQLError('the deadline passed', { extensions: { code: 'DEADLINE_EXCEEDED' } });
    // As api/request-deadline.ts does, but in front of the compiled query to see it stop.
    const withAbortedSignal: Plugin = { onExecute: ({ args }) => void Object.assign(args, { signal: AbortSignal.abort(stopped) }) };
    const answer = async (plugins: Plugin[]) => {
      const response = await createYoga({ schema: echoSchema, plugins, logging: false }).fetch('http://lifestream/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: heartRates, variables: { events: [heartRate] } }),
      });
      return [response.status, await response.text()];
    };
    const fast = await answer([withAbortedSignal, useCompiledIngest()]);
    assert.deepEqual(fast, await answer([withAbortedSignal]));
    assert.match(String(fast[1]), /the deadline passed/);
  });

  it('compiles ingest(events:), checking before it runs the one field of each @oneOf event that graphql-jit does not', async () => {
    const document = parse('mutation($events: [EventInput!]!) { ingest(events: $events) }');
    const compiled = compiledIngestOf({ schema: echoSchema, document });
    assert.deepEqual(compiled?.oneOfVariables.map(({ name }) => name), ['events']);
    const events = compiled!.oneOfVariables[0]!.type;
    assert.equal(keepsOneOf(events, [{ heartRate }, { steps: step }]), true);
    assert.equal(keepsOneOf(events, { heartRate }), true, 'one event without a list');
    assert.equal(keepsOneOf(events, null), true, 'null is the coercion\'s to refuse');
    assert.equal(keepsOneOf(events, ['heartRate', 3]), true, 'so are values of the wrong shape');
    assert.equal(keepsOneOf(events, [{ heartRate }, { heartRate, steps: step }]), false, 'two kinds in one event');
    assert.equal(keepsOneOf(events, [{}]), false, 'no kind');
    assert.equal(keepsOneOf(events, [{ heartRate: null }]), false, 'a null kind');
    assert.equal(compiledIngestOf({ schema: echoSchema, document: parse(heartRates) })?.oneOfVariables.length, 0);

    // graphql-jit alone accepts two kinds in one event: the check above is what refuses them.
    const result = await compiled!.query.query(undefined, {}, { events: [{ heartRate, steps: step }] });
    assert.equal(refused(result), false, 'graphql-jit now checks @oneOf: keepsOneOf may go');
  });
});

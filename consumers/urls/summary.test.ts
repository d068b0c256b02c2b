import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startChatCompletions, type ChatCompletionsServer } from '../../test/fixtures/chat-completions.ts';
import { extractiveSummary } from './extractive-summary.ts';
import { summarise } from './summary.ts';

const text = [
  'Otters have returned to the northern estuary after thirty years away.',
  'Volunteers filmed two adult otters and three cubs hunting eels near the sluice gate.',
  'The weather on the day of filming was cloudy with light rain in the afternoon.',
  'Cleaner water brought the fish back, and the otters followed the fish into the estuary.',
  'A bakery in the town won a regional award for its bread last week.',
].join(' ');

describe('summaries', () => {
  let chat: ChatCompletionsServer;
  before(async () => {
    chat = await startChatCompletions('Otters are back in the estuary, following the fish.');
  });
  after(async () => chat?.close());

  it('extracts the sentences about what the text is mostly about, in their order', () => {
    const summary = extractiveSummary(text, 2);
    assert.match(summary, /^Otters have returned/);
    assert.match(summary, /otters followed the fish|three cubs/);
    assert.doesNotMatch(summary, /bakery/);
  });

  it('asks an OpenAI-compatible endpoint when one is configured, and says the model wrote it', async () => {
    const summary = await summarise(text, { baseUrl: chat.baseUrl, model: 'summariser-1', apiKey: 'sk-test', timeoutMs: 5_000 });
    assert.deepEqual(summary, { summary: 'Otters are back in the estuary, following the fish.', summaryMethod: 'MODEL', summaryModel: 'summariser-1' });
    const request = chat.requests.at(-1)!;
    assert.equal(request.model, 'summariser-1');
    assert.equal(request.authorization, 'Bearer sk-test');
    assert.deepEqual(request.messages.map((m) => m.role), ['system', 'user']);
    assert.equal(request.messages[1]!.content, text);
  });

  it('extracts a summary itself, and says so, when the endpoint fails', async () => {
    const logged: string[] = [];
    const summary = await summarise(text, { baseUrl: `${chat.baseUrl}/wrong`, model: 'summariser-1', timeoutMs: 5_000 }, (line) => logged.push(line));
    assert.equal(summary?.summaryMethod, 'EXTRACTIVE');
    assert.match(logged[0] ?? '', /summary by summariser-1 .* failed, extracting one instead: the summary endpoint answered 404/);
  });
});

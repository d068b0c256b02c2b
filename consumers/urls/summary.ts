// The summary of a URL task's text: written by a model behind an OpenAI-compatible endpoint
// (POST <base>/chat/completions) when one is configured, else extracted here. The result says which.
import { z } from 'zod';
import { extractiveSummary } from './extractive-summary.ts';

export interface SummaryEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export type Summary = { summary: string; summaryMethod: 'MODEL'; summaryModel: string } | { summary: string; summaryMethod: 'EXTRACTIVE' };

// The fields of the chat-completions answer used here (https://platform.openai.com/docs/api-reference/chat/object).
const chatCompletion = z.object({
  model: z.string().optional(),
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

const maxInputChars = 24_000;
const maxSummaryChars = 16 * 1024;

const instructions = 'Summarise the document the user sends in at most five sentences, in its own language. Answer with the summary only.';

async function modelSummary(text: string, endpoint: SummaryEndpoint): Promise<string> {
  const response = await fetch(`${endpoint.baseUrl.replace(/\/$/, '')}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) },
    body: JSON.stringify({
      model: endpoint.model,
      messages: [
        { role: 'system', content: instructions },
        { role: 'user', content: text.slice(0, maxInputChars) },
      ],
      temperature: 0.2,
    }),
    signal: AbortSignal.timeout(endpoint.timeoutMs),
  });
  if (!response.ok) throw new Error(`the summary endpoint answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  const parsed = chatCompletion.safeParse(await response.json());
  if (!parsed.success) throw new Error('the summary endpoint answered without choices[0].message.content');
  const content = parsed.data.choices[0]!.message.content?.trim();
  if (!content) throw new Error('the summary endpoint answered an empty summary');
  return content.slice(0, maxSummaryChars);
}

/**
 * Summarises text; undefined for text too short to summarise. With an endpoint that fails, the
 * extractive summary stands in (logged), so an archive is not lost to a summariser being away.
 */
export async function summarise(text: string, endpoint: SummaryEndpoint | undefined, log: (line: string) => void = console.warn): Promise<Summary | undefined> {
  if (text.trim().length < 40) return undefined;
  if (endpoint) {
    try {
      return { summary: await modelSummary(text, endpoint), summaryMethod: 'MODEL', summaryModel: endpoint.model };
    } catch (error) {
      log(`url consumer: summary by ${endpoint.model} at ${endpoint.baseUrl} failed, extracting one instead: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const summary = extractiveSummary(text);
  return summary ? { summary, summaryMethod: 'EXTRACTIVE' } : undefined;
}

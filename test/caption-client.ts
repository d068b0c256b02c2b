// What the Moondream suites (an endpoint, and in process) do to a Lifestream: send a photo, then wait
// for its image analysis and read its caption and the `model` that produced it.
import assert from 'node:assert/strict';
import { eventually, type Harness } from './harness.ts';

export interface CaptionedAnalysis {
  headline: string;
  caption: string | null;
  model: string;
}

const analyses = `query($d: [ID!], $text: String) {
  timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, kinds: [IMAGE_ANALYSIS], text: $text) {
    edges { node { headline ... on ImageAnalysis { caption model } } }
  }
}`;

// Analyses load their models on the first image and share 2 cores with other suites: give them minutes.
const analysisAttempts = 1_800;

/** Photos taken a second apart from `firstTime` (on 2026-06-01), sent to the harness `lifestream()` answers when called. */
export function captionClient(lifestream: () => Harness, firstTime: Date) {
  let sent = 0;
  const nextTime = () => new Date(firstTime.getTime() + 1000 * sent++).toISOString();
  return {
    async ingestPhoto(device: string, image: Buffer, size: number) {
      const result = await lifestream().graphql<{ ingestCameraPhoto: { errors: unknown[] } }>(`mutation($e: [CameraPhotoInput!]!) { ingestCameraPhoto(events: $e) { errors { message } } }`, {
        e: [{ deviceId: device, time: nextTime(), camera: 'REAR', widthPx: size, heightPx: size, image: { base64: image.toString('base64'), mimeType: 'image/png' } }],
      });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      assert.deepEqual(result.data?.ingestCameraPhoto.errors, []);
    },
    analysisOf(device: string, text?: string): Promise<CaptionedAnalysis> {
      return eventually(
        async () => (await lifestream().graphql<{ timeline: { edges: { node: CaptionedAnalysis }[] } }>(analyses, { d: [device], text })).data?.timeline.edges[0]?.node,
        `the image analysis of ${device}`,
        analysisAttempts,
      );
    },
  };
}

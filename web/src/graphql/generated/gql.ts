/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query EventKinds {\n    eventKinds {\n      kind\n      lane\n      draw\n      valueField\n      description\n    }\n  }\n": typeof types.EventKindsDocument,
    "\n  query TimelineBuckets($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {\n    timelineBuckets(from: $from, to: $to, bucketSeconds: $bucketSeconds, kinds: $kinds, deviceIds: $deviceIds, text: $text, perDevice: true) {\n      kind\n      deviceId\n      start\n      count\n      min\n      avg\n      max\n    }\n  }\n": typeof types.TimelineBucketsDocument,
    "\n  query TimelineBucketSeries($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {\n    timelineBucketSeries(from: $from, to: $to, bucketSeconds: $bucketSeconds, kinds: $kinds, deviceIds: $deviceIds, text: $text, perDevice: true) {\n      kind\n      deviceId\n      starts\n      counts\n      min\n      avg\n      max\n    }\n  }\n": typeof types.TimelineBucketSeriesDocument,
    "\n  query TimelineEvents($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $after: String) {\n    timeline(from: $from, to: $to, kinds: $kinds, deviceIds: $deviceIds, text: $text, first: 1000, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          deviceId\n          time\n          headline\n          ... on AppFocus {\n            action\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TimelineEventsDocument,
    "\n  query EventPage($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $order: TimelineOrder!, $first: Int!, $after: String) {\n    timeline(from: $from, to: $to, kinds: $kinds, deviceIds: $deviceIds, text: $text, order: $order, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          deviceId\n          time\n          headline\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.EventPageDocument,
    "\n  subscription LiveTimeline($kinds: [EventKind!], $deviceIds: [ID!]) {\n    timeline(kinds: $kinds, deviceIds: $deviceIds) {\n      cursor\n      movedFrom\n      node {\n        id\n        kind\n        deviceId\n        time\n        headline\n        ... on AppFocus {\n          action\n        }\n      }\n    }\n  }\n": typeof types.LiveTimelineDocument,
    "\n  query EventDetail($id: ID!) {\n    event(id: $id) {\n      __typename\n      id\n      kind\n      deviceId\n      time\n      receivedAt\n      lane\n      headline\n      payload\n      ... on TranscriptSegment {\n        text\n        words\n        fileId\n        segmentId\n      }\n      ... on GpsFix {\n        latitude\n        longitude\n      }\n      ... on ImageAnalysis {\n        sourceEventId\n      }\n    }\n  }\n": typeof types.EventDetailDocument,
    "\n  query ImageAnalyses($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [IMAGE_ANALYSIS], deviceIds: $deviceIds, first: 100) {\n      edges {\n        node {\n          __typename\n          id\n          ... on ImageAnalysis {\n            sourceEventId\n            widthPx\n            heightPx\n            textLines\n            objectBoxes\n            faces\n          }\n        }\n      }\n    }\n  }\n": typeof types.ImageAnalysesDocument,
    "\n  query PhotoThumbnails($from: DateTime!, $to: DateTime!, $deviceIds: [ID!], $text: String) {\n    timeline(from: $from, to: $to, kinds: [IMAGE_ANALYSIS], deviceIds: $deviceIds, text: $text, first: 100) {\n      edges {\n        node {\n          __typename\n          id\n          ... on ImageAnalysis {\n            thumbnail {\n              sha256\n              mimeType\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PhotoThumbnailsDocument,
    "\n  query MemosAround($id: ID!) {\n    event(id: $id) {\n      id\n      memos(window: 1800) {\n        id\n        createdAt\n        title\n        content\n        tags\n      }\n    }\n  }\n": typeof types.MemosAroundDocument,
    "\n  query GpsTrack($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [GPS_FIX], deviceIds: $deviceIds, first: 1000) {\n      edges {\n        node {\n          __typename\n          id\n          time\n          ... on GpsFix {\n            latitude\n            longitude\n          }\n        }\n      }\n    }\n  }\n": typeof types.GpsTrackDocument,
    "\n  query SpeechAudio($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [SPEECH_SEGMENT], deviceIds: $deviceIds, first: 100) {\n      edges {\n        node {\n          __typename\n          id\n          ... on SpeechSegment {\n            fileId\n            segmentId\n            durationMs\n            audio {\n              sha256\n              mimeType\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SpeechAudioDocument,
    "\n  query ScreenFrames($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [OBJECT_DETECTIONS], deviceIds: $deviceIds, first: 500) {\n      edges {\n        node {\n          __typename\n          id\n          time\n          ... on ObjectDetections {\n            sessionId\n            frameIndex\n            widthPx\n            heightPx\n            detections\n            movingRegions\n            textLines\n            ocrText\n            ocr\n            image {\n              sha256\n              mimeType\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ScreenFramesDocument,
};
const documents: Documents = {
    "\n  query EventKinds {\n    eventKinds {\n      kind\n      lane\n      draw\n      valueField\n      description\n    }\n  }\n": types.EventKindsDocument,
    "\n  query TimelineBuckets($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {\n    timelineBuckets(from: $from, to: $to, bucketSeconds: $bucketSeconds, kinds: $kinds, deviceIds: $deviceIds, text: $text, perDevice: true) {\n      kind\n      deviceId\n      start\n      count\n      min\n      avg\n      max\n    }\n  }\n": types.TimelineBucketsDocument,
    "\n  query TimelineBucketSeries($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {\n    timelineBucketSeries(from: $from, to: $to, bucketSeconds: $bucketSeconds, kinds: $kinds, deviceIds: $deviceIds, text: $text, perDevice: true) {\n      kind\n      deviceId\n      starts\n      counts\n      min\n      avg\n      max\n    }\n  }\n": types.TimelineBucketSeriesDocument,
    "\n  query TimelineEvents($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $after: String) {\n    timeline(from: $from, to: $to, kinds: $kinds, deviceIds: $deviceIds, text: $text, first: 1000, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          deviceId\n          time\n          headline\n          ... on AppFocus {\n            action\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TimelineEventsDocument,
    "\n  query EventPage($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $order: TimelineOrder!, $first: Int!, $after: String) {\n    timeline(from: $from, to: $to, kinds: $kinds, deviceIds: $deviceIds, text: $text, order: $order, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          deviceId\n          time\n          headline\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.EventPageDocument,
    "\n  subscription LiveTimeline($kinds: [EventKind!], $deviceIds: [ID!]) {\n    timeline(kinds: $kinds, deviceIds: $deviceIds) {\n      cursor\n      movedFrom\n      node {\n        id\n        kind\n        deviceId\n        time\n        headline\n        ... on AppFocus {\n          action\n        }\n      }\n    }\n  }\n": types.LiveTimelineDocument,
    "\n  query EventDetail($id: ID!) {\n    event(id: $id) {\n      __typename\n      id\n      kind\n      deviceId\n      time\n      receivedAt\n      lane\n      headline\n      payload\n      ... on TranscriptSegment {\n        text\n        words\n        fileId\n        segmentId\n      }\n      ... on GpsFix {\n        latitude\n        longitude\n      }\n      ... on ImageAnalysis {\n        sourceEventId\n      }\n    }\n  }\n": types.EventDetailDocument,
    "\n  query ImageAnalyses($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [IMAGE_ANALYSIS], deviceIds: $deviceIds, first: 100) {\n      edges {\n        node {\n          __typename\n          id\n          ... on ImageAnalysis {\n            sourceEventId\n            widthPx\n            heightPx\n            textLines\n            objectBoxes\n            faces\n          }\n        }\n      }\n    }\n  }\n": types.ImageAnalysesDocument,
    "\n  query PhotoThumbnails($from: DateTime!, $to: DateTime!, $deviceIds: [ID!], $text: String) {\n    timeline(from: $from, to: $to, kinds: [IMAGE_ANALYSIS], deviceIds: $deviceIds, text: $text, first: 100) {\n      edges {\n        node {\n          __typename\n          id\n          ... on ImageAnalysis {\n            thumbnail {\n              sha256\n              mimeType\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PhotoThumbnailsDocument,
    "\n  query MemosAround($id: ID!) {\n    event(id: $id) {\n      id\n      memos(window: 1800) {\n        id\n        createdAt\n        title\n        content\n        tags\n      }\n    }\n  }\n": types.MemosAroundDocument,
    "\n  query GpsTrack($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [GPS_FIX], deviceIds: $deviceIds, first: 1000) {\n      edges {\n        node {\n          __typename\n          id\n          time\n          ... on GpsFix {\n            latitude\n            longitude\n          }\n        }\n      }\n    }\n  }\n": types.GpsTrackDocument,
    "\n  query SpeechAudio($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [SPEECH_SEGMENT], deviceIds: $deviceIds, first: 100) {\n      edges {\n        node {\n          __typename\n          id\n          ... on SpeechSegment {\n            fileId\n            segmentId\n            durationMs\n            audio {\n              sha256\n              mimeType\n            }\n          }\n        }\n      }\n    }\n  }\n": types.SpeechAudioDocument,
    "\n  query ScreenFrames($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [OBJECT_DETECTIONS], deviceIds: $deviceIds, first: 500) {\n      edges {\n        node {\n          __typename\n          id\n          time\n          ... on ObjectDetections {\n            sessionId\n            frameIndex\n            widthPx\n            heightPx\n            detections\n            movingRegions\n            textLines\n            ocrText\n            ocr\n            image {\n              sha256\n              mimeType\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ScreenFramesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventKinds {\n    eventKinds {\n      kind\n      lane\n      draw\n      valueField\n      description\n    }\n  }\n"): typeof import('./graphql').EventKindsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineBuckets($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {\n    timelineBuckets(from: $from, to: $to, bucketSeconds: $bucketSeconds, kinds: $kinds, deviceIds: $deviceIds, text: $text, perDevice: true) {\n      kind\n      deviceId\n      start\n      count\n      min\n      avg\n      max\n    }\n  }\n"): typeof import('./graphql').TimelineBucketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineBucketSeries($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {\n    timelineBucketSeries(from: $from, to: $to, bucketSeconds: $bucketSeconds, kinds: $kinds, deviceIds: $deviceIds, text: $text, perDevice: true) {\n      kind\n      deviceId\n      starts\n      counts\n      min\n      avg\n      max\n    }\n  }\n"): typeof import('./graphql').TimelineBucketSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineEvents($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $after: String) {\n    timeline(from: $from, to: $to, kinds: $kinds, deviceIds: $deviceIds, text: $text, first: 1000, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          deviceId\n          time\n          headline\n          ... on AppFocus {\n            action\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').TimelineEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventPage($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $order: TimelineOrder!, $first: Int!, $after: String) {\n    timeline(from: $from, to: $to, kinds: $kinds, deviceIds: $deviceIds, text: $text, order: $order, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          deviceId\n          time\n          headline\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').EventPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveTimeline($kinds: [EventKind!], $deviceIds: [ID!]) {\n    timeline(kinds: $kinds, deviceIds: $deviceIds) {\n      cursor\n      movedFrom\n      node {\n        id\n        kind\n        deviceId\n        time\n        headline\n        ... on AppFocus {\n          action\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LiveTimelineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventDetail($id: ID!) {\n    event(id: $id) {\n      __typename\n      id\n      kind\n      deviceId\n      time\n      receivedAt\n      lane\n      headline\n      payload\n      ... on TranscriptSegment {\n        text\n        words\n        fileId\n        segmentId\n      }\n      ... on GpsFix {\n        latitude\n        longitude\n      }\n      ... on ImageAnalysis {\n        sourceEventId\n      }\n    }\n  }\n"): typeof import('./graphql').EventDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageAnalyses($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [IMAGE_ANALYSIS], deviceIds: $deviceIds, first: 100) {\n      edges {\n        node {\n          __typename\n          id\n          ... on ImageAnalysis {\n            sourceEventId\n            widthPx\n            heightPx\n            textLines\n            objectBoxes\n            faces\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ImageAnalysesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PhotoThumbnails($from: DateTime!, $to: DateTime!, $deviceIds: [ID!], $text: String) {\n    timeline(from: $from, to: $to, kinds: [IMAGE_ANALYSIS], deviceIds: $deviceIds, text: $text, first: 100) {\n      edges {\n        node {\n          __typename\n          id\n          ... on ImageAnalysis {\n            thumbnail {\n              sha256\n              mimeType\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PhotoThumbnailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemosAround($id: ID!) {\n    event(id: $id) {\n      id\n      memos(window: 1800) {\n        id\n        createdAt\n        title\n        content\n        tags\n      }\n    }\n  }\n"): typeof import('./graphql').MemosAroundDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GpsTrack($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [GPS_FIX], deviceIds: $deviceIds, first: 1000) {\n      edges {\n        node {\n          __typename\n          id\n          time\n          ... on GpsFix {\n            latitude\n            longitude\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').GpsTrackDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SpeechAudio($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [SPEECH_SEGMENT], deviceIds: $deviceIds, first: 100) {\n      edges {\n        node {\n          __typename\n          id\n          ... on SpeechSegment {\n            fileId\n            segmentId\n            durationMs\n            audio {\n              sha256\n              mimeType\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SpeechAudioDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScreenFrames($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {\n    timeline(from: $from, to: $to, kinds: [OBJECT_DETECTIONS], deviceIds: $deviceIds, first: 500) {\n      edges {\n        node {\n          __typename\n          id\n          time\n          ... on ObjectDetections {\n            sessionId\n            frameIndex\n            widthPx\n            heightPx\n            detections\n            movingRegions\n            textLines\n            ocrText\n            ocr\n            image {\n              sha256\n              mimeType\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ScreenFramesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

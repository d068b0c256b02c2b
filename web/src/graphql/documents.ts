// Every operation the web app sends; GraphQL Code Generator types them from schema/schema.graphql
// (`npm run codegen:web`), so no response type is written by hand. Fields are listed inline, not
// in named fragments: graphql-armor's cost limit counts a named fragment far above its inline twin,
// and a page of 1000 events with inline fragments on two kinds is over it too, so the GPS track and
// the speech audio are asked apart.
import { graphql } from './generated/gql.ts';

export const eventKindsQuery = graphql(`
  query EventKinds {
    eventKinds {
      kind
      lane
      draw
      valueField
      description
    }
  }
`);

export const bucketsQuery = graphql(`
  query TimelineBuckets($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {
    timelineBuckets(from: $from, to: $to, bucketSeconds: $bucketSeconds, kinds: $kinds, deviceIds: $deviceIds, text: $text, perDevice: true) {
      kind
      deviceId
      start
      count
      min
      avg
      max
    }
  }
`);

export const bucketSeriesQuery = graphql(`
  query TimelineBucketSeries($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {
    timelineBucketSeries(from: $from, to: $to, bucketSeconds: $bucketSeconds, kinds: $kinds, deviceIds: $deviceIds, text: $text, perDevice: true) {
      kind
      deviceId
      starts
      counts
      min
      avg
      max
    }
  }
`);

export const eventsQuery = graphql(`
  query TimelineEvents($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $after: String) {
    timeline(from: $from, to: $to, kinds: $kinds, deviceIds: $deviceIds, text: $text, first: 1000, after: $after) {
      edges {
        node {
          id
          kind
          deviceId
          time
          headline
          ... on AppFocus {
            action
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const eventPageQuery = graphql(`
  query EventPage($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $order: TimelineOrder!, $first: Int!, $after: String) {
    timeline(from: $from, to: $to, kinds: $kinds, deviceIds: $deviceIds, text: $text, order: $order, first: $first, after: $after) {
      edges {
        node {
          id
          kind
          deviceId
          time
          headline
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const liveSubscription = graphql(`
  subscription LiveTimeline($kinds: [EventKind!], $deviceIds: [ID!]) {
    timeline(kinds: $kinds, deviceIds: $deviceIds) {
      cursor
      movedFrom
      node {
        id
        kind
        deviceId
        time
        headline
        ... on AppFocus {
          action
        }
      }
    }
  }
`);

export const eventQuery = graphql(`
  query EventDetail($id: ID!) {
    event(id: $id) {
      __typename
      id
      kind
      deviceId
      time
      receivedAt
      lane
      headline
      payload
      ... on TranscriptSegment {
        text
        words
        fileId
        segmentId
      }
      ... on GpsFix {
        latitude
        longitude
      }
      ... on ImageAnalysis {
        sourceEventId
      }
    }
  }
`);

export const imageAnalysesQuery = graphql(`
  query ImageAnalyses($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {
    timeline(from: $from, to: $to, kinds: [IMAGE_ANALYSIS], deviceIds: $deviceIds, first: 100) {
      edges {
        node {
          __typename
          id
          ... on ImageAnalysis {
            sourceEventId
            widthPx
            heightPx
            textLines
            objectBoxes
            faces
          }
        }
      }
    }
  }
`);

export const photoThumbnailsQuery = graphql(`
  query PhotoThumbnails($from: DateTime!, $to: DateTime!, $deviceIds: [ID!], $text: String) {
    timeline(from: $from, to: $to, kinds: [IMAGE_ANALYSIS], deviceIds: $deviceIds, text: $text, first: 100) {
      edges {
        node {
          __typename
          id
          ... on ImageAnalysis {
            thumbnail {
              sha256
              mimeType
            }
          }
        }
      }
    }
  }
`);

export const memosAroundQuery = graphql(`
  query MemosAround($id: ID!) {
    event(id: $id) {
      id
      memos(window: 1800) {
        id
        createdAt
        title
        content
        tags
      }
    }
  }
`);

export const gpsTrackQuery = graphql(`
  query GpsTrack($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {
    timeline(from: $from, to: $to, kinds: [GPS_FIX], deviceIds: $deviceIds, first: 1000) {
      edges {
        node {
          __typename
          id
          time
          ... on GpsFix {
            latitude
            longitude
          }
        }
      }
    }
  }
`);

export const speechAudioQuery = graphql(`
  query SpeechAudio($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {
    timeline(from: $from, to: $to, kinds: [SPEECH_SEGMENT], deviceIds: $deviceIds, first: 100) {
      edges {
        node {
          __typename
          id
          ... on SpeechSegment {
            fileId
            segmentId
            durationMs
            audio {
              sha256
              mimeType
            }
          }
        }
      }
    }
  }
`);

export const screenFramesQuery = graphql(`
  query ScreenFrames($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {
    timeline(from: $from, to: $to, kinds: [OBJECT_DETECTIONS], deviceIds: $deviceIds, first: 500) {
      edges {
        node {
          __typename
          id
          time
          ... on ObjectDetections {
            sessionId
            frameIndex
            widthPx
            heightPx
            detections
            movingRegions
            textLines
            ocrText
            ocr
            image {
              sha256
              mimeType
            }
          }
        }
      }
    }
  }
`);

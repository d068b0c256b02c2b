/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AppFocusAction =
  | 'CLOSED'
  | 'FOCUSED'
  | 'OPENED';

export type EventKind =
  /** One accelerometer sample in m/s², device axes. */
  | 'ACCELEROMETER'
  /** Air quality reading; each pollutant optional, as sensors differ. */
  | 'AIR_QUALITY'
  /** Ambient light level. */
  | 'AMBIENT_LIGHT'
  /** A desktop application opened, focused or closed. */
  | 'APP_FOCUS'
  /** An Android activity lifecycle transition. */
  | 'APP_LIFECYCLE'
  /** A chunk of microphone audio belonging to one recording (fileId), in order by seq. */
  | 'AUDIO_CHUNK'
  /** Air pressure reading. */
  | 'BAROMETER'
  /** A nearby Bluetooth device seen in a scan. */
  | 'BLUETOOTH_SCAN'
  /** A calendar entry; event time is its start, which may lie in the future. */
  | 'CALENDAR_EVENT'
  /** A periodic photo from the front or rear camera; pairs close in time feed 3D reconstruction. */
  | 'CAMERA_PHOTO'
  /** Text copied to the clipboard. */
  | 'CLIPBOARD'
  /** Temperature of the device (battery or CPU sensor). */
  | 'DEVICE_TEMPERATURE'
  /** A file attached to an email, at the email's time; its content in the blob store unless it was over the importer's size limit. */
  | 'EMAIL_ATTACHMENT'
  /** An email sent or received. */
  | 'EMAIL_EVENT'
  /** A GPS position fix (WGS84). */
  | 'GPS_FIX'
  /** A heart-rate sample. */
  | 'HEART_RATE'
  /** Relative humidity. */
  | 'HUMIDITY'
  /** What was found in a photo or screenshot: its text (OCR), objects and faces with gaze, a caption (Moondream's when configured, else composed from the findings), and a thumbnail. */
  | 'IMAGE_ANALYSIS'
  /** High-level context inferred from raw audio and photos (place, activity, people, food). */
  | 'INFERRED_CONTEXT'
  /** Keyboard and mouse activity counted over an interval ending at the event time (no key contents). */
  | 'INPUT_ACTIVITY'
  /** A post the person liked on Twitter/X; event time is when it was liked (or scraped). */
  | 'LIKED_TWEET'
  /** A system notification posted or removed. */
  | 'NOTIFICATION'
  /** What one analysed keyframe of a screen session shows: objects with track ids kept across frames, motion from optical flow, scene cuts, and the text on screen (read again only where the frame changed). */
  | 'OBJECT_DETECTIONS'
  /** The text of a PDF behind a URL task (per page), its title, metadata and outline, a summary, and the PDF itself kept in the blob store. */
  | 'PDF_EXTRACT'
  /** Battery level and charging state. */
  | 'POWER'
  /** A 3D reconstruction from a front/rear photo pair. */
  | 'RECONSTRUCTION3D'
  /** A screenshot taken on a device. */
  | 'SCREENSHOT'
  /** A keyframe of a screen recording session. */
  | 'SCREEN_KEYFRAME'
  /** A screen session as a whole once it closed (its last frame, or idle time): how many frames came, were analysed, skipped, refused, and how often the OCR ran. Event time is its first frame. */
  | 'SCREEN_SESSION'
  /** A stretch of a recording where voice activity detection heard speech; event time is its start. */
  | 'SPEECH_SEGMENT'
  /** Steps counted over an interval ending at the event time. */
  | 'STEPS'
  /** The words spoken in one speech segment, each with start/end offsets and confidence. */
  | 'TRANSCRIPT_SEGMENT'
  /** A tweet archived from a URL task, from the public embed data its URL serves: text, author, time, media kept in the blob store, the quoted tweet. */
  | 'TWEET_ARCHIVE'
  /** A URL to fetch and process (tweet, PDF, page), from the clipboard, the browser or by hand. */
  | 'URL_TASK'
  /** The readable article of a web page behind a URL task (title, byline, site, language, main image, text), a summary, and a snapshot of its HTML kept in the blob store. */
  | 'WEB_ARTICLE'
  /** A page visit reported by the browser extension. */
  | 'WEB_VISIT'
  /** Wi-Fi connection state. */
  | 'WIFI_STATE';

export type ObjectDetectionsOcr =
  | 'CHANGED_REGION'
  | 'FULL'
  | 'SKIPPED';

export type TimelineOrder =
  /** Best match of text first (TimelineEdge.relevance), then oldest first; needs text. */
  | 'RELEVANCE'
  /** Oldest first: (time, id, device). */
  | 'TIME';

export type EventKindsQueryVariables = Exact<{ [key: string]: never; }>;


export type EventKindsQuery = { eventKinds: Array<{ kind: EventKind, lane: string, draw: string, valueField: string | null, description: string }> };

export type TimelineBucketsQueryVariables = Exact<{
  from: string;
  to: string;
  bucketSeconds: number;
  kinds?: Array<EventKind> | EventKind | null | undefined;
  deviceIds?: Array<string | number> | string | number | null | undefined;
  text?: string | null | undefined;
}>;


export type TimelineBucketsQuery = { timelineBuckets: Array<{ kind: EventKind, deviceId: string | null, start: string, count: number, min: number | null, avg: number | null, max: number | null }> };

export type TimelineBucketSeriesQueryVariables = Exact<{
  from: string;
  to: string;
  bucketSeconds: number;
  kinds?: Array<EventKind> | EventKind | null | undefined;
  deviceIds?: Array<string | number> | string | number | null | undefined;
  text?: string | null | undefined;
}>;


export type TimelineBucketSeriesQuery = { timelineBucketSeries: Array<{ kind: EventKind, deviceId: string | null, starts: Array<string>, counts: Array<number>, min: Array<number | null>, avg: Array<number | null>, max: Array<number | null> }> };

export type TimelineEventsQueryVariables = Exact<{
  from: string;
  to: string;
  kinds?: Array<EventKind> | EventKind | null | undefined;
  deviceIds?: Array<string | number> | string | number | null | undefined;
  text?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type TimelineEventsQuery = { timeline: { edges: Array<{ node:
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { action: AppFocusAction, id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
       }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type EventPageQueryVariables = Exact<{
  from: string;
  to: string;
  kinds?: Array<EventKind> | EventKind | null | undefined;
  deviceIds?: Array<string | number> | string | number | null | undefined;
  text?: string | null | undefined;
  order: TimelineOrder;
  first: number;
  after?: string | null | undefined;
}>;


export type EventPageQuery = { timeline: { edges: Array<{ node:
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
        | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
       }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type LiveTimelineSubscriptionVariables = Exact<{
  kinds?: Array<EventKind> | EventKind | null | undefined;
  deviceIds?: Array<string | number> | string | number | null | undefined;
}>;


export type LiveTimelineSubscription = { timeline: { cursor: string, movedFrom: string | null, node:
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { action: AppFocusAction, id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
      | { id: string, kind: EventKind, deviceId: string, time: string, headline: string }
     } };

export type EventDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type EventDetailQuery = { event:
    | { __typename: 'Accelerometer', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'AirQuality', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'AmbientLight', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'AppFocus', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'AppLifecycle', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'AudioChunk', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'Barometer', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'BluetoothScan', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'CalendarEvent', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'CameraPhoto', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'Clipboard', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'DeviceTemperature', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'EmailAttachment', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'EmailEvent', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'GpsFix', latitude: number, longitude: number, id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'HeartRate', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'Humidity', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'ImageAnalysis', sourceEventId: string, id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'InferredContext', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'InputActivity', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'LikedTweet', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'Notification', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'ObjectDetections', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'PdfExtract', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'Power', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'Reconstruction3d', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'ScreenKeyframe', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'ScreenSession', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'Screenshot', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'SpeechSegment', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'Steps', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'TranscriptSegment', text: string, words: unknown, fileId: string, segmentId: string, id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'TweetArchive', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'UrlTask', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'WebArticle', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'WebVisit', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
    | { __typename: 'WifiState', id: string, kind: EventKind, deviceId: string, time: string, receivedAt: string, lane: string, headline: string, payload: unknown }
   | null };

export type ImageAnalysesQueryVariables = Exact<{
  from: string;
  to: string;
  deviceIds?: Array<string | number> | string | number | null | undefined;
}>;


export type ImageAnalysesQuery = { timeline: { edges: Array<{ node:
        | { __typename: 'Accelerometer', id: string }
        | { __typename: 'AirQuality', id: string }
        | { __typename: 'AmbientLight', id: string }
        | { __typename: 'AppFocus', id: string }
        | { __typename: 'AppLifecycle', id: string }
        | { __typename: 'AudioChunk', id: string }
        | { __typename: 'Barometer', id: string }
        | { __typename: 'BluetoothScan', id: string }
        | { __typename: 'CalendarEvent', id: string }
        | { __typename: 'CameraPhoto', id: string }
        | { __typename: 'Clipboard', id: string }
        | { __typename: 'DeviceTemperature', id: string }
        | { __typename: 'EmailAttachment', id: string }
        | { __typename: 'EmailEvent', id: string }
        | { __typename: 'GpsFix', id: string }
        | { __typename: 'HeartRate', id: string }
        | { __typename: 'Humidity', id: string }
        | { __typename: 'ImageAnalysis', sourceEventId: string, widthPx: number | null, heightPx: number | null, textLines: unknown, objectBoxes: unknown, faces: unknown, id: string }
        | { __typename: 'InferredContext', id: string }
        | { __typename: 'InputActivity', id: string }
        | { __typename: 'LikedTweet', id: string }
        | { __typename: 'Notification', id: string }
        | { __typename: 'ObjectDetections', id: string }
        | { __typename: 'PdfExtract', id: string }
        | { __typename: 'Power', id: string }
        | { __typename: 'Reconstruction3d', id: string }
        | { __typename: 'ScreenKeyframe', id: string }
        | { __typename: 'ScreenSession', id: string }
        | { __typename: 'Screenshot', id: string }
        | { __typename: 'SpeechSegment', id: string }
        | { __typename: 'Steps', id: string }
        | { __typename: 'TranscriptSegment', id: string }
        | { __typename: 'TweetArchive', id: string }
        | { __typename: 'UrlTask', id: string }
        | { __typename: 'WebArticle', id: string }
        | { __typename: 'WebVisit', id: string }
        | { __typename: 'WifiState', id: string }
       }> } };

export type PhotoThumbnailsQueryVariables = Exact<{
  from: string;
  to: string;
  deviceIds?: Array<string | number> | string | number | null | undefined;
  text?: string | null | undefined;
}>;


export type PhotoThumbnailsQuery = { timeline: { edges: Array<{ node:
        | { __typename: 'Accelerometer', id: string }
        | { __typename: 'AirQuality', id: string }
        | { __typename: 'AmbientLight', id: string }
        | { __typename: 'AppFocus', id: string }
        | { __typename: 'AppLifecycle', id: string }
        | { __typename: 'AudioChunk', id: string }
        | { __typename: 'Barometer', id: string }
        | { __typename: 'BluetoothScan', id: string }
        | { __typename: 'CalendarEvent', id: string }
        | { __typename: 'CameraPhoto', id: string }
        | { __typename: 'Clipboard', id: string }
        | { __typename: 'DeviceTemperature', id: string }
        | { __typename: 'EmailAttachment', id: string }
        | { __typename: 'EmailEvent', id: string }
        | { __typename: 'GpsFix', id: string }
        | { __typename: 'HeartRate', id: string }
        | { __typename: 'Humidity', id: string }
        | { __typename: 'ImageAnalysis', id: string, thumbnail: { sha256: string, mimeType: string } | null }
        | { __typename: 'InferredContext', id: string }
        | { __typename: 'InputActivity', id: string }
        | { __typename: 'LikedTweet', id: string }
        | { __typename: 'Notification', id: string }
        | { __typename: 'ObjectDetections', id: string }
        | { __typename: 'PdfExtract', id: string }
        | { __typename: 'Power', id: string }
        | { __typename: 'Reconstruction3d', id: string }
        | { __typename: 'ScreenKeyframe', id: string }
        | { __typename: 'ScreenSession', id: string }
        | { __typename: 'Screenshot', id: string }
        | { __typename: 'SpeechSegment', id: string }
        | { __typename: 'Steps', id: string }
        | { __typename: 'TranscriptSegment', id: string }
        | { __typename: 'TweetArchive', id: string }
        | { __typename: 'UrlTask', id: string }
        | { __typename: 'WebArticle', id: string }
        | { __typename: 'WebVisit', id: string }
        | { __typename: 'WifiState', id: string }
       }> } };

export type MemosAroundQueryVariables = Exact<{
  id: string | number;
}>;


export type MemosAroundQuery = { event:
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
    | { id: string, memos: Array<{ id: string, createdAt: string, title: string | null, content: string, tags: Array<string> }> | null }
   | null };

export type GpsTrackQueryVariables = Exact<{
  from: string;
  to: string;
  deviceIds?: Array<string | number> | string | number | null | undefined;
}>;


export type GpsTrackQuery = { timeline: { edges: Array<{ node:
        | { __typename: 'Accelerometer', id: string, time: string }
        | { __typename: 'AirQuality', id: string, time: string }
        | { __typename: 'AmbientLight', id: string, time: string }
        | { __typename: 'AppFocus', id: string, time: string }
        | { __typename: 'AppLifecycle', id: string, time: string }
        | { __typename: 'AudioChunk', id: string, time: string }
        | { __typename: 'Barometer', id: string, time: string }
        | { __typename: 'BluetoothScan', id: string, time: string }
        | { __typename: 'CalendarEvent', id: string, time: string }
        | { __typename: 'CameraPhoto', id: string, time: string }
        | { __typename: 'Clipboard', id: string, time: string }
        | { __typename: 'DeviceTemperature', id: string, time: string }
        | { __typename: 'EmailAttachment', id: string, time: string }
        | { __typename: 'EmailEvent', id: string, time: string }
        | { __typename: 'GpsFix', latitude: number, longitude: number, id: string, time: string }
        | { __typename: 'HeartRate', id: string, time: string }
        | { __typename: 'Humidity', id: string, time: string }
        | { __typename: 'ImageAnalysis', id: string, time: string }
        | { __typename: 'InferredContext', id: string, time: string }
        | { __typename: 'InputActivity', id: string, time: string }
        | { __typename: 'LikedTweet', id: string, time: string }
        | { __typename: 'Notification', id: string, time: string }
        | { __typename: 'ObjectDetections', id: string, time: string }
        | { __typename: 'PdfExtract', id: string, time: string }
        | { __typename: 'Power', id: string, time: string }
        | { __typename: 'Reconstruction3d', id: string, time: string }
        | { __typename: 'ScreenKeyframe', id: string, time: string }
        | { __typename: 'ScreenSession', id: string, time: string }
        | { __typename: 'Screenshot', id: string, time: string }
        | { __typename: 'SpeechSegment', id: string, time: string }
        | { __typename: 'Steps', id: string, time: string }
        | { __typename: 'TranscriptSegment', id: string, time: string }
        | { __typename: 'TweetArchive', id: string, time: string }
        | { __typename: 'UrlTask', id: string, time: string }
        | { __typename: 'WebArticle', id: string, time: string }
        | { __typename: 'WebVisit', id: string, time: string }
        | { __typename: 'WifiState', id: string, time: string }
       }> } };

export type SpeechAudioQueryVariables = Exact<{
  from: string;
  to: string;
  deviceIds?: Array<string | number> | string | number | null | undefined;
}>;


export type SpeechAudioQuery = { timeline: { edges: Array<{ node:
        | { __typename: 'Accelerometer', id: string }
        | { __typename: 'AirQuality', id: string }
        | { __typename: 'AmbientLight', id: string }
        | { __typename: 'AppFocus', id: string }
        | { __typename: 'AppLifecycle', id: string }
        | { __typename: 'AudioChunk', id: string }
        | { __typename: 'Barometer', id: string }
        | { __typename: 'BluetoothScan', id: string }
        | { __typename: 'CalendarEvent', id: string }
        | { __typename: 'CameraPhoto', id: string }
        | { __typename: 'Clipboard', id: string }
        | { __typename: 'DeviceTemperature', id: string }
        | { __typename: 'EmailAttachment', id: string }
        | { __typename: 'EmailEvent', id: string }
        | { __typename: 'GpsFix', id: string }
        | { __typename: 'HeartRate', id: string }
        | { __typename: 'Humidity', id: string }
        | { __typename: 'ImageAnalysis', id: string }
        | { __typename: 'InferredContext', id: string }
        | { __typename: 'InputActivity', id: string }
        | { __typename: 'LikedTweet', id: string }
        | { __typename: 'Notification', id: string }
        | { __typename: 'ObjectDetections', id: string }
        | { __typename: 'PdfExtract', id: string }
        | { __typename: 'Power', id: string }
        | { __typename: 'Reconstruction3d', id: string }
        | { __typename: 'ScreenKeyframe', id: string }
        | { __typename: 'ScreenSession', id: string }
        | { __typename: 'Screenshot', id: string }
        | { __typename: 'SpeechSegment', fileId: string, segmentId: string, durationMs: number, id: string, audio: { sha256: string, mimeType: string } | null }
        | { __typename: 'Steps', id: string }
        | { __typename: 'TranscriptSegment', id: string }
        | { __typename: 'TweetArchive', id: string }
        | { __typename: 'UrlTask', id: string }
        | { __typename: 'WebArticle', id: string }
        | { __typename: 'WebVisit', id: string }
        | { __typename: 'WifiState', id: string }
       }> } };

export type ScreenFramesQueryVariables = Exact<{
  from: string;
  to: string;
  deviceIds?: Array<string | number> | string | number | null | undefined;
}>;


export type ScreenFramesQuery = { timeline: { edges: Array<{ node:
        | { __typename: 'Accelerometer', id: string, time: string }
        | { __typename: 'AirQuality', id: string, time: string }
        | { __typename: 'AmbientLight', id: string, time: string }
        | { __typename: 'AppFocus', id: string, time: string }
        | { __typename: 'AppLifecycle', id: string, time: string }
        | { __typename: 'AudioChunk', id: string, time: string }
        | { __typename: 'Barometer', id: string, time: string }
        | { __typename: 'BluetoothScan', id: string, time: string }
        | { __typename: 'CalendarEvent', id: string, time: string }
        | { __typename: 'CameraPhoto', id: string, time: string }
        | { __typename: 'Clipboard', id: string, time: string }
        | { __typename: 'DeviceTemperature', id: string, time: string }
        | { __typename: 'EmailAttachment', id: string, time: string }
        | { __typename: 'EmailEvent', id: string, time: string }
        | { __typename: 'GpsFix', id: string, time: string }
        | { __typename: 'HeartRate', id: string, time: string }
        | { __typename: 'Humidity', id: string, time: string }
        | { __typename: 'ImageAnalysis', id: string, time: string }
        | { __typename: 'InferredContext', id: string, time: string }
        | { __typename: 'InputActivity', id: string, time: string }
        | { __typename: 'LikedTweet', id: string, time: string }
        | { __typename: 'Notification', id: string, time: string }
        | { __typename: 'ObjectDetections', sessionId: string, frameIndex: number, widthPx: number, heightPx: number, detections: unknown, movingRegions: unknown, textLines: unknown, ocrText: string | null, ocr: ObjectDetectionsOcr, id: string, time: string, image: { sha256: string, mimeType: string } }
        | { __typename: 'PdfExtract', id: string, time: string }
        | { __typename: 'Power', id: string, time: string }
        | { __typename: 'Reconstruction3d', id: string, time: string }
        | { __typename: 'ScreenKeyframe', id: string, time: string }
        | { __typename: 'ScreenSession', id: string, time: string }
        | { __typename: 'Screenshot', id: string, time: string }
        | { __typename: 'SpeechSegment', id: string, time: string }
        | { __typename: 'Steps', id: string, time: string }
        | { __typename: 'TranscriptSegment', id: string, time: string }
        | { __typename: 'TweetArchive', id: string, time: string }
        | { __typename: 'UrlTask', id: string, time: string }
        | { __typename: 'WebArticle', id: string, time: string }
        | { __typename: 'WebVisit', id: string, time: string }
        | { __typename: 'WifiState', id: string, time: string }
       }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const EventKindsDocument = new TypedDocumentString(`
    query EventKinds {
  eventKinds {
    kind
    lane
    draw
    valueField
    description
  }
}
    `) as unknown as TypedDocumentString<EventKindsQuery, EventKindsQueryVariables>;
export const TimelineBucketsDocument = new TypedDocumentString(`
    query TimelineBuckets($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {
  timelineBuckets(
    from: $from
    to: $to
    bucketSeconds: $bucketSeconds
    kinds: $kinds
    deviceIds: $deviceIds
    text: $text
    perDevice: true
  ) {
    kind
    deviceId
    start
    count
    min
    avg
    max
  }
}
    `) as unknown as TypedDocumentString<TimelineBucketsQuery, TimelineBucketsQueryVariables>;
export const TimelineBucketSeriesDocument = new TypedDocumentString(`
    query TimelineBucketSeries($from: DateTime!, $to: DateTime!, $bucketSeconds: Int!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String) {
  timelineBucketSeries(
    from: $from
    to: $to
    bucketSeconds: $bucketSeconds
    kinds: $kinds
    deviceIds: $deviceIds
    text: $text
    perDevice: true
  ) {
    kind
    deviceId
    starts
    counts
    min
    avg
    max
  }
}
    `) as unknown as TypedDocumentString<TimelineBucketSeriesQuery, TimelineBucketSeriesQueryVariables>;
export const TimelineEventsDocument = new TypedDocumentString(`
    query TimelineEvents($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $after: String) {
  timeline(
    from: $from
    to: $to
    kinds: $kinds
    deviceIds: $deviceIds
    text: $text
    first: 1000
    after: $after
  ) {
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
    `) as unknown as TypedDocumentString<TimelineEventsQuery, TimelineEventsQueryVariables>;
export const EventPageDocument = new TypedDocumentString(`
    query EventPage($from: DateTime!, $to: DateTime!, $kinds: [EventKind!], $deviceIds: [ID!], $text: String, $order: TimelineOrder!, $first: Int!, $after: String) {
  timeline(
    from: $from
    to: $to
    kinds: $kinds
    deviceIds: $deviceIds
    text: $text
    order: $order
    first: $first
    after: $after
  ) {
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
    `) as unknown as TypedDocumentString<EventPageQuery, EventPageQueryVariables>;
export const LiveTimelineDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<LiveTimelineSubscription, LiveTimelineSubscriptionVariables>;
export const EventDetailDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<EventDetailQuery, EventDetailQueryVariables>;
export const ImageAnalysesDocument = new TypedDocumentString(`
    query ImageAnalyses($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {
  timeline(
    from: $from
    to: $to
    kinds: [IMAGE_ANALYSIS]
    deviceIds: $deviceIds
    first: 100
  ) {
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
    `) as unknown as TypedDocumentString<ImageAnalysesQuery, ImageAnalysesQueryVariables>;
export const PhotoThumbnailsDocument = new TypedDocumentString(`
    query PhotoThumbnails($from: DateTime!, $to: DateTime!, $deviceIds: [ID!], $text: String) {
  timeline(
    from: $from
    to: $to
    kinds: [IMAGE_ANALYSIS]
    deviceIds: $deviceIds
    text: $text
    first: 100
  ) {
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
    `) as unknown as TypedDocumentString<PhotoThumbnailsQuery, PhotoThumbnailsQueryVariables>;
export const MemosAroundDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<MemosAroundQuery, MemosAroundQueryVariables>;
export const GpsTrackDocument = new TypedDocumentString(`
    query GpsTrack($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {
  timeline(
    from: $from
    to: $to
    kinds: [GPS_FIX]
    deviceIds: $deviceIds
    first: 1000
  ) {
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
    `) as unknown as TypedDocumentString<GpsTrackQuery, GpsTrackQueryVariables>;
export const SpeechAudioDocument = new TypedDocumentString(`
    query SpeechAudio($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {
  timeline(
    from: $from
    to: $to
    kinds: [SPEECH_SEGMENT]
    deviceIds: $deviceIds
    first: 100
  ) {
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
    `) as unknown as TypedDocumentString<SpeechAudioQuery, SpeechAudioQueryVariables>;
export const ScreenFramesDocument = new TypedDocumentString(`
    query ScreenFrames($from: DateTime!, $to: DateTime!, $deviceIds: [ID!]) {
  timeline(
    from: $from
    to: $to
    kinds: [OBJECT_DETECTIONS]
    deviceIds: $deviceIds
    first: 500
  ) {
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
    `) as unknown as TypedDocumentString<ScreenFramesQuery, ScreenFramesQueryVariables>;
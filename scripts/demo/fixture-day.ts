// A realistic day of one person's devices, built by code: a watch (heart rate every minute, steps),
// a phone (GPS on the morning run and the commute, notifications) and a laptop (app focus, web
// visits, a calendar entry). Deterministic for a date, so tests can assert on it.

/** One event as `ingestJson` takes it: `{ <kind>: { deviceId, time, ...fields } }`. */
export type FixtureEvent = Record<string, Record<string, unknown>>;

/** The day's three devices by role; tests give them unique ids. */
export interface FixtureDevices {
  watch: string;
  phone: string;
  laptop: string;
}

export const fixtureDevices: FixtureDevices = { watch: 'watch', phone: 'phone', laptop: 'laptop' };

/** A small deterministic pseudo-random sequence (mulberry32), so the day is the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const minute = 60_000;
const at = (day: Date, hours: number, minutes = 0, seconds = 0) => new Date(day.getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000);
const iso = (d: Date) => d.toISOString();

/** The morning run, 07:00–07:40: a loop around a park. */
export const run = { startHour: 7, minutes: 40 };
/** The calendar entry of the day. */
export const designReview = { title: 'Design review: timeline app', startHour: 14, endHour: 15 };

function heartRateAndSteps(day: Date, devices: FixtureDevices, next: () => number): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  for (let m = 0; m < 24 * 60; m++) {
    const hour = m / 60;
    const running = hour >= run.startHour && hour < run.startHour + run.minutes / 60;
    const asleep = hour < 6.5 || hour >= 23;
    const base = running ? 145 + 10 * Math.sin((m - run.startHour * 60) / 6) : asleep ? 56 : 72 + 6 * Math.sin(m / 45);
    events.push({ heartRate: { deviceId: devices.watch, time: iso(new Date(day.getTime() + m * minute)), bpm: Math.round(base + next() * 6) } });
  }
  for (let m = 5; m <= 24 * 60; m += 5) {
    const hour = m / 60;
    const running = hour > run.startHour && hour <= run.startHour + run.minutes / 60;
    const walking = (hour > 8.5 && hour <= 9) || (hour > 12.25 && hour <= 12.75) || (hour > 17.5 && hour <= 18);
    const asleep = hour < 6.5 || hour >= 23;
    const count = running ? 800 + Math.round(next() * 100) : walking ? 450 + Math.round(next() * 80) : asleep ? 0 : Math.round(next() * 60);
    if (count > 0) events.push({ steps: { deviceId: devices.watch, time: iso(new Date(day.getTime() + m * minute - 1)), count, intervalS: 300 } });
  }
  return events;
}

function gpsTracks(day: Date, devices: FixtureDevices): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  const home = { latitude: 52.5305, longitude: 13.3849 };
  // The run: a loop of about 6 km, one fix every 30 s.
  for (let s = 0; s <= run.minutes * 60; s += 30) {
    const angle = (2 * Math.PI * s) / (run.minutes * 60);
    events.push({
      gpsFix: {
        deviceId: devices.phone,
        time: iso(at(day, run.startHour, 0, s)),
        latitude: home.latitude + 0.006 * Math.sin(angle) + 0.002 * Math.sin(3 * angle),
        longitude: home.longitude + 0.011 * (1 - Math.cos(angle)),
        accuracyM: 5,
        speedMs: 2.6,
      },
    });
  }
  // The commute 08:30–09:00: a straight-ish walk to the office.
  const office = { latitude: 52.5163, longitude: 13.3777 };
  for (let s = 0; s <= 30 * 60; s += 60) {
    const f = s / (30 * 60);
    events.push({
      gpsFix: {
        deviceId: devices.phone,
        time: iso(at(day, 8, 30, s)),
        latitude: home.latitude + (office.latitude - home.latitude) * f + 0.0008 * Math.sin(f * 9),
        longitude: home.longitude + (office.longitude - home.longitude) * f,
        accuracyM: 8,
        speedMs: 1.4,
      },
    });
  }
  return events;
}

const work: [app: string, title: string][] = [
  ['Code', 'timeline.tsx — lifestream'],
  ['Firefox', 'd3-scale documentation'],
  ['Slack', '#lifestream'],
  ['Terminal', 'npm test'],
  ['Code', 'scale.ts — lifestream'],
  ['Firefox', 'GitHub pull request #7'],
];

function appFocus(day: Date, devices: FixtureDevices, next: () => number): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  for (const [from, to] of [
    [9, 12],
    [13, 17.5],
  ] as const) {
    let t = from * 60;
    while (t < to * 60) {
      const [appName, windowTitle] = work[Math.floor(next() * work.length)]!;
      events.push({ appFocus: { deviceId: devices.laptop, time: iso(new Date(day.getTime() + t * minute)), appName, action: 'FOCUSED', windowTitle } });
      t += 4 + Math.round(next() * 30);
    }
    events.push({ appFocus: { deviceId: devices.laptop, time: iso(new Date(day.getTime() + to * 60 * minute)), appName: 'Code', action: 'CLOSED' } });
  }
  return events;
}

const notifications: [hours: number, minutes: number, appName: string, title: string, text: string][] = [
  [6, 45, 'Clock', 'Alarm', 'Wake up'],
  [7, 42, 'Strava', 'Morning run', '6.1 km in 40:12, a new best on the park loop'],
  [8, 5, 'Messages', 'Anna', 'Coffee at 12:30?'],
  [9, 40, 'Slack', '#lifestream', 'Build is green again'],
  [10, 55, 'Mail', 'Invoice 2026-117', 'Your invoice is ready'],
  [11, 30, 'Calendar', 'Design review', 'Starts at 14:00 in Room 3'],
  [12, 20, 'Messages', 'Anna', 'On my way'],
  [13, 50, 'Slack', '#design', 'Slides for the design review are up'],
  [15, 10, 'GitHub', 'Pull request #7', 'Review requested: timeline web app'],
  [16, 45, 'Bank', 'Card payment', '12.40 EUR at Bakery'],
  [18, 30, 'Messages', 'Mum', 'Call on Sunday?'],
  [21, 15, 'News', 'Evening briefing', 'Five stories for tonight'],
];

const webVisits: [hours: number, minutes: number, url: string, title: string][] = [
  [8, 10, 'https://news.example.org/', 'Morning news'],
  [9, 12, 'https://d3js.org/d3-scale/time', 'd3-scale: time scales'],
  [9, 47, 'https://react.dev/reference/react/useMemo', 'useMemo – React'],
  [10, 20, 'https://github.com/lifestream/lifestream/pull/7', 'Timeline web app by founding-engineer · Pull Request #7'],
  [11, 5, 'https://vite.dev/guide/', 'Getting started | Vite'],
  [13, 25, 'https://the-guild.dev/graphql/codegen', 'GraphQL Code Generator'],
  [15, 30, 'https://playwright.dev/docs/api/class-browser', 'Browser | Playwright'],
  [16, 10, 'https://en.wikipedia.org/wiki/Heart_rate', 'Heart rate – Wikipedia'],
  [20, 40, 'https://recipes.example.org/risotto', 'Mushroom risotto'],
];

/** Every event of the fixture day starting at `day` (UTC midnight), for devices named as given. */
export function fixtureDay(day: Date, devices: FixtureDevices = fixtureDevices): FixtureEvent[] {
  const next = random(day.getTime() / 86_400_000);
  return [
    ...heartRateAndSteps(day, devices, next),
    ...gpsTracks(day, devices),
    ...appFocus(day, devices, next),
    ...notifications.map(([h, m, appName, title, text]) => ({
      notification: { deviceId: devices.phone, time: iso(at(day, h, m)), packageName: `com.example.${appName.toLowerCase()}`, appName, action: 'POSTED', title, text },
    })),
    ...webVisits.map(([h, m, url, title]) => ({ webVisit: { deviceId: devices.laptop, time: iso(at(day, h, m)), url, title, durationMs: 120_000, browser: 'Firefox' } })),
    {
      calendarEvent: {
        deviceId: devices.laptop,
        time: iso(at(day, designReview.startHour)),
        calendarEventId: `review-${iso(day).slice(0, 10)}`,
        title: designReview.title,
        endTime: iso(at(day, designReview.endHour)),
        location: 'Room 3',
        attendees: ['anna@example.com', 'ben@example.com'],
        status: 'CONFIRMED',
        calendarName: 'Work',
      },
    },
  ];
}

/** A spoken sentence of the day, as the transcription consumer would publish it (a processed kind). */
export function fixtureTranscript(day: Date, device: string, id: string) {
  const text = 'remember to book the train to Hamburg for Friday';
  let ms = 0;
  const words = text.split(' ').map((word) => {
    const startMs = ms;
    ms += 180 + word.length * 45;
    return { word, startMs, endMs: ms, confidence: 0.93 };
  });
  return {
    id,
    kind: 'transcriptSegment',
    deviceId: device,
    time: iso(at(day, 12, 40)),
    receivedAt: iso(at(day, 12, 40, 5)),
    payload: { fileId: `${id}-rec`, segmentId: `${id}-s0`, text, words, language: 'en', model: 'whisper-base' },
  };
}

// What the operating system and applications report: app lifecycle, notifications, input, focus.
import { defineKind } from '../event-kind.ts';
import { field, optional } from '../fields.ts';

export const appLifecycle = defineKind({
  name: 'appLifecycle',
  description: 'An Android activity lifecycle transition.',
  topic: 'os.events.app_lifecycle.raw',
  stage: 'raw',
  fields: {
    packageName: field.string(256),
    appName: optional(field.string(256)),
    state: field.enum(['CREATED', 'STARTED', 'RESUMED', 'PAUSED', 'STOPPED', 'DESTROYED']),
    activity: optional(field.string(512)),
  },
  timeline: { lane: 'Apps', headline: (p) => `${p.appName ?? p.packageName} ${p.state.toLowerCase()}`, text: ['appName', 'packageName'] },
});

export const notification = defineKind({
  name: 'notification',
  description: 'A system notification posted or removed.',
  topic: 'os.events.notifications.raw',
  stage: 'raw',
  fields: {
    packageName: field.string(256),
    appName: optional(field.string(256)),
    action: field.enum(['POSTED', 'REMOVED']),
    title: optional(field.string(1_024)),
    text: optional(field.string(16_384)),
    category: optional(field.string(64)),
  },
  timeline: { lane: 'Notifications', headline: (p) => `${p.appName ?? p.packageName}: ${p.title ?? ''}`, text: ['appName', 'title', 'text'] },
});

export const inputActivity = defineKind({
  name: 'inputActivity',
  description: 'Keyboard and mouse activity counted over an interval ending at the event time (no key contents).',
  topic: 'os.events.input_activity.raw',
  stage: 'raw',
  fields: {
    intervalS: field.int({ min: 1, max: 3_600 }),
    keystrokes: field.int({ min: 0, max: 1_000_000 }),
    mouseClicks: field.int({ min: 0, max: 1_000_000 }),
    mouseDistancePx: optional(field.float({ min: 0 })),
    scrollTicks: optional(field.int({ min: 0 })),
  },
  timeline: { lane: 'Input', headline: (p) => `${p.keystrokes} keys, ${p.mouseClicks} clicks in ${p.intervalS} s`, draw: 'bars', value: 'keystrokes' },
  retentionDays: 365,
});

export const appFocus = defineKind({
  name: 'appFocus',
  description: 'A desktop application opened, focused or closed.',
  topic: 'os.events.app_focus.raw',
  stage: 'raw',
  fields: {
    appName: field.string(256),
    action: field.enum(['OPENED', 'FOCUSED', 'CLOSED']),
    windowTitle: optional(field.string(1_024)),
    processId: optional(field.int({ min: 0 })),
  },
  timeline: { lane: 'Apps', headline: (p) => `${p.action.toLowerCase()} ${p.appName}`, draw: 'spans', text: ['appName', 'windowTitle'] },
});

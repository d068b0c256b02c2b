// Vitals, power and network state of the person's devices.
import { defineKind } from '../event-kind.ts';
import { field, optional } from '../fields.ts';

export const heartRate = defineKind({
  name: 'heartRate',
  description: 'A heart-rate sample.',
  topic: 'device.health.heartrate.raw',
  stage: 'raw',
  fields: {
    bpm: field.float({ min: 20, max: 300 }),
    confidencePct: optional(field.float({ min: 0, max: 100 })),
  },
  timeline: { lane: 'Vitals', headline: (p) => `${p.bpm} bpm`, draw: 'line', value: 'bpm' },
});

export const steps = defineKind({
  name: 'steps',
  description: 'Steps counted over an interval ending at the event time.',
  topic: 'device.health.steps.raw',
  stage: 'raw',
  fields: {
    count: field.int({ min: 0, max: 100_000 }),
    intervalS: field.int({ min: 1, max: 86_400 }),
  },
  timeline: { lane: 'Vitals', headline: (p) => `${p.count} steps`, draw: 'bars', value: 'count' },
});

export const power = defineKind({
  name: 'power',
  description: 'Battery level and charging state.',
  topic: 'device.state.power.raw',
  stage: 'raw',
  fields: {
    levelPct: field.float({ min: 0, max: 100 }),
    charging: field.boolean(),
    source: optional(field.enum(['AC', 'USB', 'WIRELESS', 'BATTERY'])),
  },
  timeline: { lane: 'Device', headline: (p) => `battery ${p.levelPct}%${p.charging ? ' charging' : ''}`, draw: 'line', value: 'levelPct' },
});

export const wifiState = defineKind({
  name: 'wifiState',
  description: 'Wi-Fi connection state.',
  topic: 'device.network.wifi.raw',
  stage: 'raw',
  fields: {
    connected: field.boolean(),
    ssid: optional(field.string(64)),
    bssid: optional(field.string(32)),
    rssiDbm: optional(field.int({ min: -127, max: 0 })),
    frequencyMhz: optional(field.int({ min: 0, max: 10_000 })),
  },
  timeline: { lane: 'Device', headline: (p) => (p.connected ? `Wi-Fi ${p.ssid ?? '(hidden)'}` : 'Wi-Fi disconnected'), text: ['ssid'] },
});

export const bluetoothScan = defineKind({
  name: 'bluetoothScan',
  description: 'A nearby Bluetooth device seen in a scan.',
  topic: 'device.network.bluetooth.raw',
  stage: 'raw',
  fields: {
    address: field.string(64),
    name: optional(field.string(256)),
    rssiDbm: optional(field.int({ min: -127, max: 20 })),
    paired: optional(field.boolean()),
  },
  timeline: { lane: 'Device', headline: (p) => `Bluetooth ${p.name ?? p.address}`, text: ['name'] },
  retentionDays: 365,
});

// Phone and laptop sensors: motion, position, environment.
import { defineKind } from '../event-kind.ts';
import { field, optional } from '../fields.ts';

const sensorLane = 'Sensors';

export const accelerometer = defineKind({
  name: 'accelerometer',
  description: 'One accelerometer sample in m/s², device axes.',
  topic: 'device.sensor.accelerometer.raw',
  stage: 'raw',
  fields: {
    xMs2: field.float({ min: -1000, max: 1000 }),
    yMs2: field.float({ min: -1000, max: 1000 }),
    zMs2: field.float({ min: -1000, max: 1000 }),
  },
  timeline: { lane: 'Motion', headline: (p) => `|a| ${Math.hypot(p.xMs2, p.yMs2, p.zMs2).toFixed(2)} m/s²` },
  retentionDays: 90,
});

export const gpsFix = defineKind({
  name: 'gpsFix',
  description: 'A GPS position fix (WGS84).',
  topic: 'device.sensor.gps.raw',
  stage: 'raw',
  fields: {
    latitude: field.float({ min: -90, max: 90 }),
    longitude: field.float({ min: -180, max: 180 }),
    altitudeM: optional(field.float({ min: -500, max: 100_000 })),
    accuracyM: optional(field.float({ min: 0, max: 100_000 })),
    speedMs: optional(field.float({ min: 0, max: 1_000 })),
    bearingDeg: optional(field.float({ min: 0, max: 360 })),
  },
  timeline: { lane: 'Places', headline: (p) => `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}` },
});

export const barometer = defineKind({
  name: 'barometer',
  description: 'Air pressure reading.',
  topic: 'device.sensor.barometer.raw',
  stage: 'raw',
  fields: { pressureHpa: field.float({ min: 100, max: 1_200 }) },
  timeline: { lane: sensorLane, headline: (p) => `${p.pressureHpa} hPa`, draw: 'line', value: 'pressureHpa' },
});

export const deviceTemperature = defineKind({
  name: 'deviceTemperature',
  description: 'Temperature of the device (battery or CPU sensor).',
  topic: 'device.sensor.temperature.raw',
  stage: 'raw',
  fields: {
    celsius: field.float({ min: -80, max: 150 }),
    sensor: optional(field.string(64, { description: 'battery, cpu, ambient, ...' })),
  },
  timeline: { lane: sensorLane, headline: (p) => `${p.celsius} °C${p.sensor ? ` (${p.sensor})` : ''}`, draw: 'line', value: 'celsius' },
});

export const ambientLight = defineKind({
  name: 'ambientLight',
  description: 'Ambient light level.',
  topic: 'device.sensor.light.raw',
  stage: 'raw',
  fields: { lux: field.float({ min: 0, max: 200_000 }) },
  timeline: { lane: sensorLane, headline: (p) => `${p.lux} lx`, draw: 'line', value: 'lux' },
});

export const humidity = defineKind({
  name: 'humidity',
  description: 'Relative humidity.',
  topic: 'device.sensor.humidity.raw',
  stage: 'raw',
  fields: { relativePct: field.float({ min: 0, max: 100 }) },
  timeline: { lane: sensorLane, headline: (p) => `${p.relativePct}% RH`, draw: 'line', value: 'relativePct' },
});

export const airQuality = defineKind({
  name: 'airQuality',
  description: 'Air quality reading; each pollutant optional, as sensors differ.',
  topic: 'device.sensor.air_quality.raw',
  stage: 'raw',
  fields: {
    aqi: optional(field.int({ min: 0, max: 1_000 })),
    pm25UgM3: optional(field.float({ min: 0, max: 10_000 })),
    pm10UgM3: optional(field.float({ min: 0, max: 10_000 })),
    co2Ppm: optional(field.float({ min: 0, max: 100_000 })),
    vocIndex: optional(field.float({ min: 0, max: 1_000 })),
  },
  timeline: { lane: sensorLane, headline: (p) => (p.aqi != null ? `AQI ${p.aqi}` : `PM2.5 ${p.pm25UgM3 ?? '?'} µg/m³`), draw: 'line', value: 'aqi' },
});

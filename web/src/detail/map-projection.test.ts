import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitProjection, mercator, trackPath } from './map-projection.ts';

describe('offline map projection', () => {
  it('puts the equator and prime meridian in the middle of the world, north up', () => {
    assert.deepEqual(mercator({ latitude: 0, longitude: 0 }), { x: 0.5, y: 0.5 });
    assert.ok(mercator({ latitude: 52.5, longitude: 13.4 }).y < 0.5);
  });

  it('fits a track into the box with its margin, keeping the aspect', () => {
    const track = [
      { latitude: 52.53, longitude: 13.38 },
      { latitude: 52.52, longitude: 13.4 },
      { latitude: 52.51, longitude: 13.39 },
    ];
    const project = fitProjection(track, 400, 300, 20);
    const xy = track.map(project);
    for (const p of xy) assert.ok(p.x >= 19.99 && p.x <= 380.01 && p.y >= 19.99 && p.y <= 280.01, JSON.stringify(p));
    assert.ok(xy[0]!.y < xy[2]!.y, 'north is up');
    assert.ok(xy[0]!.x < xy[1]!.x, 'east is right');
    assert.equal(trackPath(track.slice(0, 2), project).split('L').length, 2);
  });

  it('centres a single fix', () => {
    const p = fitProjection([{ latitude: 10, longitude: 10 }], 200, 100)({ latitude: 10, longitude: 10 });
    assert.ok(Math.abs(p.x - 100) < 1e-6 && Math.abs(p.y - 50) < 1e-6, JSON.stringify(p));
  });
});

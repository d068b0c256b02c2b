import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitView, mercator, projectOnto, tilesInView, tileUrl, trackPath } from './map-projection.ts';

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
    const project = projectOnto(fitView(track, 400, 300, 20));
    const xy = track.map(project);
    for (const p of xy) assert.ok(p.x >= 19.99 && p.x <= 380.01 && p.y >= 19.99 && p.y <= 280.01, JSON.stringify(p));
    assert.ok(xy[0]!.y < xy[2]!.y, 'north is up');
    assert.ok(xy[0]!.x < xy[1]!.x, 'east is right');
    assert.equal(trackPath(track.slice(0, 2), project).split('L').length, 2);
  });

  it('centres a single fix', () => {
    const p = projectOnto(fitView([{ latitude: 10, longitude: 10 }], 200, 100))({ latitude: 10, longitude: 10 });
    assert.ok(Math.abs(p.x - 100) < 1e-6 && Math.abs(p.y - 50) < 1e-6, JSON.stringify(p));
  });

  it('covers the box with the tiles of the zoom that shows them 256–512 pixels wide, each where the projection puts it', () => {
    const track = [
      { latitude: 52.53, longitude: 13.38 },
      { latitude: 52.51, longitude: 13.4 },
    ];
    const view = fitView(track, 360, 240);
    const tiles = tilesInView(view, 360, 240);
    const [first] = tiles;
    assert.ok(first);
    assert.ok(first.size >= 256 && first.size < 512, `tiles ${first.size} px wide`);
    assert.ok(tiles.every((t) => t.z === first.z && t.size === first.size));
    // Together they cover the box, and none lies wholly outside it.
    for (const [px, py] of [[0, 0], [359, 0], [0, 239], [359, 239], [180, 120]] as const) {
      assert.ok(tiles.some((t) => t.left <= px && px < t.left + t.size && t.top <= py && py < t.top + t.size), `(${px}, ${py}) covered`);
    }
    assert.ok(tiles.every((t) => t.left < 360 && t.left + t.size > 0 && t.top < 240 && t.top + t.size > 0));
    // The fix's own tile, by the usual z/x/y formula, holds the fix.
    const here = mercator(track[0]!);
    const own = tiles.find((t) => t.x === Math.floor(here.x * 2 ** t.z) && t.y === Math.floor(here.y * 2 ** t.z));
    const at = projectOnto(view)(track[0]!);
    assert.ok(own && own.left <= at.x && at.x < own.left + own.size && own.top <= at.y && at.y < own.top + own.size);
    assert.equal(tileUrl('https://t.example/{z}/{x}/{y}.png', own), `https://t.example/${own.z}/${own.x}/${own.y}.png`);
  });

  it('wraps tiles past the antimeridian and keeps to the world north and south', () => {
    const tiles = tilesInView(fitView([{ latitude: 0, longitude: 179.999 }, { latitude: 0, longitude: -179.999 }], 360, 240), 360, 240);
    const count = 2 ** tiles[0]!.z;
    assert.ok(tiles.every((t) => t.x >= 0 && t.x < count && t.y >= 0 && t.y < count));
    // The whole world 200 px wide in a box 360 px wide: it repeats either side, and nothing above or below it.
    const world = tilesInView({ scale: 200, offsetX: 80, offsetY: 20 }, 360, 240);
    assert.deepEqual(world.map((t) => [t.z, t.x, t.y, t.left]), [[0, 0, 0, -120], [0, 0, 0, 80], [0, 0, 0, 280]]);
  });
});

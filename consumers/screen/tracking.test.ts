import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignTracks, endAllTracks, noTracks } from './tracking.ts';

const box = (x: number, y = 100, width = 300, height = 200) => ({ x, y, width, height });

describe('tracking', () => {
  it('keeps one id for a window that moves a little each frame', () => {
    let tracks = noTracks();
    const ids: number[] = [];
    for (let frame = 0; frame < 6; frame++) {
      const result = assignTracks(tracks, [{ label: 'window', box: box(100 + frame * 40) }]);
      tracks = result.tracks;
      ids.push(result.detections[0]!.trackId);
    }
    assert.deepEqual(ids, [1, 1, 1, 1, 1, 1]);
  });

  it('gives a new id to a box that jumped away, and to another label on the same spot', () => {
    const first = assignTracks(noTracks(), [{ label: 'window', box: box(0) }]);
    const next = assignTracks(first.tracks, [
      { label: 'window', box: box(900) },
      { label: 'person', box: box(0) },
    ]);
    assert.deepEqual(next.detections.map((d) => d.trackId), [2, 3]);
  });

  it('matches the best overlaps first when two boxes compete for two tracks', () => {
    const first = assignTracks(noTracks(), [
      { label: 'window', box: box(0) },
      { label: 'window', box: box(200) },
    ]);
    // Listed in the other order, each still goes to the track it overlaps most.
    const next = assignTracks(first.tracks, [
      { label: 'window', box: box(210) },
      { label: 'window', box: box(10) },
    ]);
    assert.deepEqual(next.detections.map((d) => d.trackId), [2, 1]);
  });

  it('keeps a track through a missed frame, and ends it after maxMissedFrames', () => {
    const options = { minIou: 0.3, maxMissedFrames: 1 };
    let tracks = assignTracks(noTracks(), [{ label: 'cup', box: box(0) }], options).tracks;
    tracks = assignTracks(tracks, [], options).tracks;
    assert.equal(assignTracks(tracks, [{ label: 'cup', box: box(5) }], options).detections[0]!.trackId, 1, 'back after one missed frame');
    tracks = assignTracks(assignTracks(tracks, [], options).tracks, [], options).tracks;
    assert.deepEqual(tracks.open, []);
    assert.equal(assignTracks(tracks, [{ label: 'cup', box: box(5) }], options).detections[0]!.trackId, 2);
  });

  it('starts afresh after a scene cut, with ids never reused', () => {
    const first = assignTracks(noTracks(), [{ label: 'window', box: box(0) }]);
    const after = assignTracks(endAllTracks(first.tracks), [{ label: 'window', box: box(0) }]);
    assert.equal(after.detections[0]!.trackId, 2);
  });
});

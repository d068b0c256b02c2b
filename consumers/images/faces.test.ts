// Human's face models on real photographs: the astronaut's one face with an age, an expression and a
// gaze; two faces when there are two (Human finds only one unless told more); none in a coffee cup.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { photo } from '../../test/fixtures/photos.ts';
import { intersectionOverUnion } from './boxes.ts';
import { decodeImage } from './decode-image.ts';
import { humanFaceFinder, type FaceFinder } from './faces.ts';
import { loadHuman } from './human.ts';

let finder: FaceFinder;
const facesIn = async (bytes: Uint8Array) => finder.findFaces((await decodeImage(bytes, undefined)).pixels);
// Where the astronaut's face is in her 512 × 512 portrait.
const astronautFace = { x: 152, y: 49, width: 145, height: 145 };

describe('faces', () => {
  before(async () => {
    finder = humanFaceFinder(await loadHuman({ maxFaces: 5 }));
  });

  it("finds the astronaut's face, with her age, expression and gaze", async () => {
    const faces = await facesIn(photo('astronaut'));
    assert.equal(faces.length, 1);
    const [face] = faces;
    assert.ok(face);
    assert.ok(intersectionOverUnion(face.box, astronautFace) > 0.6, JSON.stringify(face.box));
    assert.ok(face.score > 0.5, `score ${face.score}`);
    assert.ok(face.ageYears !== undefined && face.ageYears > 15 && face.ageYears < 60, `age ${face.ageYears}`);
    assert.equal(face.emotion?.label, 'happy');
    assert.ok(face.gaze && Number.isFinite(face.gaze.bearingRad) && face.gaze.strength >= 0 && face.gaze.strength < 0.5, JSON.stringify(face.gaze));
  });

  it('finds every face, not only the first', async () => {
    const astronaut = photo('astronaut');
    const twice = await sharp({ create: { width: 1024, height: 512, channels: 3, background: 'white' } })
      .composite([{ input: astronaut, left: 0, top: 0 }, { input: astronaut, left: 512, top: 0 }])
      .png()
      .toBuffer();
    const faces = (await facesIn(twice)).sort((a, b) => a.box.x - b.box.x);
    assert.equal(faces.length, 2);
    for (const [i, face] of faces.entries()) {
      const centre = { x: face.box.x + face.box.width / 2, y: face.box.y + face.box.height / 2 };
      const expected = { x: astronautFace.x + astronautFace.width / 2 + i * 512, y: astronautFace.y + astronautFace.height / 2 };
      assert.ok(Math.hypot(centre.x - expected.x, centre.y - expected.y) < 30, `face ${i} at ${JSON.stringify(face.box)}`);
    }
  });

  it('finds no face in a cup of coffee', async () => {
    assert.deepEqual(await facesIn(photo('coffee')), []);
  });
});

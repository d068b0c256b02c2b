// CenterNet's real COCO weights on real photographs: the person, the cup, the motorcycle and the cat
// are found where they are, each once.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { photo, type PhotoName } from '../../test/fixtures/photos.ts';
import { intersectionOverUnion, type Box } from './boxes.ts';
import { candidatesFromHuman, centernetDetector } from './centernet-detector.ts';
import { decodeImage } from './decode-image.ts';
import { loadHuman } from './human.ts';
import type { DetectedObject, ObjectDetector } from './object-detector.ts';

let detector: ObjectDetector;
const detect = async (name: PhotoName) => detector.detectObjects((await decodeImage(photo(name), 'image/png')).pixels);
const contains = (box: Box, x: number, y: number) => x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
const best = (objects: DetectedObject[], label: RegExp) => objects.find((object) => label.test(object.label));

describe('CenterNet object detection', () => {
  before(async () => {
    detector = centernetDetector(await loadHuman({ maxFaces: 5 }));
  });

  it('finds the astronaut as a person, around her face', async () => {
    const person = best(await detect('astronaut'), /^person$/);
    assert.ok(person, 'a person');
    assert.ok(person.score >= 0.5, `score ${person.score}`);
    assert.ok(contains(person.box, 225, 120), `the face's centre is inside ${JSON.stringify(person.box)}`);
  });

  it('finds the cup of coffee', async () => {
    const objects = await detect('coffee');
    assert.equal(objects[0]?.label, 'cup', JSON.stringify(objects));
    assert.ok(contains(objects[0].box, 300, 130), JSON.stringify(objects[0].box));
  });

  it('finds the motorcycle, filling most of the picture', async () => {
    const motorcycle = best(await detect('motorcycleLeft'), /^motorcycle$/);
    assert.ok(motorcycle, 'a motorcycle');
    assert.ok(motorcycle.box.width * motorcycle.box.height > 0.3 * 741 * 500, JSON.stringify(motorcycle.box));
  });

  it('finds the cat as an animal (CenterNet takes her for a dog)', async () => {
    const [first] = await detect('cat');
    assert.match(first?.label ?? '', /^(cat|dog)$/);
  });

  it('keeps each object once and only what scores at least the threshold', async () => {
    for (const name of ['astronaut', 'coffee', 'cat', 'motorcycleLeft'] as const) {
      const objects = await detect(name);
      assert.ok(objects.length <= 20, name);
      for (const object of objects) assert.ok(object.score >= 0.3, `${name}: ${object.label} ${object.score}`);
      for (const [i, a] of objects.entries()) {
        for (const b of objects.slice(i + 1)) if (a.label === b.label) assert.ok(intersectionOverUnion(a.box, b.box) <= 0.5, `${name}: two ${a.label} boxes overlap`);
      }
    }
  });
});

describe("Human's object candidates", () => {
  it('turns normalised boxes into pixels of the image', () => {
    const candidates = candidatesFromHuman([{ id: 0, score: 0.6, class: 1, label: 'person', box: [1, 2, 3, 4], boxRaw: [0.25, 0.5, 0.5, 0.25] }], 800, 600);
    assert.deepEqual(candidates, [{ label: 'person', score: 0.6, box: { x: 200, y: 300, width: 400, height: 150 } }]);
  });
});

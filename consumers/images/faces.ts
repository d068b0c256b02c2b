// Faces in an image with Human: blazeface finds them, facemesh and iris place the eyes (for the gaze),
// faceres guesses the age and the emotion model the expression.
import type { FaceResult } from '@vladmandic/human';
import type { Box } from './boxes.ts';
import type { LoadedHuman } from './human.ts';
import type { RgbImage } from './rgb-image.ts';

export interface Face {
  /** In the pixels of the image given. */
  box: Box;
  /** Human's confidence that this is a face, 0–1. */
  score: number;
  /** A guess from the face alone, in years. */
  ageYears?: number;
  /** The likeliest expression: angry, disgust, fear, happy, sad, surprise or neutral. */
  emotion?: { label: string; score: number };
  /**
   * Where the eyes look, from the iris positions: bearing in radians in the image plane, and
   * strength from 0 (straight at the camera) growing as the eyes turn away.
   */
  gaze?: { bearingRad: number; strength: number };
}

export interface FaceFinder {
  readonly model: string;
  findFaces(image: RgbImage): Promise<Face[]>;
}

const rounded = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Human's face results in pixels of a width × height image, from its normalised boxes. */
export function facesFromHuman(results: readonly FaceResult[], width: number, height: number): Face[] {
  return results.map((result) => {
    const [x, y, w, h] = result.boxRaw;
    const face: Face = { box: { x: x * width, y: y * height, width: w * width, height: h * height }, score: rounded(result.score, 3) };
    if (result.age !== undefined && result.age > 0) face.ageYears = rounded(result.age, 1);
    const [likeliest] = [...(result.emotion ?? [])].sort((a, b) => b.score - a.score);
    if (likeliest) face.emotion = { label: likeliest.emotion, score: rounded(likeliest.score, 3) };
    if (result.rotation) face.gaze = { bearingRad: rounded(result.rotation.gaze.bearing, 3), strength: rounded(result.rotation.gaze.strength, 3) };
    return face;
  });
}

export function humanFaceFinder(human: LoadedHuman): FaceFinder {
  return {
    model: `blazeface + facemesh + iris + faceres + emotion (@vladmandic/human ${human.version})`,
    async findFaces(image) {
      const { face } = await human.detect(image, 'faces');
      return facesFromHuman(face, image.width, image.height);
    },
  };
}

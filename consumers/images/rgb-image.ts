// Decoded pixels as the models take them: 8-bit RGB, row by row, no padding, no alpha.

export interface RgbImage {
  /** width × height × 3 bytes: R, G, B of each pixel, left to right, top to bottom. */
  data: Uint8Array;
  width: number;
  height: number;
}

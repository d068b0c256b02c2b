// The GPS map: fixes projected with Web Mercator and fitted into a box, so a track draws as an SVG
// path without any tile server; where one is configured, the standard web-map tiles (256-pixel
// squares of the same projection, z/x/y) that cover the box go beneath it.

export interface LatLon {
  latitude: number;
  longitude: number;
}

/** Web Mercator in units of the world's width: x east from -180°, y south from the top. */
export function mercator({ latitude, longitude }: LatLon): { x: number; y: number } {
  const sin = Math.sin((Math.max(-85, Math.min(85, latitude)) * Math.PI) / 180);
  return { x: (longitude + 180) / 360, y: 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI) };
}

/** Where the world (Web Mercator, 0–1 on both axes) lands in the box: pixels per world width, and the world's origin. */
export interface MapView {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** The view that fits every point into width × height, keeping the aspect, with a margin. */
export function fitView(points: readonly LatLon[], width: number, height: number, margin = 16): MapView {
  const projected = points.map(mercator);
  const xs = projected.map((p) => p.x);
  const ys = projected.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // A single point (or a straight line) still gets a sensible zoom: about 200 m across.
  const spanX = Math.max(maxX - minX, 5e-6);
  const spanY = Math.max(maxY - minY, 5e-6);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  return {
    scale,
    offsetX: (width - spanX * scale) / 2 - (minX - (spanX - (maxX - minX)) / 2) * scale,
    offsetY: (height - spanY * scale) / 2 - (minY - (spanY - (maxY - minY)) / 2) * scale,
  };
}

/** A point's place in the box of the view. */
export const projectOnto =
  (view: MapView) =>
  (point: LatLon): { x: number; y: number } => {
    const p = mercator(point);
    return { x: p.x * view.scale + view.offsetX, y: p.y * view.scale + view.offsetY };
  };

export interface Tile {
  z: number;
  x: number;
  y: number;
  /** Where the tile's top-left corner and how large it is, in the box's pixels. */
  left: number;
  top: number;
  size: number;
}

/** The tiles covering a width × height box, at the zoom whose tiles show 256–512 pixels wide (up to z 19). */
export function tilesInView(view: MapView, width: number, height: number): Tile[] {
  const z = Math.max(0, Math.min(19, Math.floor(Math.log2(view.scale / 256))));
  const count = 2 ** z;
  const size = view.scale / count;
  const tiles: Tile[] = [];
  const firstY = Math.max(0, Math.floor(-view.offsetY / size));
  const lastY = Math.min(count - 1, Math.floor((height - view.offsetY) / size));
  for (let y = firstY; y <= lastY; y++) {
    for (let x = Math.floor(-view.offsetX / size); x <= Math.floor((width - view.offsetX) / size); x++) {
      // Past the antimeridian the world repeats.
      tiles.push({ z, x: ((x % count) + count) % count, y, left: view.offsetX + x * size, top: view.offsetY + y * size, size });
    }
  }
  return tiles;
}

export const tileUrl = (template: string, { z, x, y }: Tile): string =>
  template.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y));

/** The SVG path through the points in order. */
export function trackPath(points: readonly LatLon[], project: (p: LatLon) => { x: number; y: number }): string {
  return points
    .map((p, i) => {
      const { x, y } = project(p);
      return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join('');
}

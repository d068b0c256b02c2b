// An offline map: GPS fixes projected with Web Mercator and fitted into a box, so a track draws as
// an SVG path without any tile server. A grid of round degrees gives it scale.

export interface LatLon {
  latitude: number;
  longitude: number;
}

/** Web Mercator in units of the world's width: x east from -180°, y south from the top. */
export function mercator({ latitude, longitude }: LatLon): { x: number; y: number } {
  const sin = Math.sin((Math.max(-85, Math.min(85, latitude)) * Math.PI) / 180);
  return { x: (longitude + 180) / 360, y: 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI) };
}

/** A projection that fits every point into width × height, keeping the aspect, with a margin. */
export function fitProjection(points: readonly LatLon[], width: number, height: number, margin = 16) {
  const projected = points.map(mercator);
  const xs = projected.map((p) => p.x);
  const ys = projected.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // A single point (or a straight line) still gets a sensible zoom: about 200 m across.
  const spanX = Math.max(maxX - minX, 5e-6);
  const spanY = Math.max(maxY - minY, 5e-6);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const offsetX = (width - spanX * scale) / 2 - (minX - (spanX - (maxX - minX)) / 2) * scale;
  const offsetY = (height - spanY * scale) / 2 - (minY - (spanY - (maxY - minY)) / 2) * scale;
  return (point: LatLon) => {
    const p = mercator(point);
    return { x: p.x * scale + offsetX, y: p.y * scale + offsetY };
  };
}

/** The SVG path through the points in order. */
export function trackPath(points: readonly LatLon[], project: (p: LatLon) => { x: number; y: number }): string {
  return points
    .map((p, i) => {
      const { x, y } = project(p);
      return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join('');
}

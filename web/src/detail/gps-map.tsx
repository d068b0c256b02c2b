// The GPS track around a fix on a map: the device's fixes of the hour either side, projected into
// SVG (no tiles needed), the chosen fix marked; on the deployment's tiles when it has a tile server.
import type { LifestreamClient } from '../graphql/client.ts';
import { gpsTrackQuery } from '../graphql/documents.ts';
import { useAppSettings } from '../app-settings.ts';
import { fitView, projectOnto, tilesInView, tileUrl, trackPath, type LatLon } from './map-projection.ts';
import { useQuery } from './use-query.ts';

const hourMs = 3_600_000;

export function GpsMap({ client, deviceId, timeMs, fix }: { client: LifestreamClient; deviceId: string; timeMs: number; fix: LatLon }) {
  const mapTiles = useAppSettings()?.mapTiles;
  const state = useQuery(client, gpsTrackQuery, { from: new Date(timeMs - hourMs).toISOString(), to: new Date(timeMs + hourMs).toISOString(), deviceIds: [deviceId] });
  if (state.status === 'loading') return <p className="loading">Loading the track…</p>;
  if (state.status === 'error') return <p className="error">Could not load the track: {state.error.message}</p>;
  const points = state.data.timeline.edges.flatMap(({ node }) => (node.__typename === 'GpsFix' ? [{ latitude: node.latitude, longitude: node.longitude }] : []));
  const [width, height] = [360, 240];
  const view = fitView([...points, fix], width, height);
  const project = projectOnto(view);
  const here = project(fix);
  return (
    <figure className="map">
      <svg width={width} height={height} role="img" aria-label="GPS track">
        <rect width={width} height={height} className="map-bg" />
        {mapTiles &&
          tilesInView(view, width, height).map((tile) => (
            <image key={`${tile.left},${tile.top}`} className="map-tile" href={tileUrl(mapTiles.url, tile)} x={tile.left} y={tile.top} width={tile.size} height={tile.size} />
          ))}
        <path d={trackPath(points, project)} className="track-line" />
        <circle cx={here.x} cy={here.y} r={6} className="here" />
      </svg>
      <figcaption>
        {points.length} fixes within an hour · {fix.latitude.toFixed(5)}, {fix.longitude.toFixed(5)} ·{' '}
        <a href={`https://www.openstreetmap.org/?mlat=${fix.latitude}&mlon=${fix.longitude}#map=16/${fix.latitude}/${fix.longitude}`} target="_blank" rel="noreferrer">
          open in OpenStreetMap
        </a>
        {mapTiles?.attribution && <span className="map-attribution"> · {mapTiles.attribution}</span>}
      </figcaption>
    </figure>
  );
}

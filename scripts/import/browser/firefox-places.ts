// Firefox's history database (places.sqlite in a profile folder) into webVisit: moz_historyvisits
// joined to moz_places, times as PRTime (microseconds since 1970-01-01 UTC). Firefox keeps no visit
// durations.
import type { Importer } from '../import-step.ts';
import { browserHistoryImporter, type HistoryDatabaseFormat } from './browser-visits.ts';

// nsINavHistoryService's transitions: EMBED (4) and FRAMED_LINK (8) load inside a page, DOWNLOAD
// (7) saves a file; Firefox's own history views leave them out.
const notPages = new Map([
  [4n, 'embedded loads (TRANSITION_EMBED)'],
  [7n, 'downloads (TRANSITION_DOWNLOAD)'],
  [8n, 'links followed inside a frame (TRANSITION_FRAMED_LINK)'],
]);

const visitColumns = `v.id AS visitId, v.visit_date AS visitTime, NULL AS durationUs, v.visit_type AS transition, p.url AS url, p.title AS title, rp.url AS referrer
  FROM moz_historyvisits v LEFT JOIN moz_places p ON p.id = v.place_id
  LEFT JOIN moz_historyvisits rv ON rv.id = v.from_visit LEFT JOIN moz_places rp ON rp.id = rv.place_id`;

export const firefoxPlaces: HistoryDatabaseFormat = {
  name: "Firefox's places.sqlite",
  tables: ['moz_places', 'moz_historyvisits'],
  idSource: 'firefox-visit',
  countAfter: 'SELECT count(*) AS n FROM moz_historyvisits WHERE id > ?',
  visitsAfter: `SELECT ${visitColumns} WHERE v.id > ? ORDER BY v.id`,
  unixMicroseconds: (visitDate) => visitDate,
  notAPageVisit: (visitType) => notPages.get(visitType),
};

export const firefoxPlacesImporter = (path: string): Importer => browserHistoryImporter(path, firefoxPlaces, 'Firefox');

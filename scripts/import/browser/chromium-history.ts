// Chrome's history database (the `History` file in a profile folder; Edge, Brave, Vivaldi and other
// Chromium browsers keep the same one) into webVisit: the visits table joined to urls, times in
// microseconds since 1601-01-01 UTC (base::Time), durations in microseconds.
import type { Importer } from '../import-step.ts';
import { browserHistoryImporter, type HistoryDatabaseFormat } from './browser-visits.ts';

/** Microseconds from 1601-01-01 to 1970-01-01 (base::Time::kTimeTToMicrosecondsOffset). */
const windowsEpochOffsetUs = 11_644_473_600_000_000n;

// ui::PageTransition (ui/base/page_transition_types.h): the core type in the low byte; frames
// loaded inside a page, by it (AUTO_SUBFRAME) or by a click in it (MANUAL_SUBFRAME).
const coreTypeMask = 0xffn;
const subframes = new Set([3n, 4n]);

const visitColumns = `v.id AS visitId, v.visit_time AS visitTime, v.visit_duration AS durationUs, v.transition AS transition, u.url AS url, u.title AS title, ru.url AS referrer
  FROM visits v LEFT JOIN urls u ON u.id = v.url
  LEFT JOIN visits rv ON rv.id = v.from_visit LEFT JOIN urls ru ON ru.id = rv.url`;

export const chromiumHistory: HistoryDatabaseFormat = {
  name: "a Chromium browser's History",
  tables: ['urls', 'visits'],
  // As the Takeout importer's ids: a visit in both Takeout and the History file is one event.
  idSource: 'chrome-visit',
  countAfter: 'SELECT count(*) AS n FROM visits WHERE id > ?',
  visitsAfter: `SELECT ${visitColumns} WHERE v.id > ? ORDER BY v.id`,
  unixMicroseconds: (visitTime) => visitTime - windowsEpochOffsetUs,
  notAPageVisit: (transition) => (subframes.has(transition & coreTypeMask) ? 'navigations inside a frame of a page (subframe transitions)' : undefined),
};

export const chromiumHistoryImporter = (path: string, browser = 'Chrome'): Importer => browserHistoryImporter(path, chromiumHistory, browser);

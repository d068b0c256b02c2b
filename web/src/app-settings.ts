// The deployment's settings for the app (/app-settings.json), asked for once per page load.
import { useEffect, useState } from 'react';
import type { AppSettings } from '../../schema/app-settings.ts';

const withoutSettings: AppSettings = { mapTiles: null, memos: false };
let asked: Promise<AppSettings> | undefined;

// An older server without the file, or one that cannot be reached, leaves the app as it is without settings.
const appSettings = (): Promise<AppSettings> =>
  (asked ??= fetch('/app-settings.json')
    .then((response) => (response.ok ? (response.json() as Promise<AppSettings>) : withoutSettings))
    .catch(() => withoutSettings));

/** The settings, or undefined while they are on their way. */
export function useAppSettings(): AppSettings | undefined {
  const [settings, setSettings] = useState<AppSettings>();
  useEffect(() => {
    let current = true;
    void appSettings().then((s) => current && setSettings(s));
    return () => {
      current = false;
    };
  }, []);
  return settings;
}

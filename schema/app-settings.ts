// What the server tells the web app about itself at /app-settings.json (api/web-app.ts serves it,
// web/src/app-settings.ts reads it): settings of the deployment, nothing private.
export interface AppSettings {
  /** A tile server for the GPS map ({z}/{x}/{y} URL and its attribution), or null: tracks draw without tiles. */
  mapTiles: { url: string; attribution: string } | null;
  /** Whether UseMemos' notes are configured (MEMOS_DB): without them the app does not ask for notes. */
  memos: boolean;
}

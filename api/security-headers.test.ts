import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { appPolicy, graphiqlPolicy } from './security-headers.ts';

describe('content security policies', () => {
  it("lets GraphiQL's inline scripts run by their hashes, and no other script", () => {
    const scripts = ['console.log("one")', '\n  window.two = 2;\n'];
    const page = `<html><head><style>body{}</style></head><body>${scripts.map((s) => `<script>${s}</script>`).join('')}</body></html>`;
    const scriptSources = /script-src ([^;]*)/.exec(graphiqlPolicy(page))![1]!.split(' ');
    assert.deepEqual(scriptSources, scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`));
  });

  it("loads the app's map tiles from the tile server's origin only", () => {
    assert.match(appPolicy('https://tile.example.org:8443/osm/{z}/{x}/{y}.png'), /img-src 'self' data: blob: https:\/\/tile\.example\.org:8443;/);
    assert.match(appPolicy(undefined), /img-src 'self' data: blob:;/);
    assert.match(appPolicy(undefined), /frame-ancestors 'none'/);
  });
});

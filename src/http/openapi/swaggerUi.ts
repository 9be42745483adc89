/**
 * Swagger UI at /__mock/docs, served from the swagger-ui-dist package: no asset comes from the
 * internet, so it works offline and in closed demo networks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

function assetDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>ocp-mock: OCP API</title>
  <link rel="stylesheet" href="/__mock/docs/swagger-ui.css">
  <link rel="icon" href="/__mock/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/__mock/docs/swagger-ui-bundle.js"></script>
  <script>window.ui = SwaggerUIBundle({ url: '/__mock/openapi.json', dom_id: '#swagger-ui' });</script>
</body>
</html>`;

export function swaggerUiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const cache = new Map<string, Buffer>();
  app.get('/', (c) => c.html(PAGE));
  app.get('/:asset', (c) => {
    const name = c.req.param('asset');
    const type = ASSETS[name];
    if (!type) return c.notFound();
    let body = cache.get(name);
    if (!body) {
      body = readFileSync(join(assetDir(), name));
      cache.set(name, body);
    }
    return c.body(new Uint8Array(body), 200, { 'content-type': type, 'cache-control': 'max-age=3600' });
  });
  return app;
}

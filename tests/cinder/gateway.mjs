// A same-origin gateway for the browser tests against the real Keystone + Cinder + Glance:
// serves the release build (dist/) and forwards /evs/* to Cinder, /ims/* to Glance and /iam/*
// to Keystone (prefix removed), as an nginx `location` would in a real deployment (README,
// "Using it with any OpenStack cloud"). Node's http module only. Also keeps a log of the
// forwarded requests, for the tests: GET /__gateway/log, POST /__gateway/reset; and serves
// GET /__gateway/blank, an empty page without the console's Content-Security-Policy (the
// tests call the APIs from there across origins, to check their CORS answers in Chromium).
//   node tests/cinder/gateway.mjs [--port 8798] [--static dist] [--env target/cinder-run/env.json]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const PORT = Number(arg('port', 8798));
const STATIC = path.resolve(arg('static', 'dist'));
const env = JSON.parse(fs.readFileSync(arg('env', 'target/cinder-run/env.json'), 'utf8'));
const ROUTES = [['/evs/', env.cinder, 'cinder'], ['/ims/', env.glance, 'glance'],
  ['/iam/', env.keystone, 'keystone']]
  .filter(([, url]) => url).map(([prefix, url, service]) => [prefix, new URL(url), service]);
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.json': 'application/json',
};
const HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'host'];
let log = [];

function forward(req, res, prefix, upstream, service) {
  const entry = {
    method: req.method, path: req.url, service,
    accept: req.headers.accept || null,
    microversion: req.headers['openstack-api-version'] || null, status: null, body: '',
  };
  log.push(entry);
  const headers = { ...req.headers, host: upstream.host };
  for (const h of HOP) if (h !== 'host') delete headers[h];
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    entry.body = Buffer.concat(chunks).toString('utf8');
    const up = http.request({
      host: upstream.hostname, port: upstream.port, method: req.method, headers,
      path: `/${req.url.slice(prefix.length)}`,
    }, (r) => {
      entry.status = r.statusCode;
      const out = { ...r.headers };
      for (const h of HOP) delete out[h];
      res.writeHead(r.statusCode, out);
      r.pipe(res);
    });
    up.on('error', (e) => {
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`gateway: ${e.message}`);
    });
    up.end(Buffer.concat(chunks));
  });
}

function serveStatic(req, res) {
  let clean = '/';
  try {
    clean = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch { /* a bad escape: serve the page */ }
  let file = path.join(STATIC, path.normalize(clean).replace(/^(\.\.[/\\])+/, ''));
  if (!file.startsWith(STATIC) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    file = path.join(STATIC, 'index.html');
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}

http.createServer((req, res) => {
  if (req.url === '/__gateway/log') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(log));
  }
  if (req.url === '/__gateway/reset' && req.method === 'POST') {
    log = [];
    res.writeHead(204);
    return res.end();
  }
  if (req.url === '/__gateway/blank') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end('<!DOCTYPE html><html lang="en"><head><title>blank</title></head><body></body></html>');
  }
  const route = ROUTES.find(([prefix]) => req.url.startsWith(prefix));
  return route ? forward(req, res, ...route) : serveStatic(req, res);
}).listen(PORT, '127.0.0.1', () => {
  console.log(`gateway http://127.0.0.1:${PORT} dist=${STATIC} ${ROUTES.map(([p, u]) => `${p} -> ${u.href}`).join(' ')}`);
});

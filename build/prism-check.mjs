// Prism's validation proxy (prism proxy --errors) in front of two servers, every route taken from the export:
//  (a) a drifted server whose every answer breaks every field: Prism must report a violation on every
//      direct route and every transfer reqUrl, under data too (a schema Prism cannot compile validates nothing);
//  (b) `opmock serve`: no violation on the same requests, on each shipped scenario, and on the house error
//      answers (400 for invalid bodies, 404 for unknown routes and reqUrls).
// Usage: node build/prism-check.mjs <openapi.json> <prism binary> <opmock command...>
// Loopback only; every process started here is stopped here.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createTcp } from 'node:net';
import { load, operations, transferVariants, validBody, instance, fullInstance, broken, resolve } from './openapi-lib.mjs';

const [specPath, prism, ...opmock] = process.argv.slice(2);
const doc = load(specPath);
const children = [];
const failures = [];
let checks = 0;

const freePort = () => new Promise((ok, fail) => {
  const server = createTcp().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => ok(port)); }).on('error', fail);
});

async function waitFor(url, what, child) {
  // Bounded: a server that is not up after 60 s fails the run with its output.
  for (let i = 0; i < 600; i++) {
    if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`${what} exited (${child.exitCode}): ${child.output}`);
    try { await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(1000) }); return; } catch { /* not yet */ }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start: ${child?.output ?? ''}`);
}

function start(command, args, what) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  child.output = '';
  const keep = d => { child.output = (child.output + d).slice(-20000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.what = what;
  children.push(child);
  return child;
}

/** A Prism proxy in front of upstream; with errors, violations become its 500 answer, else only log lines. */
async function prismProxy(upstream, errors = true) {
  const port = await freePort();
  const child = start(prism, ['proxy', ...(errors ? ['--errors'] : []), '-h', '127.0.0.1', '-p', String(port), specPath, upstream],
    `prism proxy${errors ? ' --errors' : ''} → ${upstream}`);
  await waitFor(`http://127.0.0.1:${port}/`, child.what, child);
  return { base: `http://127.0.0.1:${port}`, child };
}

async function post(base, path, body, headers = {}, method = 'post') {
  // A GET doc's params go in the query, as the export documents them; every other request sends a JSON body.
  const get = method === 'get';
  const query = get && body && typeof body === 'object'
    ? '?' + new URLSearchParams(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString() : '';
  const response = await fetch(base + path + query, {
    method: method.toUpperCase(),
    headers: get ? headers : { 'content-type': 'application/json', ...headers },
    body: get ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30000),
  });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, text, json };
}

/** A GET operation's params: its required query parameters, each with a value its schema accepts. */
function queryParams(operation) {
  return Object.fromEntries((operation.parameters ?? []).filter(p => p.in === 'query' && p.required).map(p => [p.name, instance(doc, p.schema ?? {})]));
}

/** Bodies the request schema refuses that are still JSON objects: required fields missing, a field of the wrong type. */
function invalidBodies(request) {
  if (request.method === 'get') {
    return (request.operation.parameters ?? []).some(p => p.in === 'query' && p.required) ? [{}] : [];
  }

  const bodies = [];
  const valid = request.body ?? {};
  const keep = request.reqUrl === undefined ? {} : { reqUrl: request.reqUrl };
  const schema = resolve(doc, request.reqUrl === undefined
    ? request.operation.requestBody?.content?.['application/json']?.schema
    : transferVariants(doc).find(v => v.reqUrl === request.reqUrl).schema);
  if ((schema?.required ?? []).some(r => r !== 'reqUrl')) bodies.push(keep);
  const field = Object.keys(schema?.properties ?? {}).find(k => k !== 'reqUrl' && resolve(doc, schema.properties[k])?.type !== 'object');
  if (field) bodies.push({ ...valid, [field]: { wrong: true } });
  return bodies;
}

const isViolation = r => r.status === 500 && r.json?.type?.endsWith('#VIOLATIONS');
const violations = r => (r.json?.validation ?? []).filter(v => v.location?.[0] === 'response');

function check(ok, what, detail) {
  checks++;
  if (!ok) failures.push(`${what}: ${detail}`);
}

// The requests every part sends: one per direct route, one per transfer reqUrl.
const transfer = transferVariants(doc);
const transferPaths = new Set(transfer.map(v => v.path));
const requests = [
  ...operations(doc).filter(o => !transferPaths.has(o.path)).map(o => ({
    name: o.path, path: o.path, method: o.method, body: o.method === 'get' ? queryParams(o.operation) : validBody(doc, o.operation), operation: o.operation,
  })),
  ...transfer.map(v => {
    const operation = doc.paths[v.path].post;
    return { name: `${v.path} reqUrl=${v.reqUrl}`, path: v.path, method: 'post', body: validBody(doc, operation, v.reqUrl), operation, reqUrl: v.reqUrl };
  }),
];
if (requests.length === 0) throw new Error('the export has no routes');

function successSchema(operation) {
  const schema = operation.responses['200'].content['application/json'].schema;
  return schema.anyOf?.[0] ?? schema;
}

async function drifted() {
  // Answers every POST with the route's documented response, every field of the wrong type.
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', d => { body += d; });
    req.on('end', () => {
      const item = doc.paths[req.url.split('?')[0]];
      const operation = item?.post ?? item?.get;
      let schema = operation && successSchema(operation);
      const reqUrl = (() => { try { return JSON.parse(body).reqUrl; } catch { return undefined; } })();
      const variant = operation?.responses['200'].content['application/json'].schema.anyOf
        ?.map(s => resolve(doc, s)).find(s => reqUrl && JSON.stringify(s).includes(reqUrl));
      schema = variant ?? schema;
      const text = JSON.stringify(broken(schema ? fullInstance(doc, schema) : { code: 200 }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise(ok => server.listen(0, '127.0.0.1', ok));
  const { base } = await prismProxy(`http://127.0.0.1:${server.address().port}`);
  for (const request of requests) {
    const result = await post(base, request.path, request.body, {}, request.method);
    const found = violations(result);
    check(isViolation(result) && found.length > 0, `drifted ${request.name}`, `expected Prism to report violations, got ${result.status} ${result.text.slice(0, 300)}`);
    const data = fullInstance(doc, successSchema(request.operation))?.data;
    if (data !== null && typeof data === 'object' && Object.keys(data).length > 0) {
      check(found.some(v => v.location.includes('data')), `drifted ${request.name} (data)`, `no violation under data: ${JSON.stringify(found.map(v => v.message))}`);
    }
  }
  await new Promise(ok => server.close(ok));
  return requests.length;
}

/** Starts `opmock serve` and the four proxies in front of it (strict and lenient, per port) at once. */
async function startServed() {
  const [port, appPort] = [await freePort(), await freePort()];
  const [command, ...args] = opmock;
  const server = start(command, [...args, '--host', '127.0.0.1', '--port', String(port), '--app-port', String(appPort)], 'opmock serve');
  const direct = `http://127.0.0.1:${port}`;
  const app = `http://127.0.0.1:${appPort}`;
  const proxies = Promise.all([prismProxy(direct), prismProxy(app), prismProxy(direct, false), prismProxy(app, false)]);
  return { server, direct, app, proxies };
}

async function served({ server, direct, app, proxies }) {
  await waitFor(direct, 'opmock serve', server);
  await waitFor(app, 'opmock serve (app port)', server);
  const [strictDirect, strictApp, lenientDirect, lenientApp] = await proxies;
  const [viaDirect, viaApp] = [strictDirect.base, strictApp.base];
  const base = r => (transferPaths.has(r.path) ? viaApp : viaDirect);
  const upstream = r => (transferPaths.has(r.path) ? app : direct);
  const clean = (result, what, status) => check(result.status === status && !isViolation(result) && result.status !== 422,
    what, `expected ${status} with no violation, got ${result.status} ${result.text.slice(0, 400)}`);

  // Documented answers.
  for (const request of requests) {
    clean(await post(base(request), request.path, request.body, {}, request.method), `opmock ${request.name}`, 200);
  }

  // The scenarios opmock knows are the export's enum of X-OpMock-Scenario: a name outside it breaks the request's
  // contract (Prism refuses it, 422), and opmock's own 400 for it lists exactly the enum's names.
  const unknownHeaders = { 'X-OpMock-Scenario': 'no-such-scenario' };
  const refused = await post(base(requests[0]), requests[0].path, requests[0].body, unknownHeaders, requests[0].method);
  check(refused.status === 422 && refused.text.includes('x-opmock-scenario'), 'prism refuses an unknown scenario (422)', `${refused.status} ${refused.text.slice(0, 200)}`);
  const unknown = await post(upstream(requests[0]), requests[0].path, requests[0].body, unknownHeaders, requests[0].method);
  check(unknown.status === 400, 'opmock unknown scenario (400)', `${unknown.status} ${unknown.text.slice(0, 200)}`);
  const scenarios = unknown.json?.data?.scenarios ?? [];
  const declared = (requests[0].operation.parameters ?? []).find(p => p.name === 'X-OpMock-Scenario')?.schema?.enum ?? [];
  check(JSON.stringify(declared) === JSON.stringify(scenarios), 'scenario header enum = opmock scenarios', `${JSON.stringify(declared)} vs ${JSON.stringify(scenarios)}`);
  let scenarioChecks = 0;
  await Promise.all(scenarios.flatMap(scenario => requests.map(async request => {
    const headers = { 'X-OpMock-Scenario': scenario };
    // A fault scenario breaks the connection itself (no HTTP answer to describe): asked directly, it is skipped.
    let plain;
    try { plain = await post(upstream(request), request.path, request.body, headers, request.method); } catch { return; }
    if (plain.json === undefined) return;
    scenarioChecks++;
    clean(await post(base(request), request.path, request.body, headers, request.method), `opmock ${request.name} scenario ${scenario}`, plain.status);
  })));
  check(scenarioChecks > 0 || scenarios.length === 0, 'opmock scenarios', 'no scenario gave an HTTP answer');

  // House errors. Under --errors Prism answers a request that breaks the request schema itself (422) and never
  // forwards it, so OpMock's answers to invalid requests are checked through a second proxy without --errors:
  // it forwards them, logs the request's violations (expected) and any violation of the answer (a failure).

  const lenient = lenientDirect.child;
  const port2 = new URL(lenientDirect.base).port;
  let invalidCount = 0;
  for (const request of requests) {
    const via = transferPaths.has(request.path) ? lenientApp.base : `http://127.0.0.1:${port2}`;
    const bodies = [...(request.method === 'get' ? [] : ['[1]']), ...invalidBodies(request)];
    if (bodies.length > 0) {
      const strict = await post(base(request), request.path, bodies[0], {}, request.method);
      check(strict.status === 422, `prism --errors refuses an invalid request for ${request.name}`, `expected 422, got ${strict.status} ${strict.text.slice(0, 200)}`);
    }
    for (const body of bodies) {
      const result = await post(via, request.path, body, {}, request.method);
      invalidCount++;
      check(result.status === 400 && result.json?.code !== undefined && result.json?.data?.field !== undefined,
        `opmock answers ${request.name} ${typeof body === 'string' ? body : JSON.stringify(body)} with the 400 envelope`, `${result.status} ${result.text.slice(0, 200)}`);
    }
  }
  if (transfer.length > 0) {
    const result = await post(lenientApp.base, transfer[0].path, { reqUrl: '/op/v2/no-such-route' });
    invalidCount++;
    check(result.status === 404 && result.json?.data?.knownRoutes?.length > 0, 'opmock unknown reqUrl (404)', `${result.status} ${result.text.slice(0, 200)}`);
  }
  const notFound = await post(`http://127.0.0.1:${port2}`, '/op/v2/no-such-route', {});
  check(notFound.status === 404, 'an undocumented path is a 404', `${notFound.status} ${notFound.text.slice(0, 200)}`);
  // A method the doc does not name: GET for a POST doc, POST for a GET doc.
  const wrong = requests[0].method === 'get' ? 'POST' : 'GET';
  const other = await fetch(direct + requests[0].path, { method: wrong, signal: AbortSignal.timeout(30000) });
  check(other.status === 405, `${wrong} ${requests[0].path} is a 405`, `${other.status}`);
  // Prism's logs are read once it has stopped, so no line is missed. A status the document does not list is
  // only a warning to Prism (no 500 even under --errors): any "Violation: response" line, of any severity, fails.
  for (const child of [strictDirect.child, strictApp.child, lenient, lenientApp.child]) {
    const exited = new Promise(ok => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
  const strictLog = (strictDirect.child.output + strictApp.child.output).split('\n').filter(l => /Violation: response/.test(l));
  check(strictLog.length === 0, 'opmock documented answers and scenarios: no response violation in Prism\'s log', strictLog.join('\n'));
  const log = lenient.output + lenientApp.child.output;
  const requestViolations = log.split('\n').filter(l => l.includes('Violation: request')).length;
  const answerViolations = log.split('\n').filter(l => /Violation: response/.test(l));
  check(answerViolations.length === 0, 'opmock error answers match the documented error responses', answerViolations.join('\n'));
  check(requestViolations >= invalidCount, 'prism saw every invalid request as invalid', `${requestViolations} request violations for ${invalidCount} invalid requests`);
  return requests.length;
}

let exit = 0;
try {
  const started = Date.now();
  // opmock and its proxies start while the drifted server is checked.
  const serving = await startServed();
  const drift = await drifted();
  const serve = await served(serving);
  console.log(`prism: ${drift} requests against a drifted server, ${serve} against opmock serve, ${checks} checks, ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  failures.push(String(error?.stack ?? error));
} finally {
  for (const child of children) child.kill('SIGTERM');
}
if (failures.length > 0) {
  console.error(`prism: ${failures.length} failed check(s):\n- ${failures.join('\n- ')}`);
  exit = 1;
}
process.exit(exit);

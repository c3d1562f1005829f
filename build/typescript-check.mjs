// Writes a TypeScript file naming one request and one response type per route of the export, and one type
// per transfer variant (narrowed by reqUrl), each asserted not to be `never` and given the export's own
// sample body, and each route's first data field read as a client reads it (`r.data?.data?.field`). `tsc --strict`
// on it and openapi-typescript's output checks that generated clients get them.
// Usage: node build/typescript-check.mjs <openapi.json> <out.ts>   (the types are imported from ./api)
import { writeFileSync } from 'node:fs';
import { load, operations, resolve, transferVariants, validBody } from './openapi-lib.mjs';

const [specPath, outPath] = process.argv.slice(2);
const doc = load(specPath);
const lines = [
  "import type { paths } from './api';",
  // What openapi-fetch's `r.data` is: the 200's body through its Readable (which drops a property typed `null` alone).
  "import type { Readable } from 'openapi-typescript-helpers';",
  'type NotNever<T> = [T] extends [never] ? false : true;',
  "type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer R } ? (NonNullable<R> extends { content: { 'application/json': infer B } } ? B : never) : never;",
  "type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;",
];
// A route's data fields as its 200's first branch (the route's own answer) declares them.
const dataFields = operation => {
  const ok = resolve(doc, operation.responses?.['200']?.content?.['application/json']?.schema);
  let data = resolve(doc, resolve(doc, ok?.anyOf?.[0] ?? ok)?.properties?.data);
  while (data?.allOf?.length === 1) data = resolve(doc, data.allOf[0]);
  return Object.keys(data?.properties ?? {});
};
let n = 0;
const transferPaths = new Set(transferVariants(doc).map(v => v.path));
for (const { path, method, operation } of operations(doc)) {
  const p = JSON.stringify(path);
  lines.push(`export type Route${n}Response = Ok<${p}, '${method}'>;`, `export const route${n}Response: NotNever<Route${n}Response> = true;`);
  // The natural read of a field, as `r.data?.data?.chatId` after `const r = await client.POST(…)`: the 200 is
  // the route's data or an error whose data is null, and either way the field is reached without a cast.
  const field = dataFields(operation)[0];
  if (field !== undefined && !transferPaths.has(path)) {
    lines.push(`declare const r${n}: { data?: Readable<Route${n}Response> };`, `export const route${n}Field = r${n}.data?.data?.[${JSON.stringify(field)}];`);
  }
  if (operation.requestBody && !transferPaths.has(path)) {
    lines.push(`export type Route${n}Request = Body<${p}, '${method}'>;`, `export const route${n}Request: NotNever<Route${n}Request> = true;`,
      `export const route${n}Sample: Route${n}Request = ${JSON.stringify(validBody(doc, operation))};`);
  }
  n++;
}
transferVariants(doc).forEach((variant, i) => {
  const reqUrl = JSON.stringify(variant.reqUrl);
  lines.push(`export type Transfer${i} = Extract<Body<${JSON.stringify(variant.path)}, 'post'>, { reqUrl: ${reqUrl} }>;`,
    `export const transfer${i}: NotNever<Transfer${i}> = true;`,
    `export const transfer${i}Sample: Transfer${i} = ${JSON.stringify(validBody(doc, doc.paths[variant.path].post, variant.reqUrl))};`);
});
writeFileSync(outPath, lines.join('\n') + '\n');
console.log(`typescript: ${n} routes and ${transferVariants(doc).length} transfer variants`);

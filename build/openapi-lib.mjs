// Reading the exported OpenAPI document: its routes, transfer variants and bodies. Shared by the Prism and
// TypeScript checks, so every list of routes they use comes from the export, never from this folder.
import { readFileSync } from 'node:fs';

export function load(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function resolve(doc, schema) {
  let seen = 0;
  while (schema && schema.$ref) {
    if (++seen > 50) throw new Error(`reference loop at ${schema.$ref}`);
    schema = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
  }
  return schema;
}

/** Every operation as {path, method, operation}. */
export function operations(doc) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    ['get', 'post', 'put', 'delete', 'patch'].filter(m => item[m]).map(method => ({ path, method, operation: item[method] })));
}

/** The transfer route's variants as {path, reqUrl, schema}: oneOf entries whose reqUrl is an enum of one. */
export function transferVariants(doc) {
  const variants = [];
  for (const { path, operation } of operations(doc)) {
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    for (const branch of schema?.oneOf ?? []) {
      const reqUrl = resolve(doc, branch)?.properties?.reqUrl?.enum;
      if (reqUrl?.length === 1) variants.push({ path, reqUrl: reqUrl[0], schema: branch });
    }
  }
  return variants;
}

/** A request body that the schema accepts: an example naming the reqUrl if there is one, else one built from the schema. */
export function validBody(doc, operation, reqUrl) {
  const media = operation.requestBody?.content?.['application/json'];
  const examples = Object.values(media?.examples ?? {}).map(e => e.value);
  const example = examples.find(e => reqUrl === undefined || e?.reqUrl === reqUrl);
  if (example !== undefined) return example;
  const schema = reqUrl === undefined ? media?.schema : transferVariants(doc).find(v => v.reqUrl === reqUrl).schema;
  return schema ? instance(doc, schema) : {};
}

/** The smallest value a schema accepts: required properties only, first enum value, default, bounds. */
export function instance(doc, schema, depth = 0) {
  schema = resolve(doc, schema) ?? {};
  if (depth > 20) return null;
  if (schema.allOf?.length) return instance(doc, schema.allOf[0], depth + 1);
  if (schema.anyOf?.length) return instance(doc, schema.anyOf[0], depth + 1);
  if (schema.oneOf?.length) return instance(doc, schema.oneOf[0], depth + 1);
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case 'object': {
      const value = {};
      for (const name of schema.required ?? []) value[name] = instance(doc, schema.properties?.[name] ?? {}, depth + 1);
      return value;
    }
    case 'array': return [];
    case 'integer': case 'number': return schema.minimum ?? 1;
    case 'boolean': return true;
    case 'string': return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default: return null;
  }
}

/** A full value of a schema (every property, objects for nullable sections), to be broken field by field. */
export function fullInstance(doc, schema, depth = 0) {
  schema = resolve(doc, schema) ?? {};
  if (depth > 20) return null;
  if (schema.allOf?.length) return fullInstance(doc, schema.allOf[0], depth + 1);
  if (schema.anyOf?.length) return fullInstance(doc, schema.anyOf[0], depth + 1);
  if (schema.oneOf?.length) return fullInstance(doc, schema.oneOf[0], depth + 1);
  if (schema.type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, fullInstance(doc, v, depth + 1)]));
  }
  if (schema.type === 'array') return [fullInstance(doc, schema.items ?? {}, depth + 1)];
  return instance(doc, schema, depth + 1);
}

/** Every leaf of a value replaced by one of the wrong type: text for numbers, booleans and null, a number for text. */
export function broken(value) {
  if (Array.isArray(value)) return value.map(broken);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, broken(v)]));
  return typeof value === 'string' ? 12345 : 'broken';
}

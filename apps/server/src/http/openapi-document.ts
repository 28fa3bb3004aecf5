// The OpenAPI document as published (GET /api/openapi.json and docs/openapi.json). The routes declare their response
// schemas inline, so a large answer (the whole case after a step) stands in dozens of operations; published as is the
// document runs to megabytes. Here every response schema that several operations share is written once under
// `components/schemas` and referenced. Request schemas stay inline: they are what clients and the field-label check read.
import { sm3Hex } from '../shared/sm3.ts';

type Json = Record<string, unknown>;
type MediaType = { schema?: unknown };
type Response = { content?: Record<string, MediaType> };
type Operation = { responses?: Record<string, Response> };
type Document = { paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };

/** Schemas shorter than this are left inline: a reference would save little and read worse. */
const MIN_SHARED_LENGTH = 400;

function* responseMedia(doc: Document): Generator<MediaType> {
  for (const ops of Object.values(doc.paths ?? {}))
    for (const op of Object.values(ops))
      for (const response of Object.values(op.responses ?? {})) for (const media of Object.values(response.content ?? {})) yield media;
}

/** A copy of the document in which response schemas used by two or more operations are shared components. */
export function publishedOpenApi(source: unknown): Json {
  const doc = structuredClone(source) as Document;
  const uses = new Map<string, number>();
  for (const media of responseMedia(doc)) {
    if (media.schema === undefined) continue;
    const text = JSON.stringify(media.schema);
    if (text.length >= MIN_SHARED_LENGTH) uses.set(text, (uses.get(text) ?? 0) + 1);
  }
  const shared: Record<string, unknown> = {};
  for (const media of responseMedia(doc)) {
    if (media.schema === undefined) continue;
    const text = JSON.stringify(media.schema);
    if ((uses.get(text) ?? 0) < 2) continue;
    // Named by its content, so the name stays put while the schema does.
    const name = `Response_${sm3Hex(text).slice(0, 12)}`;
    shared[name] = media.schema;
    media.schema = { $ref: `#/components/schemas/${name}` };
  }
  const schemas = { ...(doc.components?.schemas ?? {}) };
  for (const name of Object.keys(shared).sort()) schemas[name] = shared[name];
  doc.components = { ...(doc.components ?? {}), schemas };
  return doc as Json;
}

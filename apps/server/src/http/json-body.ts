import type { FastifyInstance } from 'fastify';
import { fieldError } from '../errors/app-error.ts';

/** Deeper than any request schema goes. Deeper JSON would only cost stack in canonical hashing and audit rows. */
export const MAX_JSON_DEPTH = 32;

/** Whether the text nests arrays and objects deeper than `max` (a scan, before any parse). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * JSON bodies through Fastify's own parser (prototype poisoning refused) behind a depth limit. Plain text is not a
 * body any route takes: without its parser a text/plain request is answered 415.
 */
export function installJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(fieldError('body', `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parse(request, text, done);
  });
}

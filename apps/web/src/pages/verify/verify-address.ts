const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * What a reader typed from the document: the whole address printed under the QR code
 * (`https://…/verify/<id>?c=<code>`) or only the document's identifier. Null when no identifier is in it.
 */
export function parseVerifyAddress(text: string): { id: string; code: string | null } | null {
  const trimmed = text.trim();
  const id = UUID.exec(trimmed)?.[0];
  if (!id) return null;
  const code = /[?&]c=([^&#\s]+)/.exec(trimmed)?.[1];
  return { id: id.toLowerCase(), code: code ? decodeURIComponent(code) : null };
}

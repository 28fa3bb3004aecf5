// Cross-site request forgery: a page on another site can make the browser send a form or a fetch to this platform
// with the user's cookies. SameSite=Strict already keeps them off such requests in current browsers; this check does
// not rely on it. A write that a cookie authenticates must say it comes from the platform's own pages: its Origin
// (or, when a browser sends none, its Referer) is the public address (PUBLIC_BASE_URL) or the address the request
// was sent to (its Host, and the scheme that TRUST_PROXY lets a proxy vouch for). A request without either header is
// refused too — browsers send Origin on every cross-site write, and a program has a bearer token instead.
// Bearer-token requests (API clients) carry no ambient credential and are not checked.
import { CITIZEN_COOKIE, PORTAL_COOKIE } from '@chengguan/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.ts';
import { AppError } from '../errors/app-error.ts';
import { SESSION_COOKIE } from '../modules/auth/index.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `scheme://host[:port]` with the default port dropped; null for anything that is not an http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** The origin the request claims to come from: Origin, else Referer's origin; null when neither says. */
function claimedOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  // `Origin: null` (a sandboxed frame, a file, a privacy redirect) names no origin: not ours.
  if (origin !== undefined) return origin === 'null' ? 'null' : (originOf(origin) ?? 'null');
  const referer = request.headers.referer;
  return referer ? (originOf(referer) ?? 'null') : null;
}

function cookieAuthenticated(request: FastifyRequest): boolean {
  if (request.headers.authorization?.startsWith('Bearer ')) return false;
  return Boolean(request.cookies[SESSION_COOKIE] || request.cookies[PORTAL_COOKIE] || request.cookies[CITIZEN_COOKIE]);
}

export function installOriginCheck(app: FastifyInstance, config: Pick<AppConfig, 'publicBaseUrl'>): void {
  const publicOrigin = originOf(config.publicBaseUrl);
  app.addHook('onRequest', async (request) => {
    if (!WRITES.has(request.method) || !cookieAuthenticated(request)) return;
    const claimed = claimedOrigin(request);
    const own = originOf(`${request.protocol}://${request.host}`);
    if (claimed !== null && (claimed === publicOrigin || claimed === own)) return;
    throw new AppError('CROSS_SITE_REQUEST', {
      field: request.headers.origin !== undefined ? 'Origin' : 'Referer',
      message:
        claimed === null
          ? '请求未注明来源（Origin），已拒绝：使用登录状态的写操作只接受本平台页面发出的请求'
          : `请求来源 ${claimed} 不是本平台，已拒绝：使用登录状态的写操作只接受本平台页面发出的请求`,
      messageEn:
        claimed === null
          ? 'The request names no Origin: a write authenticated by a cookie is accepted only from this platform’s own pages'
          : `The request comes from ${claimed}, not this platform: a write authenticated by a cookie is accepted only from its own pages`,
    });
  });
}

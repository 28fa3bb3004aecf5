// Jurisdiction by org tree (ARCHITECTURE.md "Trust": access is role × jurisdiction).
// Each org carries a materialized path `/<cityId>/<bureauId>/<squadId>/`, so "is this record in
// my area" is a prefix test the database can answer from an index (`path LIKE '/a/b/%'`).
import type { OrgKind } from '@chengguan/contracts';
import { BUREAU_KINDS } from './org-kinds.ts';

export type OrgRef = { id: string; parentId: string | null; kind: OrgKind };

const SEGMENT_RE = /^[A-Za-z0-9_-]+$/;
const PATH_RE = /^\/(?:[A-Za-z0-9_-]+\/)+$/;

export function isOrgPath(path: string): boolean {
  return PATH_RE.test(path);
}

function assertOrgPath(path: string): void {
  if (!isOrgPath(path)) throw new TypeError(`not an org path: ${path}`);
}

/** The path of a child: `childPath('/a/', 'b')` is `/a/b/`; a root has `childPath(null, 'a')`. */
export function childPath(parentPath: string | null, id: string): string {
  if (!SEGMENT_RE.test(id)) throw new TypeError(`invalid org id for a path: ${id}`);
  if (parentPath === null) return `/${id}/`;
  assertOrgPath(parentPath);
  return `${parentPath}${id}/`;
}

/** Ids from the root down to the org itself. */
export function pathIds(path: string): string[] {
  assertOrgPath(path);
  return path.slice(1, -1).split('/');
}

/** True when the org at `orgPath` is the jurisdiction org itself or lies beneath it. */
export function isWithin(orgPath: string, jurisdictionPath: string): boolean {
  assertOrgPath(orgPath);
  assertOrgPath(jurisdictionPath);
  // Trailing slashes make the prefix test segment-exact: '/a/b1/' is not within '/a/b/'.
  return orgPath.startsWith(jurisdictionPath);
}

function indexById<T extends OrgRef>(orgs: readonly T[]): Map<string, T> {
  return new Map(orgs.map((o) => [o.id, o]));
}

/** Materialized path of an org from its parent chain; throws on an unknown id or a cycle. */
export function pathOf(orgs: readonly OrgRef[], orgId: string): string {
  const byId = indexById(orgs);
  const ids: string[] = [];
  const seen = new Set<string>();
  let current = byId.get(orgId);
  if (!current) throw new RangeError(`unknown org: ${orgId}`);
  while (current) {
    if (seen.has(current.id)) throw new RangeError(`cycle in org tree at ${current.id}`);
    seen.add(current.id);
    ids.unshift(current.id);
    if (current.parentId === null) break;
    const parent = byId.get(current.parentId);
    if (!parent) throw new RangeError(`unknown parent org: ${current.parentId}`);
    current = parent;
  }
  return ids.reduce<string | null>((path, id) => childPath(path, id), null)!;
}

/**
 * The bureau an org belongs to: the nearest district bureau (区局) at or above it, or the
 * special unit (执法总队) or city bureau (市局) when that is reached first. Null for an unknown id.
 */
export function bureauOf<T extends OrgRef>(orgs: readonly T[], orgId: string): T | null {
  const byId = indexById(orgs);
  const seen = new Set<string>();
  let current = byId.get(orgId);
  while (current && !seen.has(current.id)) {
    if (BUREAU_KINDS.has(current.kind)) return current;
    seen.add(current.id);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return null;
}

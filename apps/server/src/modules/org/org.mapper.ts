import type { Org, OrgKind, OrgNode } from '@chengguan/contracts';
import type { OrgRow } from './org.repository.ts';

export function toOrg(r: OrgRow): Org {
  return {
    id: r.id,
    parentId: r.parent_id,
    bureauId: r.bureau_id,
    kind: r.kind as OrgKind,
    name: r.name,
    shortName: r.short_name,
    code: r.code,
    regionCode: r.region_code,
    sortOrder: r.sort_order,
    active: r.active,
  };
}

/** Builds the tree from rows ordered by depth; rows whose parent is outside the set become roots. */
export function buildTree(rows: OrgRow[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  const roots: OrgNode[] = [];
  for (const r of rows) {
    const node: OrgNode = { ...toOrg(r), children: [] };
    nodes.set(r.id, node);
    const parent = r.parent_id ? nodes.get(r.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

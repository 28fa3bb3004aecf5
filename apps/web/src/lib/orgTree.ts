import type { OrgNode } from '@chengguan/contracts';
import { orgApi } from '../api/endpoints.ts';
import { useLoad } from './useLoad.ts';

export function useOrgTree() {
  return useLoad(() => orgApi.tree(), 'orgs');
}

export type OrgTreeSelectNode = { value: string; title: string; children: OrgTreeSelectNode[] };

/** The org tree in the shape antd TreeSelect wants (value/title/children). */
export function toTreeSelect(nodes: OrgNode[]): OrgTreeSelectNode[] {
  return nodes.map((n) => ({ value: n.id, title: n.name, children: toTreeSelect(n.children) }));
}

export function findOrg(nodes: OrgNode[], id: string, parent: OrgNode | null = null): { node: OrgNode; parent: OrgNode | null } | null {
  for (const n of nodes) {
    if (n.id === id) return { node: n, parent };
    const hit = findOrg(n.children, id, n);
    if (hit) return hit;
  }
  return null;
}

export function flattenOrgs(nodes: OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => [n, ...flattenOrgs(n.children)]);
}

import { useEffect, useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { OrgNode } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { flattenOrgs, useOrgTree } from '../../lib/orgTree.ts';

type Node = { value: string; title: string; selectable: boolean; children: Node[] };
const toNodes = (nodes: OrgNode[]): Node[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, selectable: n.kind === 'squad', children: toNodes(n.children) }));

/** A squad of the user's jurisdiction (勤务 is organised per squad); his own squad is chosen first. */
export function SquadPicker({ value, onChange }: { value: string | undefined; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const tree = useOrgTree();
  const squads = useMemo(() => flattenOrgs(tree.data ?? []).filter((o) => o.kind === 'squad'), [tree.data]);
  useEffect(() => {
    if (value || squads.length === 0) return;
    const own = squads.find((s) => s.id === me?.orgId) ?? squads[0]!;
    onChange(own.id);
  }, [value, squads, me?.orgId, onChange]);
  return (
    <TreeSelect
      style={{ minWidth: 220 }}
      placeholder={t('duty.squadPick')}
      treeData={toNodes(tree.data ?? [])}
      value={value}
      onChange={(v: string) => onChange(v)}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      data-testid="duty-squad"
    />
  );
}

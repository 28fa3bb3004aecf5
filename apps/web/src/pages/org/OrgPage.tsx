import { useMemo, useState, type Key } from 'react';
import { Alert, Badge, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Spin, Tag, Tree, type TreeDataNode } from 'antd';
import { EditOutlined, EnvironmentOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { OrgNode } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { kindLabel } from '../../i18n/labels.ts';
import { errorText } from '../../api/errors.ts';
import { findOrg, flattenOrgs, useOrgTree } from '../../lib/orgTree.ts';
import { Page } from '../../components/Page.tsx';
import { OrgFormModal, type OrgFormTarget } from './OrgFormModal.tsx';
import { SquadAreaDrawer } from './SquadAreaDrawer.tsx';

const KIND_COLORS: Record<OrgNode['kind'], string> = {
  city_bureau: 'red',
  district_bureau: 'blue',
  special_unit: 'purple',
  brigade: 'cyan',
  squad: 'default',
};

function filterTree(nodes: OrgNode[], q: string): OrgNode[] {
  if (!q) return nodes;
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, q);
    return n.name.includes(q) || (n.shortName ?? '').includes(q) || children.length ? [{ ...n, children }] : [];
  });
}

export default function OrgPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { data, loading, error, reload } = useOrgTree();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [target, setTarget] = useState<OrgFormTarget | null>(null);
  const [areaOf, setAreaOf] = useState<OrgNode | null>(null);
  const canWrite = can('org:write');
  const tree = useMemo(() => data ?? [], [data]);

  const treeData = useMemo(() => {
    const build = (nodes: OrgNode[]): TreeDataNode[] =>
      nodes.map((n) => ({
        key: n.id,
        title: (
          <span data-testid={`org-node-${n.code}`}>
            {n.name}{' '}
            <Tag color={KIND_COLORS[n.kind]} style={{ marginInlineStart: 4 }}>
              {kindLabel(t, n.kind)}
            </Tag>
            {!n.active && <Tag>{t('org.activeOff')}</Tag>}
          </span>
        ),
        children: build(n.children),
      }));
    return build(filterTree(tree, q.trim()));
  }, [tree, q, t]);

  // Expand every unit that has sub-units (the tree is small: one city's bureaus and squads).
  const expandedKeys = useMemo(
    () =>
      flattenOrgs(filterTree(tree, q.trim()))
        .filter((n) => n.children.length > 0)
        .map((n) => n.id),
    [tree, q],
  );
  const [userExpanded, setUserExpanded] = useState<Key[] | null>(null);

  const selected = selectedId ? findOrg(tree, selectedId) : null;
  const node = selected?.node;

  return (
    <Page
      title={t('menu.orgs')}
      testId="org-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload}>
          {t('common.refresh')}
        </Button>
      }
    >
      {!!error && <Alert type="error" showIcon message={errorText(error, t, lang)} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={10}>
          <Card title={t('org.tree')} size="small">
            <Input.Search
              allowClear
              placeholder={t('org.searchPlaceholder')}
              onChange={(e) => {
                setQ(e.target.value);
                setUserExpanded(null);
              }}
              style={{ marginBottom: 8 }}
              data-testid="org-search"
            />
            <Spin spinning={loading}>
              <div style={{ maxHeight: '70vh', overflow: 'auto' }}>
                <Tree
                  blockNode
                  treeData={treeData}
                  expandedKeys={userExpanded ?? expandedKeys}
                  onExpand={(keys) => setUserExpanded(keys)}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keys) => setSelectedId(keys[0] ? String(keys[0]) : null)}
                  data-testid="org-tree"
                />
              </div>
            </Spin>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={14}>
          <Card
            title={t('org.details')}
            size="small"
            extra={
              node && (
                <Space wrap>
                  {node.kind === 'squad' && (
                    <Button size="small" icon={<EnvironmentOutlined />} onClick={() => setAreaOf(node)} data-testid="org-area">
                      {t('orgArea.button')}
                    </Button>
                  )}
                  {canWrite && (
                    <>
                      <Button
                        size="small"
                        icon={<PlusOutlined />}
                        onClick={() => setTarget({ mode: 'create', parent: node })}
                        data-testid="org-add-child"
                      >
                        {t('org.addChild')}
                      </Button>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setTarget({ mode: 'edit', org: node })}
                        data-testid="org-edit"
                      >
                        {t('common.edit')}
                      </Button>
                    </>
                  )}
                </Space>
              )
            }
          >
            {!node ? (
              <Empty description={t('org.selectHint')} />
            ) : (
              <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small" data-testid="org-details">
                <Descriptions.Item label={t('org.name')}>{node.name}</Descriptions.Item>
                <Descriptions.Item label={t('org.shortName')}>{node.shortName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('org.kind')}>
                  <Tag color={KIND_COLORS[node.kind]}>{kindLabel(t, node.kind)}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('org.code')}>{node.code}</Descriptions.Item>
                <Descriptions.Item label={t('org.regionCode')}>{node.regionCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('org.parent')}>{selected?.parent?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('org.childCount')}>{node.children.length}</Descriptions.Item>
                <Descriptions.Item label={t('org.sortOrder')}>{node.sortOrder}</Descriptions.Item>
                <Descriptions.Item label={t('org.active')}>
                  <Badge status={node.active ? 'success' : 'default'} text={node.active ? t('org.activeOn') : t('org.activeOff')} />
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
      </Row>
      <SquadAreaDrawer org={areaOf} canWrite={canWrite} onClose={() => setAreaOf(null)} />
      <OrgFormModal
        target={target}
        onClose={() => setTarget(null)}
        onSaved={(org) => {
          setTarget(null);
          setSelectedId(org.id);
          if (org.parentId) setUserExpanded((keys) => (keys ? [...new Set([...keys, org.parentId ?? ''])] : null));
          reload();
        }}
      />
    </Page>
  );
}

import { useState } from 'react';
import { App, Button, InputNumber, Space, Table, Tag } from 'antd';
import type { CockpitDefinition } from '@chengguan/contracts';
import { cockpitApi } from '../../api/cockpit.ts';
import { errorText } from '../../api/errors.ts';
import { Page } from '../../components/Page.tsx';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';

/** 指标口径: how every number of the cockpit is counted, from which records, and its target (set by the city). */
export default function CockpitDefinitionsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const defs = useLoad((s) => cockpitApi.definitions(s), 'defs');
  const [editing, setEditing] = useState<Record<string, number | null>>({});
  const save = async (key: string, target: number | null) => {
    try {
      await cockpitApi.setTarget(key, target);
      void message.success(t('cockpit.def.saved'));
      defs.reload();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    }
  };
  const en = lang === 'en-US';
  return (
    <Page title={t('cockpit.def.title')} testId="cockpit-definitions">
      <Table<CockpitDefinition>
        rowKey="key"
        size="small"
        loading={defs.loading}
        dataSource={defs.data?.items ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        onRow={(r) => ({ id: r.key })}
        columns={[
          { title: t('cockpit.def.theme'), dataIndex: 'theme', width: 100 },
          {
            title: t('cockpit.def.name'),
            key: 'name',
            width: 180,
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                {en ? r.nameEn : r.name}
                {!r.connected && <Tag>{t('cockpit.notConnected')}</Tag>}
              </Space>
            ),
          },
          { title: t('cockpit.def.definition'), key: 'definition', render: (_, r) => (en ? r.definitionEn : r.definition) },
          { title: t('cockpit.def.source'), dataIndex: 'source', width: 160 },
          {
            title: t('cockpit.def.target'),
            key: 'target',
            width: 220,
            render: (_, r) =>
              r.targetOp === null ? (
                '—'
              ) : can('cockpit:config') ? (
                <Space>
                  {r.targetOp === '<=' ? '≤' : '≥'}
                  <InputNumber
                    size="small"
                    min={0}
                    value={editing[r.key] !== undefined ? editing[r.key] : r.target}
                    onChange={(v) => setEditing((x) => ({ ...x, [r.key]: v }))}
                  />
                  <Button size="small" onClick={() => void save(r.key, editing[r.key] ?? r.target)}>
                    {t('cockpit.def.setTarget')}
                  </Button>
                  <Button size="small" type="link" onClick={() => void save(r.key, null)}>
                    {t('cockpit.def.reset')}
                  </Button>
                </Space>
              ) : (
                `${r.targetOp === '<=' ? '≤' : '≥'} ${r.target ?? '—'}`
              ),
          },
          { title: t('cockpit.def.targetSource'), dataIndex: 'targetSource', width: 220 },
        ]}
      />
    </Page>
  );
}

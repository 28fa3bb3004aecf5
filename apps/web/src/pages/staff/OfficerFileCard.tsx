// 执法人员档案 (docs/team.md): the officer's rank, post tags and transfer history from his file; staff:write sets the rank
// and post tags (PUT officers/{id}/profile) and transfers him to another unit from a date (POST officers/{id}/transfers).
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, type TableColumnsType } from 'antd';
import { OFFICER_RANKS } from '@chengguan/contracts';
import { officerApi } from '../../api/endpoints.ts';
import { errorText } from '../../api/errors.ts';
import { ActionFormDrawer, type ActionSpec } from '../../components/ActionFormDrawer.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { OFFICER_FORMS } from '../supervision/forms.ts';

type Transfer = Awaited<ReturnType<typeof officerApi.file>>['transfers'][number];

export function OfficerFileCard({ officerId, canWrite, onChanged }: { officerId: string; canWrite: boolean; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [tick, setTick] = useState(0);
  const [action, setAction] = useState<ActionSpec | null>(null);
  // The rank's name in the console's language (the stored value stays the Chinese title).
  const rankName = (r: string) => {
    const n = (OFFICER_RANKS as readonly string[]).indexOf(r);
    return n < 0 ? r : t(`act.rank.${n}` as MessageKey);
  };
  const file = useLoad((signal) => officerApi.file(officerId, signal), `${officerId}|${tick}`);
  const f = file.data;
  const columns: TableColumnsType<Transfer> = [
    { title: t('act.f.effectiveOn'), dataIndex: 'effectiveOn', width: 110 },
    { title: t('act.of.fromOrg'), dataIndex: 'fromOrgName' },
    { title: t('act.f.toOrg'), dataIndex: 'toOrgName' },
    { title: t('act.f.reason'), dataIndex: 'reason' },
  ];
  return (
    <Card
      size="small"
      title={t('act.of.fileTitle')}
      data-testid="officer-file"
      extra={
        canWrite &&
        f && (
          <Space wrap>
            {[OFFICER_FORMS.profile, OFFICER_FORMS.transfer].map((spec) => (
              <Button key={spec.key} size="small" onClick={() => setAction(spec)} data-testid={`open-${spec.key}`}>
                {t(spec.title)}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {file.error ? <Alert type="error" showIcon message={errorText(file.error, t, lang)} /> : null}
      {f && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
            <Descriptions.Item label={t('act.f.rank')}>
              <span data-testid="officer-file-rank">{f.rank ? rankName(f.rank) : '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('act.f.postTags')} span={2}>
              <span data-testid="officer-file-tags">{f.postTags.length ? f.postTags.map((p) => <Tag key={p}>{p}</Tag>) : '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('act.of.unit')}>{f.orgName}</Descriptions.Item>
          </Descriptions>
          <Table<Transfer>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={f.transfers}
            columns={columns}
            title={() => t('act.of.transfers')}
            data-testid="officer-file-transfers"
          />
        </>
      )}
      {action && (
        <ActionFormDrawer
          spec={action}
          target={officerId}
          initial={action === OFFICER_FORMS.profile && f ? { rank: f.rank ?? undefined, postTags: f.postTags.join('\n') } : undefined}
          choices={{ rank: OFFICER_RANKS.map((r) => ({ value: r, label: rankName(r) })) }}
          compose={action === OFFICER_FORMS.profile ? (b) => ({ rank: b.rank ?? null, postTags: b.postTags ?? [] }) : undefined}
          onClose={() => setAction(null)}
          onDone={() => {
            setTick((n) => n + 1);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

import { Button, Card, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Offence } from '@chengguan/contracts';
import { libraryApi } from '../../../api/law.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { VerificationTag } from '../components/VerificationTag.tsx';
import { formatRange, formatSpan } from '../labels.ts';
import { DataTable } from '../../../components/DataTable.tsx';

const offences = libraryApi('offences');

/**
 * Every version of one offence code by effective date (处罚法 Art. 37 picks the one in force on the act date,
 * or a later lighter one). Clicking a version edits it; 新增版本 starts a new one from the shown data.
 */
export function OffenceVersions({
  offence,
  canWrite,
  onOpen,
  onNewVersion,
}: {
  offence: Offence;
  canWrite: boolean;
  onOpen: (o: Offence) => void;
  onNewVersion: (from: Offence) => void;
}) {
  const { t } = useI18n();
  const versions = useLoad(
    (signal) => offences.list({ code: offence.code, page: 1, pageSize: 100 }, signal),
    `${offence.code}:${offence.updatedAt}`,
  );
  const rows = (versions.data?.items ?? [])
    .filter((o) => o.code === offence.code)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  return (
    <Card
      size="small"
      title={t('law.offence.versions')}
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => onNewVersion(offence)} data-testid="law-offence-new-version">
            {t('law.offence.newVersion')}
          </Button>
        )
      }
    >
      <DataTable<Offence>
        rowKey="id"
        size="small"
        pagination={false}
        loading={versions.loading}
        dataSource={rows}
        onRow={(o) => ({ onClick: () => o.id !== offence.id && onOpen(o), style: { cursor: o.id === offence.id ? 'default' : 'pointer' } })}
        rowClassName={(o) => (o.id === offence.id ? 'ant-table-row-selected' : '')}
        data-testid="law-offence-versions"
        columns={[
          {
            title: t('law.effectivePeriod'),
            key: 'span',
            render: (_, o) => (
              <>
                {formatSpan(t, o.effectiveFrom, o.effectiveTo)}{' '}
                {o.id === offence.id && <Tag color="blue">{t('law.offence.thisVersion')}</Tag>}
              </>
            ),
          },
          { title: t('law.offence.range'), key: 'range', render: (_, o) => formatRange(t, o.minFineFen, o.maxFineFen) },
          { title: t('law.offence.illegal'), dataIndex: 'illegal', render: (b: boolean) => (b ? t('common.yes') : t('common.no')) },
          {
            title: t('law.mark'),
            key: 'mark',
            render: (_, o) => <VerificationTag mark={o.verification} source={o.source} note={o.note} />,
          },
        ]}
      />
    </Card>
  );
}

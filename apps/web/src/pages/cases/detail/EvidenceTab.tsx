import { Button, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CaseDetail, CaseEvidence, CaseRecord } from '@chengguan/contracts';
import { caseFileUrls } from '../../../api/cases-files.ts';
import { StoredFileLink } from '../../../components/StoredFileLink.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { evidenceLabel } from '../labels.ts';
import { DataTable } from '../../../components/DataTable.tsx';

function Hash({ sm3 }: { sm3: string }) {
  return (
    <Typography.Text code copyable={{ text: sm3 }} style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="evidence-sm3">
      {sm3}
    </Typography.Text>
  );
}

function kb(size: number): string {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`;
}

/** 证据: the evidence items with their statutory type (A4) and the SM3 hash recorded at upload. */
export function EvidenceTab({ detail, onAdd }: { detail: CaseDetail; onAdd?: () => void }) {
  const { t } = useI18n();
  return (
    <>
      {onAdd && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={onAdd} data-testid="evidence-add">
            {t('case.action.addEvidence')}
          </Button>
        </Flex>
      )}
      <DataTable<CaseEvidence>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.evidence}
        scroll={{ x: 900 }}
        data-testid="case-evidence"
        columns={[
          {
            title: t('case.field.evidenceType'),
            dataIndex: 'evidenceType',
            width: 120,
            render: (e: CaseEvidence['evidenceType']) => <Tag>{evidenceLabel(t, e)}</Tag>,
          },
          {
            title: t('case.field.title'),
            dataIndex: 'title',
            width: 180,
            render: (title: string, e) => (
              <StoredFileLink url={caseFileUrls.evidence(detail.id, e.id)} name={title} testId="evidence-file">
                {title}
              </StoredFileLink>
            ),
          },
          { title: 'SM3', dataIndex: 'fileSm3', render: (h: string) => <Hash sm3={h} /> },
          { title: t('case.size'), dataIndex: 'size', width: 90, render: kb },
          { title: t('case.collectedOn'), dataIndex: 'collectedOn', width: 110 },
          { title: t('case.field.collectedById'), dataIndex: 'collectedByName', width: 100, render: (n: string | null) => n ?? '—' },
        ]}
      />
    </>
  );
}

const yes = (b: boolean) => (b ? <Tag color="green">✓</Tag> : <Tag>✗</Tag>);

/** 笔录: inspection (勘验/现场) and questioning (询问) records with who made them and how (A1–A3). */
export function RecordsTab({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  return (
    <DataTable<CaseRecord>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={detail.records}
      scroll={{ x: 1200 }}
      data-testid="case-records"
      expandable={{
        rowExpandable: (r) => !!r.content,
        expandedRowRender: (r) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.content}</Typography.Paragraph>,
      }}
      columns={[
        { title: t('case.recordKind'), dataIndex: 'kind', width: 100, render: (k: CaseRecord['kind']) => t(`case.recordKind.${k}`) },
        { title: t('case.field.date'), dataIndex: 'recordedOn', width: 110 },
        {
          title: t('case.officers'),
          dataIndex: 'officers',
          width: 150,
          render: (os: CaseRecord['officers']) => os.map((o) => o.name).join('、'),
        },
        { title: t('case.field.interviewee'), dataIndex: 'interviewee', width: 100, render: (v: string | null) => v ?? '—' },
        { title: t('case.field.location'), dataIndex: 'location', width: 140, render: (v: string | null) => v ?? '—' },
        { title: t('case.field.credentialsShown'), dataIndex: 'credentialsShown', width: 90, render: yes },
        { title: t('case.field.officersSigned'), dataIndex: 'officersSigned', width: 90, render: yes },
        {
          title: t('case.field.partySigned'),
          dataIndex: 'partySigned',
          width: 160,
          render: (b: boolean, r) => (
            <>
              {yes(b)}
              {r.absenceNote && <Typography.Text type="secondary">{r.absenceNote}</Typography.Text>}
            </>
          ),
        },
        {
          title: t('case.recordScan'),
          dataIndex: 'fileSm3',
          width: 160,
          render: (h: string | null, r) =>
            h ? (
              <span>
                <StoredFileLink url={caseFileUrls.record(detail.id, r.id)} name={t('case.recordScan')} testId="record-file" />{' '}
                <Typography.Text code copyable={{ text: h }} style={{ fontSize: 12 }}>
                  {h.slice(0, 10)}…
                </Typography.Text>
              </span>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

import { Space, Typography } from 'antd';
import type { CaseDeadline, CaseDetail } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Citation } from '../../../components/Citation.tsx';
import { DeadlineStateTag } from '../components/StateTag.tsx';
import { daysUntil, formatFen } from '../format.ts';
import { deadlineKindLabel } from '../labels.ts';
import { DataTable } from '../../../components/DataTable.tsx';

/** The legal basis of a deadline: the server's explanation and its citation (rule ID on hover). */
export function Basis({ basis }: { basis: CaseDeadline['basis'] }) {
  return (
    <div data-testid="deadline-basis">
      {basis.text && <div style={{ fontSize: 12 }}>{basis.text}</div>}
      <div style={{ fontSize: 12 }}>
        <Citation articles={basis.articles} ruleId={basis.ruleId} />
      </div>
    </div>
  );
}

/** 期限: every deadline the server runs for the case, with its due date, basis and state (running / paused / met / overdue). */
export function DeadlinesTab({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  return (
    <DataTable<CaseDeadline>
      rowKey={(d) => `${d.kind}-${d.dueDate}`}
      size="small"
      pagination={false}
      dataSource={detail.deadlines}
      scroll={{ x: 640 }}
      data-testid="case-deadlines"
      onRow={(d) => ({ 'data-state': d.state, style: d.state === 'overdue' ? { background: '#fff1f0' } : undefined }) as object}
      columns={[
        {
          title: t('case.deadlineKind'),
          dataIndex: 'kind',
          width: 130,
          render: (k: CaseDeadline['kind'], d) => (
            <Space direction="vertical" size={0}>
              <strong>{deadlineKindLabel(t, k)}</strong>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('case.holder')}：{t(`case.holder.${d.holder}`)}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('case.dueDate'),
          dataIndex: 'dueDate',
          width: 150,
          render: (due: string, d) => {
            const n = daysUntil(due);
            const open = d.state === 'running' || d.state === 'overdue';
            return (
              <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
                <Typography.Text type={d.state === 'overdue' ? 'danger' : undefined} strong={d.state === 'overdue'}>
                  {due}
                </Typography.Text>
                {open && (
                  <Typography.Text type={n < 0 ? 'danger' : n <= 3 ? 'warning' : 'secondary'}>
                    {n < 0 ? t('case.daysOverdue', { n: -n }) : t('case.daysLeft', { n })}
                  </Typography.Text>
                )}
                {d.doneOn && <Typography.Text type="secondary">{t('case.doneOn', { date: d.doneOn })}</Typography.Text>}
                {!!d.pausedDays && <Typography.Text type="secondary">{t('case.pausedDays', { n: d.pausedDays })}</Typography.Text>}
                {d.surchargeFen !== undefined && <span>{t('case.surcharge', { amount: formatFen(d.surchargeFen) })}</span>}
                {!d.calendarCovered && <Typography.Text type="warning">{t('case.calendarNotCovered')}</Typography.Text>}
              </Space>
            );
          },
        },
        {
          title: t('case.deadlineState'),
          dataIndex: 'state',
          width: 90,
          render: (s: CaseDeadline['state']) => <DeadlineStateTag state={s} />,
        },
        { title: t('case.basis'), dataIndex: 'basis', render: (b: CaseDeadline['basis']) => <Basis basis={b} /> },
      ]}
    />
  );
}

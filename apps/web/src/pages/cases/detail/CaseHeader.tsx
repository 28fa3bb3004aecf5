import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import type { CaseDetail } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { idTypeLabel, partyTypeLabel, procedureLabel } from '../labels.ts';

/** Case number, state, procedure, party, offence and squad: what the officer must see first. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const p = detail.party;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="case-header">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('case.caseNumber')}>
          <Typography.Text strong copyable={!!detail.caseNumber} data-testid="case-number">
            {detail.caseNumber ?? t('case.noNumber')}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('case.state')}>
          <Space size={4} wrap>
            <StateTag state={detail.state} />
            {detail.hasOverdue && (
              <Tag color="red" icon={<WarningFilled />} data-testid="case-overdue">
                {t('case.overdue')}
              </Tag>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('case.procedure')}>
          <span data-testid="case-procedure">{procedureLabel(t, detail.procedure)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('case.party')}>
          <span data-testid="case-party">
            {p.name}（{partyTypeLabel(t, p.type)}，{idTypeLabel(t, p.idType)} {p.idNumber}）
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('case.offence')}>
          <span data-testid="case-offence">
            {detail.offence.code} {detail.offence.name}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('case.squad')}>{detail.orgName}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

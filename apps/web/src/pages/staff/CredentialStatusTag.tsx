import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { CredentialStatus } from '@chengguan/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { credStatusLabel } from '../../i18n/labels.ts';

/** Without a valid credential an officer may take no enforcement action (rule A1, 行政处罚法第四十二条). */
export const BLOCKING_STATUSES: readonly CredentialStatus[] = ['expired', 'missing', 'revoked', 'not_yet_valid'];

export function CredentialStatusTag({ status }: { status: CredentialStatus }) {
  const { t } = useI18n();
  const label = credStatusLabel(t, status);
  if (status === 'valid') {
    return (
      <Tag color="green" icon={<CheckCircleOutlined />} data-testid="cred-status" data-status={status}>
        {label}
      </Tag>
    );
  }
  if (status === 'expiring') {
    return (
      <Tooltip title={t('credential.expiringTip')}>
        <Tag color="orange" icon={<ExclamationCircleOutlined />} data-testid="cred-status" data-status={status}>
          {label}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={t('credential.blockedTip')}>
      <Tag color="red" icon={<StopOutlined />} data-testid="cred-status" data-status={status} style={{ fontWeight: 600 }}>
        {label}
      </Tag>
    </Tooltip>
  );
}

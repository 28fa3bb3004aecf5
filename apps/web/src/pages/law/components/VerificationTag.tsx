import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { VerificationMark } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { markLabel } from '../labels.ts';

const LOOK: Record<VerificationMark, { color: string; icon: ReactNode }> = {
  V: { color: 'success', icon: <CheckCircleOutlined /> },
  P: { color: 'warning', icon: <ExclamationCircleOutlined /> },
  U: { color: 'error', icon: <QuestionCircleOutlined /> },
};

/**
 * The verification mark of a library entry or configuration value (LEGAL-RULES.md §0). 「未核实」 and
 * 「部分核实」 are always spelled out so nobody takes an unchecked text for the law; the tooltip names the source.
 */
export function VerificationTag({ mark, source, note }: { mark: VerificationMark; source?: string | null; note?: string | null }) {
  const { t } = useI18n();
  const look = LOOK[mark];
  const tip = (
    <div>
      <div>{t('law.markTip', { mark: markLabel(t, mark) })}</div>
      <div>{t('law.labelValue', { label: t('law.source'), value: source || '—' })}</div>
      {note && <div>{t('law.labelValue', { label: t('law.note'), value: note })}</div>}
    </div>
  );
  return (
    <Tooltip title={tip}>
      <Tag color={look.color} icon={look.icon} data-testid="law-mark" data-mark={mark} style={{ marginInlineEnd: 0 }}>
        {markLabel(t, mark)}
      </Tag>
    </Tooltip>
  );
}

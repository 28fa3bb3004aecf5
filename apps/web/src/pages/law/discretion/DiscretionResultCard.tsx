import { Alert, Card, Descriptions, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import type { DiscretionResult } from '@chengguan/contracts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { RuleLines } from '../components/RuleLines.tsx';
import { VerificationTag } from '../components/VerificationTag.tsx';
import { formatRange, formatSpan, TIER_COLORS, tierLabel } from '../labels.ts';

const OUTCOME: Record<DiscretionResult['outcome'], { key: MessageKey; color: string }> = {
  must_not_punish: { key: 'law.outcome.must_not_punish', color: 'green' },
  may_exempt: { key: 'law.outcome.may_exempt', color: 'cyan' },
  penalty: { key: 'law.outcome.penalty', color: 'volcano' },
};

type Flag = { on: boolean; rule: string; label: MessageKey; testId: string };

function FlagItem({ flag }: { flag: Flag }) {
  const { t } = useI18n();
  return (
    <Flex align="center" gap={6} data-testid={flag.testId} data-on={String(flag.on)} data-rule={flag.rule}>
      {flag.on ? <CheckCircleFilled style={{ color: '#cf1322' }} /> : <MinusCircleOutlined style={{ color: '#bfbfbf' }} />}
      <Tooltip title={t('citation.ruleId', { id: flag.rule })}>
        <Typography.Text strong={flag.on} type={flag.on ? undefined : 'secondary'}>
          {t('law.labelValue', { label: t(flag.label), value: flag.on ? t('common.yes') : t('common.no') })}
        </Typography.Text>
      </Tooltip>
    </Flex>
  );
}

/** What the server computed: the outcome, the flags, the version applied and every line with its rule ID. */
export function DiscretionResultCard({ result }: { result: DiscretionResult }) {
  const { t, lang } = useI18n();
  const outcome = OUTCOME[result.outcome];
  const v = result.applicableVersion;
  const flags: Flag[] = [
    { on: result.summaryAllowed, rule: 'B1', label: 'law.calc.flagSummary', testId: 'law-calc-flag-b1' },
    { on: result.hearingRightRequired, rule: 'D4', label: 'law.calc.flagHearing', testId: 'law-calc-flag-d4' },
    { on: result.legalReviewRequired, rule: 'E1', label: 'law.calc.flagReview', testId: 'law-calc-flag-e1' },
    { on: result.collectiveDeliberationRequired, rule: 'E2', label: 'law.calc.flagCollective', testId: 'law-calc-flag-e2' },
  ];
  return (
    <Card title={t('law.calc.result')} data-testid="law-calc-result" data-outcome={result.outcome}>
      <Flex vertical gap={16}>
        <Space wrap size={[8, 8]} align="center">
          <Tag color={outcome.color} style={{ fontSize: 16, padding: '4px 12px' }} data-testid="law-calc-outcome">
            {t(outcome.key)}
          </Tag>
          {result.tier && (
            <Tag color={TIER_COLORS[result.tier.level]} style={{ fontSize: 14, padding: '2px 10px' }} data-testid="law-calc-tier">
              {t('law.labelValue', { label: t('law.calc.tier'), value: tierLabel(t, result.tier.level) })}
              {lang.startsWith('en') ? '' : result.tier.labelZh !== tierLabel(t, result.tier.level) ? `（${result.tier.labelZh}）` : ''}
            </Tag>
          )}
          {result.outcome !== 'must_not_punish' && (
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="law-calc-range">
              {formatRange(t, result.range.minFen, result.range.maxFen)}
            </Typography.Text>
          )}
        </Space>
        {result.finesOnlyAfterRefusal && result.outcome !== 'must_not_punish' && (
          <Alert type="warning" showIcon message={t('law.calc.refusalWarning')} data-testid="law-calc-refusal" />
        )}
        <Flex wrap gap={16}>
          {flags.map((f) => (
            <FlagItem key={f.rule} flag={f} />
          ))}
        </Flex>
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label={<Tooltip title={t('law.calc.versionTip')}>{t('law.calc.version')}</Tooltip>}>
            {v ? (
              <Space wrap size={[6, 4]} data-testid="law-calc-version">
                <span>
                  {v.code} {v.name}
                </span>
                <Tag>{formatSpan(t, v.effectiveFrom, v.effectiveTo)}</Tag>
                <Typography.Text type="secondary">{v.penaltyProvision}</Typography.Text>
                <span>{formatRange(t, v.minFineFen, v.maxFineFen)}</span>
                <VerificationTag mark={v.verification} source={v.source} note={v.note} />
              </Space>
            ) : (
              <span data-testid="law-calc-version">{t('law.calc.noVersion')}</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('law.calc.ageAtAct')}>{result.ageAtAct ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('law.calc.configFrom')}>{result.configEffectiveFrom}</Descriptions.Item>
        </Descriptions>
        <RuleLines lines={result.lines} testId="law-calc-lines" />
      </Flex>
    </Card>
  );
}

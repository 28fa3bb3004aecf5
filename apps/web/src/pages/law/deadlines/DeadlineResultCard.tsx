import { Alert, Card, Descriptions, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import type { DeadlineResult } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { RuleLines } from '../components/RuleLines.tsx';
import { Citation } from '../../../components/Citation.tsx';
import { formatYuan } from '../labels.ts';

const withWeekday = (d: string) => dayjs(d).format('YYYY-MM-DD dddd');
const orDash = (d: string | null | undefined) => (d ? withWeekday(d) : '—');

/** The due date with its basis (rule ID, articles, text) and the details some deadlines carry. */
export function DeadlineResultCard({ result }: { result: DeadlineResult }) {
  const { t } = useI18n();
  const s = result.surcharge;
  const c = result.courtEnforcement;
  return (
    <Card title={t('law.deadline.result')} data-testid="law-deadline-result" data-due={result.due}>
      <Flex vertical gap={16}>
        <div>
          <Typography.Text type="secondary">
            {t(result.kind === 'G2' ? 'law.deadline.capDay' : result.kind === 'C4' ? 'law.deadline.lastDiscovery' : 'law.deadline.due')}
          </Typography.Text>
          <Typography.Title level={3} style={{ margin: '4px 0 0' }} data-testid="law-deadline-due">
            {withWeekday(result.due)}
          </Typography.Title>
        </div>
        {!result.calendarCovered && (
          <Alert type="warning" showIcon message={t('law.deadline.notCovered')} data-testid="law-deadline-uncovered" />
        )}
        {result.limitationExpired !== undefined && (
          <Alert
            type={result.limitationExpired ? 'error' : 'success'}
            showIcon
            message={result.limitationExpired ? t('law.deadline.limitationExpired') : t('law.deadline.limitationOpen')}
          />
        )}
        <div data-testid="law-deadline-basis">
          <div>{result.basis.text}</div>
          <div style={{ marginTop: 4, fontSize: 12 }}>
            <Citation articles={result.basis.articles} ruleId={result.basis.ruleId} />
          </div>
        </div>
        {s && (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2 }}
            title={t('law.deadline.surcharge')}
            data-testid="law-deadline-surcharge"
          >
            <Descriptions.Item label={t('law.deadline.overdueDays')}>{s.overdueDays}</Descriptions.Item>
            <Descriptions.Item label={t('law.deadline.pausedDays')}>{s.pausedDays}</Descriptions.Item>
            <Descriptions.Item label={t('law.deadline.surchargeAmount')}>
              {formatYuan(s.surchargeFen)} {t('law.yuan')}
            </Descriptions.Item>
            <Descriptions.Item label={t('law.deadline.capped')}>{s.capped ? t('common.yes') : t('common.no')}</Descriptions.Item>
          </Descriptions>
        )}
        {c && (
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} title={t('law.deadline.court')}>
            <Descriptions.Item label={t('law.deadline.reviewDeadline')}>{orDash(c.reviewDeadline)}</Descriptions.Item>
            <Descriptions.Item label={t('law.deadline.litigationDeadline')}>{orDash(c.litigationDeadline)}</Descriptions.Item>
            <Descriptions.Item label={t('law.deadline.reminderWaitEnds')}>{orDash(c.reminderWaitEnds)}</Descriptions.Item>
            <Descriptions.Item label={t('law.deadline.opensOn')}>{orDash(c.opensOn)}</Descriptions.Item>
            <Descriptions.Item label={t('law.deadline.closesOn')}>{orDash(c.closesOn)}</Descriptions.Item>
            <Descriptions.Item label={t('law.deadline.canApplyToday')}>
              {c.canApplyToday ? t('common.yes') : t('common.no')}
            </Descriptions.Item>
          </Descriptions>
        )}
        {result.lines.length > 0 && <RuleLines lines={result.lines} testId="law-deadline-lines" />}
      </Flex>
    </Card>
  );
}

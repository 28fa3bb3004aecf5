import { useMemo, useState } from 'react';
import { Alert, Button, Col, Flex, InputNumber, Row, Space, Spin, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { CalendarDay } from '@chengguan/contracts';
import { lawApi } from '../../../api/law.ts';
import { errorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { Page } from '../../../components/Page.tsx';
import { MonthGrid } from './MonthGrid.tsx';
import { OverrideModal } from './OverrideModal.tsx';
import { bureauToday } from '../../../lib/bureauTime';

const MONTHS = Array.from({ length: 12 }, (_, i) => i);

/** 工作日历: the chinese-days data and the administrator's overrides the deadline engine counts with. */
export default function CalendarPage() {
  const { t, lang } = useI18n();
  const [year, setYear] = useState(() => bureauToday().year());
  const [picked, setPicked] = useState<CalendarDay | null>(null);
  const cal = useLoad((signal) => lawApi.calendar(year, signal), String(year));
  const days = useMemo(() => new Map((cal.data?.days ?? []).map((d) => [d.date, d])), [cal.data]);
  const stats = useMemo(() => {
    const all = cal.data?.days ?? [];
    return {
      workdays: all.filter((d) => d.kind === 'workday').length,
      overrides: all.filter((d) => d.source === 'override').length,
    };
  }, [cal.data]);

  return (
    <Page
      title={t('menu.lawCalendar')}
      testId="law-calendar-page"
      extra={
        <Space.Compact>
          <Button icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label={t('law.cal.prevYear')} />
          <InputNumber
            min={2004}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            style={{ width: 90 }}
            data-testid="law-cal-year"
          />
          <Button icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label={t('law.cal.nextYear')} />
        </Space.Compact>
      }
    >
      {!!cal.error && <Alert type="error" showIcon message={errorText(cal.error, t, lang)} style={{ marginBottom: 16 }} />}
      {(cal.data?.warnings ?? []).map((w) => (
        <Alert
          key={w.year}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={lang.startsWith('en') ? w.messageEn : w.messageZh}
          data-testid="law-cal-warning"
        />
      ))}
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('law.cal.stats', { year, n: stats.workdays, o: stats.overrides })}</Typography.Text>
        <Tag color="red">{t('law.cal.legendHoliday')}</Tag>
        <Tag color="orange">{t('law.cal.legendMakeUp')}</Tag>
        <Tag color="blue">{t('law.cal.legendOverride')}</Tag>
        <Typography.Text type="secondary">{t('law.cal.clickHint')}</Typography.Text>
      </Flex>
      <Spin spinning={cal.loading}>
        <Row gutter={[12, 12]}>
          {MONTHS.map((m) => (
            <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
              <MonthGrid year={year} month={m} days={days} onPick={setPicked} />
            </Col>
          ))}
        </Row>
      </Spin>
      <OverrideModal
        day={picked}
        onClose={() => setPicked(null)}
        onChanged={() => {
          setPicked(null);
          cal.reload();
        }}
      />
    </Page>
  );
}

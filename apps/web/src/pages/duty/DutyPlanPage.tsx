// 勤务计划: one squad's month in the duty model 双随机 + 分级分类 + 专项 — the inspection tasks of each kind side by side
// with their counts, the 双随机 plans and the 专项 campaigns; a squad leader opens a 专项 with its period and targets.
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, List, Modal, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DutyPlan } from '@chengguan/contracts';
import { dutyApi } from '../../api/duty.ts';
import { subjectApi } from '../../api/subjects.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { Page } from '../../components/Page.tsx';
import { SquadPicker } from './SquadPicker.tsx';
import { bureauToday } from '../../lib/bureauTime';

type CampaignForm = { title: string; period: [Dayjs, Dayjs]; subjectIds: string[]; officerIds: string[]; note?: string };

export default function DutyPlanPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const canWrite = !!me?.permissions.includes('duty:write');
  const [orgId, setOrgId] = useState<string>();
  const [month, setMonth] = useState(() => bureauToday().format('YYYY-MM'));
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CampaignForm>();
  const plan = useLoad((signal) => (orgId ? dutyApi.plan(orgId, month, signal) : Promise.resolve(undefined)), `${orgId}|${month}`);
  const subjects = useLoad(
    (signal) => (creating && orgId ? subjectApi.list({ orgId, pageSize: 200 } as never, signal) : Promise.resolve(undefined)),
    `subjects|${creating}|${orgId}`,
  );
  const week = useLoad(
    (signal) =>
      creating && orgId
        ? dutyApi.roster(
            orgId,
            bureauToday()
              .subtract((bureauToday().day() + 6) % 7, 'day')
              .format('YYYY-MM-DD'),
            signal,
          )
        : Promise.resolve(undefined),
    `officers|${creating}|${orgId}`,
  );
  const { submit, loading } = useSubmit(
    form,
    (v: CampaignForm, idempotencyKey) =>
      dutyApi.createCampaign(
        {
          orgId: orgId!,
          title: v.title,
          periodFrom: v.period[0].format('YYYY-MM-DD'),
          periodTo: v.period[1].format('YYYY-MM-DD'),
          subjectIds: v.subjectIds ?? [],
          officerIds: v.officerIds ?? [],
          ...(v.note ? { note: v.note } : {}),
        },
        { idempotencyKey },
      ),
    {
      successMessage: t('duty.campaign.created'),
      fieldMap: { periodFrom: 'period', periodTo: 'period' },
      onSuccess: () => {
        setCreating(false);
        form.resetFields();
        plan.reload();
      },
    },
  );
  const column = (key: 'random' | 'graded' | 'special', title: string, color: string, p: DutyPlan) => (
    <Col xs={24} md={8} key={key}>
      <Card size="small" title={<Tag color={color}>{title}</Tag>} data-testid={`duty-plan-${key}`}>
        <Row gutter={8}>
          <Col span={6}>
            <Statistic title={t('duty.plan.total')} value={p[key].total} />
          </Col>
          <Col span={6}>
            <Statistic title={t('duty.plan.done')} value={p[key].done} />
          </Col>
          <Col span={6}>
            <Statistic title={t('duty.plan.open')} value={p[key].open} />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('duty.plan.overdue')}
              value={p[key].overdue}
              valueStyle={p[key].overdue ? { color: '#cf1322' } : undefined}
            />
          </Col>
        </Row>
      </Card>
    </Col>
  );
  const p = plan.data;
  return (
    <Page
      title={t('duty.plan.title')}
      testId="duty-plan-page"
      extra={
        canWrite && (
          <Button type="primary" onClick={() => setCreating(true)} disabled={!orgId} data-testid="campaign-new">
            {t('duty.campaign.new')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <SquadPicker value={orgId} onChange={setOrgId} />
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(v) => v && setMonth(v.format('YYYY-MM'))} />
      </Space>
      {!!plan.error && <Alert type="error" showIcon message={errorText(plan.error, t, lang)} style={{ marginBottom: 16 }} />}
      {p && (
        <>
          <Row gutter={[16, 16]}>
            {column('random', t('duty.plan.random'), 'blue', p)}
            {column('graded', t('duty.plan.graded'), 'green', p)}
            {column('special', t('duty.plan.special'), 'volcano', p)}
          </Row>
          <Typography.Paragraph style={{ marginTop: 16 }}>{t('duty.plan.shifts', { n: p.rosteredShifts })}</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Card size="small" title={t('duty.plan.plans')}>
                <List
                  size="small"
                  dataSource={p.plans}
                  locale={{ emptyText: t('duty.plan.none') }}
                  renderItem={(x) => <List.Item>{x.title}</List.Item>}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('duty.plan.campaigns')}>
                <List
                  size="small"
                  dataSource={p.campaigns}
                  locale={{ emptyText: t('duty.plan.none') }}
                  renderItem={(c) => (
                    <List.Item>
                      {c.title} · {c.periodFrom} – {c.periodTo} · {t('duty.campaign.targets', { n: c.targetCount })}
                    </List.Item>
                  )}
                  data-testid="duty-plan-campaigns"
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <Modal
        open={creating}
        title={t('duty.campaign.new')}
        onCancel={() => setCreating(false)}
        onOk={() => void form.validateFields().then((v) => submit(v))}
        confirmLoading={loading}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('duty.campaign.title')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="period" label={t('duty.campaign.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="subjectIds" label={t('duty.campaign.subjects')}>
            <Select
              mode="multiple"
              loading={subjects.loading}
              optionFilterProp="label"
              options={(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="officerIds" label={t('duty.campaign.officers')}>
            <Select
              mode="multiple"
              loading={week.loading}
              options={(week.data?.officers ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('duty.campaign.note')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}

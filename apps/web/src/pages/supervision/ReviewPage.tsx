// The review workspace (docs/supervision.md §2–4): sampling plans (made with a published seed commitment, drawn),
// the drawn files scored on the plan's sheet with their automated check, findings corrected and accepted, 两单两书,
// 督办 and complaints. Every list filters, pages on the server and exports to Excel; the bulletin is a spreadsheet.
import { useState } from 'react';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import type {
  Finding,
  MajorCase,
  OfficerComplaint,
  Recording,
  Sample,
  SampleDetail,
  SamplingPlan,
  SupervisionNotice,
} from '@chengguan/contracts';
import { supervisionApi } from '../../api/supervision.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { Page } from '../../components/Page.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { SupervisionList } from './SupervisionList.tsx';
import { ClockTag } from './SupervisionHomePage.tsx';
import { ActionFormDrawer, type ActionSpec } from '../../components/ActionFormDrawer.tsx';
import { SUPERVISION_FORMS } from './forms.ts';
import { ReviewSheets } from './ReviewSheets.tsx';
import { bureauToday } from '../../lib/bureauTime';

const today = () => bureauToday().format('YYYY-MM-DD');

type PlanForm = {
  kind: 'case_file' | 'recording';
  name: string;
  period: [Dayjs, Dayjs];
  ratePercent: number;
  sampleSize?: number;
  dueOn: Dayjs;
};

export default function ReviewPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const can = (p: string) => !!me?.permissions.includes(p);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);
  const [planOpen, setPlanOpen] = useState(false);
  const [planForm] = Form.useForm<PlanForm>();
  const [scoring, setScoring] = useState<SampleDetail | null>(null);
  const [scoreForm] = Form.useForm<Record<string, number | string | Dayjs | undefined>>();
  const [correcting, setCorrecting] = useState<Finding | null>(null);
  const [correctForm] = Form.useForm<{ correction: string }>();
  // The form open in the action drawer and the record it acts on ('' for a new record).
  const [action, setAction] = useState<{ spec: ActionSpec; target: string } | null>(null);
  const openAction = (spec: ActionSpec, target = '') => setAction({ spec, target });
  const actionButton = (spec: ActionSpec, target = '', primary = false) => (
    <Button
      size={target ? 'small' : 'middle'}
      type={primary ? 'primary' : 'default'}
      onClick={() => openAction(spec, target)}
      data-testid={`open-${spec.key}${target ? `-${target}` : ''}`}
    >
      {t(spec.title)}
    </Button>
  );

  const createPlan = useSubmit(
    planForm,
    (v: PlanForm, idempotencyKey) =>
      supervisionApi.createPlan(
        {
          kind: v.kind,
          orgId: me!.orgId,
          name: v.name,
          periodFrom: v.period[0].format('YYYY-MM-DD'),
          periodTo: v.period[1].format('YYYY-MM-DD'),
          defaultBasisPoints: Math.round(v.ratePercent * 100),
          ...(v.sampleSize !== undefined && v.sampleSize !== null ? { sampleSize: v.sampleSize } : {}),
          dueOn: v.dueOn.format('YYYY-MM-DD'),
        },
        { idempotencyKey },
      ),
    {
      successMessage: t('sup.plan.created'),
      onSuccess: () => {
        setPlanOpen(false);
        planForm.resetFields();
        reload();
      },
    },
  );
  const draw = useSubmit(null, (id: string, idempotencyKey) => supervisionApi.draw(id, { idempotencyKey }), {
    successMessage: t('sup.plan.drawnOk'),
    onSuccess: reload,
  });
  const score = useSubmit(
    scoreForm,
    (v: Record<string, number | string | Dayjs | undefined>, idempotencyKey) => {
      const sheet = scoring!.sheet;
      const finding = typeof v.finding === 'string' && v.finding.trim() ? v.finding.trim() : null;
      return supervisionApi.score(
        scoring!.sample.id,
        {
          date: today(),
          scores: (sheet?.items ?? []).map((i) => ({ code: i.code, points: Number(v[`item_${i.code}`] ?? 0) })),
          ...(typeof v.comment === 'string' && v.comment ? { comment: v.comment } : {}),
          ...(finding && v.findingDue ? { findings: [{ description: finding, dueOn: (v.findingDue as Dayjs).format('YYYY-MM-DD') }] } : {}),
        },
        { idempotencyKey },
      );
    },
    {
      successMessage: t('sup.sample.scored'),
      onSuccess: () => {
        setScoring(null);
        scoreForm.resetFields();
        reload();
      },
    },
  );
  const correct = useSubmit(
    correctForm,
    (v: { correction: string }, idempotencyKey) =>
      supervisionApi.correct(correcting!.id, { date: today(), correction: v.correction }, { idempotencyKey }),
    {
      successMessage: t('sup.finding.done'),
      onSuccess: () => {
        setCorrecting(null);
        correctForm.resetFields();
        reload();
      },
    },
  );
  const accept = useSubmit(
    null,
    (v: { id: string; accepted: boolean }, idempotencyKey) => supervisionApi.accept(v.id, today(), v.accepted, { idempotencyKey }),
    {
      successMessage: t('sup.finding.done'),
      onSuccess: reload,
    },
  );

  const planColumns: TableColumnsType<SamplingPlan> = [
    { title: t('sup.plan.name'), dataIndex: 'name' },
    { title: t('sup.plan.kind'), dataIndex: 'kind', width: 110, render: (k: SamplingPlan['kind']) => t(`sup.plan.kind.${k}`) },
    { title: t('sup.org'), dataIndex: 'orgName' },
    { title: t('sup.plan.period'), render: (_: unknown, p) => `${p.periodFrom} – ${p.periodTo}` },
    { title: t('sup.plan.rate'), dataIndex: 'defaultBasisPoints', width: 110, render: (bp: number) => bp / 100 },
    { title: t('sup.plan.drawn'), width: 110, render: (_: unknown, p) => (p.drawn === null ? '—' : `${p.drawn} / ${p.population}`) },
    { title: t('sup.dueOn'), dataIndex: 'dueOn', width: 110 },
    {
      title: t('sup.plan.commitment'),
      dataIndex: 'commitment',
      width: 160,
      render: (c: string) => <Typography.Text copyable={{ text: c }}>{c.slice(0, 12)}…</Typography.Text>,
    },
    {
      title: t('sup.status'),
      width: 120,
      render: (_: unknown, p) =>
        p.status === 'committed' && can('supervision:write') ? (
          <Button
            size="small"
            type="primary"
            loading={draw.loading}
            onClick={() => void draw.submit(p.id)}
            data-testid={`sup-draw-${p.id}`}
          >
            {t('sup.plan.draw')}
          </Button>
        ) : (
          <Tag>{t(`sup.plan.status.${p.status}`)}</Tag>
        ),
    },
  ];
  const sampleColumns: TableColumnsType<Sample> = [
    { title: t('sup.plan.name'), dataIndex: 'planName' },
    { title: t('sup.org'), dataIndex: 'orgName' },
    { title: t('sup.caseNumber'), dataIndex: 'caseNumber', render: (n: string | null) => n ?? '—' },
    {
      title: t('sup.sample.check'),
      width: 110,
      render: (_: unknown, s) => (s.checkScore === null ? '—' : `${s.checkScore}/${s.checkMaxScore}`),
    },
    { title: t('sup.sample.total'), width: 110, render: (_: unknown, s) => (s.total === null ? '—' : `${s.total}/${s.maxTotal}`) },
    { title: t('sup.dueOn'), dataIndex: 'dueOn', width: 110 },
    {
      title: t('sup.status'),
      width: 120,
      render: (_: unknown, s) =>
        s.status === 'pending' && can('supervision:write') ? (
          <Button
            size="small"
            type="primary"
            onClick={() => void supervisionApi.sample(s.id).then(setScoring)}
            data-testid={`sup-score-${s.id}`}
          >
            {t('sup.sample.score')}
          </Button>
        ) : (
          <Tag>{t(`sup.sample.status.${s.status}`)}</Tag>
        ),
    },
  ];
  const findingColumns: TableColumnsType<Finding> = [
    { title: t('sup.finding.description'), dataIndex: 'description', ellipsis: true },
    { title: t('sup.org'), dataIndex: 'orgName', width: 150 },
    { title: t('sup.caseNumber'), dataIndex: 'caseNumber', width: 180, render: (n: string | null) => n ?? '—' },
    { title: t('sup.finding.officer'), dataIndex: 'officerName', width: 100, render: (n: string | null) => n ?? '—' },
    { title: t('sup.dueOn'), dataIndex: 'dueOn', width: 110, render: (d: string, f) => (f.overdue ? <Tag color="red">{d}</Tag> : d) },
    { title: t('sup.status'), dataIndex: 'status', width: 120, render: (s: Finding['status']) => t(`sup.finding.status.${s}`) },
    {
      title: '',
      width: 170,
      render: (_: unknown, f) => (
        <Space>
          {(f.status === 'open' || f.status === 'returned') && can('supervision:answer') && (
            <Button size="small" onClick={() => setCorrecting(f)} data-testid={`sup-correct-${f.id}`}>
              {t('sup.finding.correct')}
            </Button>
          )}
          {f.status === 'corrected' && can('supervision:write') && (
            <>
              <Button size="small" type="primary" onClick={() => void accept.submit({ id: f.id, accepted: true })}>
                {t('sup.finding.accept')}
              </Button>
              <Button size="small" danger onClick={() => void accept.submit({ id: f.id, accepted: false })}>
                {t('sup.finding.return')}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];
  const noticeColumns: TableColumnsType<SupervisionNotice> = [
    { title: t('sup.notice.number'), dataIndex: 'number', width: 200 },
    { title: t('sup.notice.kind'), dataIndex: 'kind', width: 120, render: (k: SupervisionNotice['kind']) => t(`sup.notice.kind.${k}`) },
    { title: t('sup.org'), dataIndex: 'orgName', width: 150 },
    { title: t('sup.notice.subject'), dataIndex: 'subject', ellipsis: true },
    { title: t('sup.dueOn'), dataIndex: 'answerDue', width: 110, render: (d: string, n) => (n.overdue ? <Tag color="red">{d}</Tag> : d) },
    { title: t('sup.status'), dataIndex: 'status', width: 100, render: (s: SupervisionNotice['status']) => t(`sup.notice.status.${s}`) },
    {
      title: t('act.actions'),
      width: 100,
      render: (_: unknown, n) =>
        n.status === 'issued' && can('supervision:answer') ? actionButton(SUPERVISION_FORMS.answerNotice, n.id) : null,
    },
  ];
  const majorColumns: TableColumnsType<MajorCase> = [
    { title: t('sup.caseNumber'), dataIndex: 'caseNumber', width: 200, render: (n: string | null) => n ?? '—' },
    { title: t('sup.org'), dataIndex: 'orgName', width: 150 },
    { title: t('sup.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('sup.dueOn'), dataIndex: 'dueOn', width: 110 },
    { title: t('sup.daysLeft'), dataIndex: 'daysLeft', width: 110, render: (d: number | null) => <ClockTag daysLeft={d} /> },
    {
      title: t('act.actions'),
      width: 120,
      render: (_: unknown, m) =>
        m.status === 'open' && can('supervision:write') ? actionButton(SUPERVISION_FORMS.closeMajor, m.id) : (m.result ?? null),
    },
  ];
  const complaintColumns: TableColumnsType<OfficerComplaint> = [
    { title: t('sup.complaint.content'), dataIndex: 'content', ellipsis: true },
    { title: t('sup.org'), dataIndex: 'orgName', width: 150 },
    { title: t('sup.complaint.officer'), dataIndex: 'officerName', width: 110, render: (n: string | null) => n ?? '—' },
    { title: t('sup.dueOn'), dataIndex: 'dueOn', width: 110, render: (d: string, k) => (k.overdue ? <Tag color="red">{d}</Tag> : d) },
    { title: t('sup.status'), dataIndex: 'status', width: 100, render: (s: OfficerComplaint['status']) => t(`sup.complaint.status.${s}`) },
    {
      title: t('act.actions'),
      width: 120,
      render: (_: unknown, k) =>
        k.status === 'received' && can('supervision:write') ? actionButton(SUPERVISION_FORMS.handleComplaint, k.id) : null,
    },
  ];
  const recordingColumns: TableColumnsType<Recording> = [
    { title: t('act.f.recordedOn'), dataIndex: 'recordedOn', width: 110 },
    { title: t('sup.org'), dataIndex: 'orgName', width: 150 },
    { title: t('act.f.officer'), dataIndex: 'officerName', width: 100 },
    { title: t('sup.caseNumber'), dataIndex: 'caseNumber', width: 180, render: (n: string | null) => n ?? '—' },
    { title: t('act.f.durationSeconds'), dataIndex: 'durationSeconds', width: 110 },
    { title: t('act.f.fileSm3'), dataIndex: 'fileSm3', ellipsis: true },
    {
      title: t('act.actions'),
      width: 130,
      render: (_: unknown, r) => (can('supervision:write') ? actionButton(SUPERVISION_FORMS.recordingProblem, r.id) : null),
    },
  ];
  const opts = <K extends string>(keys: readonly K[], prefix: string) =>
    keys.map((k) => ({ value: k, label: t(`${prefix}.${k}` as Parameters<typeof t>[0]) }));

  return (
    <Page
      title={t('menu.supervisionReview')}
      testId="supervision-review"
      extra={
        <Space wrap>
          <ExportButton path={supervisionApi.bulletinPath} query={{}} filename={`${t('sup.bulletin')}.xlsx`} testId="sup-bulletin" />
          <ExportButton
            path={supervisionApi.bulletinPdfPath}
            query={{}}
            filename={`${t('sup.bulletin')}.pdf`}
            label={t('act.bulletinPdf')}
            testId="sup-bulletin-pdf"
          />
        </Space>
      }
    >
      <Tabs
        items={[
          {
            key: 'samples',
            label: t('sup.samples'),
            children: (
              <SupervisionList<Sample>
                testId="sup-samples"
                load={supervisionApi.samples}
                exportPath={supervisionApi.samplesExportPath}
                filename={`${t('sup.samples')}.xlsx`}
                columns={sampleColumns}
                statuses={opts(['pending', 'reviewed'] as const, 'sup.sample.status')}
                reloadKey={tick}
              />
            ),
          },
          {
            key: 'plans',
            label: t('sup.plans'),
            children: (
              <SupervisionList<SamplingPlan>
                testId="sup-plans"
                load={supervisionApi.plans}
                exportPath={supervisionApi.plansExportPath}
                filename={`${t('sup.plans')}.xlsx`}
                columns={planColumns}
                statuses={opts(['committed', 'drawn'] as const, 'sup.plan.status')}
                reloadKey={tick}
                extra={
                  can('supervision:write') && (
                    <Button type="primary" onClick={() => setPlanOpen(true)} data-testid="sup-plan-new">
                      {t('sup.plan.new')}
                    </Button>
                  )
                }
              />
            ),
          },
          { key: 'sheets', label: t('act.sheets'), children: <ReviewSheets /> },
          {
            key: 'findings',
            label: t('sup.findings'),
            children: (
              <SupervisionList<Finding>
                testId="sup-findings"
                load={supervisionApi.findings}
                exportPath={supervisionApi.findingsExportPath}
                filename={`${t('sup.findings')}.xlsx`}
                columns={findingColumns}
                statuses={opts(['open', 'corrected', 'accepted', 'returned'] as const, 'sup.finding.status')}
                reloadKey={tick}
              />
            ),
          },
          {
            key: 'notices',
            label: t('sup.notices'),
            children: (
              <SupervisionList<SupervisionNotice>
                testId="sup-notices"
                load={supervisionApi.notices}
                exportPath={supervisionApi.noticesExportPath}
                filename={`${t('sup.notices')}.xlsx`}
                columns={noticeColumns}
                statuses={opts(['issued', 'answered'] as const, 'sup.notice.status')}
                reloadKey={tick}
                extra={can('supervision:write') && actionButton(SUPERVISION_FORMS.notice, '', true)}
              />
            ),
          },
          {
            key: 'major',
            label: t('sup.majorCases'),
            children: (
              <SupervisionList<MajorCase>
                testId="sup-major"
                load={supervisionApi.majorCases}
                exportPath={supervisionApi.majorCasesExportPath}
                filename={`${t('sup.majorCases')}.xlsx`}
                columns={majorColumns}
                statuses={opts(['open', 'closed'] as const, 'sup.major.status')}
                reloadKey={tick}
                extra={can('supervision:write') && actionButton(SUPERVISION_FORMS.majorCase, '', true)}
              />
            ),
          },
          {
            key: 'complaints',
            label: t('sup.complaints'),
            children: (
              <SupervisionList<OfficerComplaint>
                testId="sup-complaints"
                load={supervisionApi.complaints}
                exportPath={supervisionApi.complaintsExportPath}
                filename={`${t('sup.complaints')}.xlsx`}
                columns={complaintColumns}
                statuses={opts(['received', 'handled'] as const, 'sup.complaint.status')}
                reloadKey={tick}
                extra={can('supervision:write') && actionButton(SUPERVISION_FORMS.complaint, '', true)}
              />
            ),
          },
          {
            key: 'recordings',
            label: t('act.recordings'),
            children: (
              <SupervisionList<Recording>
                testId="sup-recordings"
                load={supervisionApi.recordings}
                exportPath={supervisionApi.recordingsExportPath}
                filename={`${t('act.recordings')}.xlsx`}
                columns={recordingColumns}
                statuses={[]}
                reloadKey={tick}
                extra={(can('recording:write') || can('supervision:write')) && actionButton(SUPERVISION_FORMS.recording, '', true)}
              />
            ),
          },
        ]}
      />
      {action && <ActionFormDrawer spec={action.spec} target={action.target} onClose={() => setAction(null)} onDone={reload} />}
      <Modal
        open={planOpen}
        title={t('sup.plan.new')}
        onCancel={() => setPlanOpen(false)}
        onOk={() => void planForm.validateFields().then((v) => createPlan.submit(v))}
        confirmLoading={createPlan.loading}
        okButtonProps={{ 'data-testid': 'sup-plan-submit' } as Record<`data-${string}`, string>}
      >
        <Form form={planForm} layout="vertical" initialValues={{ kind: 'case_file', ratePercent: 17.1 }}>
          <Form.Item name="kind" label={t('sup.plan.kind')} rules={[{ required: true }]}>
            <Select options={opts(['case_file', 'recording'] as const, 'sup.plan.kind')} />
          </Form.Item>
          <Form.Item name="name" label={t('sup.plan.name')} rules={[{ required: true }]}>
            <Input maxLength={60} data-testid="sup-plan-name" />
          </Form.Item>
          <Form.Item name="period" label={t('sup.plan.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="sup-plan-period" />
          </Form.Item>
          <Form.Item name="ratePercent" label={t('sup.plan.rate')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} step={0.1} />
          </Form.Item>
          <Form.Item name="sampleSize" label={t('sup.plan.size')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('sup.dueOn')} rules={[{ required: true }]}>
            <DatePicker data-testid="sup-plan-due" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={scoring !== null}
        width={720}
        title={`${t('sup.sample.score')} ${scoring?.sample.caseNumber ?? ''}`}
        onCancel={() => setScoring(null)}
        onOk={() => void scoreForm.validateFields().then((v) => score.submit(v))}
        confirmLoading={score.loading}
        okButtonProps={{ 'data-testid': 'sup-score-submit' } as Record<`data-${string}`, string>}
      >
        {scoring?.check ? (
          <Alert
            type={scoring.check.findings.length ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 16 }}
            message={`${t('sup.sample.check')} ${scoring.check.score}/${scoring.check.maxScore}`}
            description={scoring.check.findings.map((f, i) => (
              <div key={i}>
                {f.messageZh}
                {f.citation ? `（${f.citation}）` : ''}
              </div>
            ))}
          />
        ) : (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('sup.sample.noCheck')} />
        )}
        <Form
          form={scoreForm}
          layout="horizontal"
          labelCol={{ span: 10 }}
          initialValues={Object.fromEntries((scoring?.sheet?.items ?? []).map((i) => [`item_${i.code}`, i.maxPoints]))}
        >
          {(scoring?.sheet?.items ?? []).map((i) => (
            <Form.Item
              key={i.code}
              name={`item_${i.code}`}
              label={`${i.labelZh}（${i.maxPoints}）`}
              rules={[{ required: true }, { type: 'number', min: 0, max: i.maxPoints }]}
            >
              <InputNumber min={0} max={i.maxPoints} precision={0} data-testid={`sup-item-${i.code}`} />
            </Form.Item>
          ))}
          <Form.Item name="comment" label={t('sup.sample.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="finding" label={t('sup.sample.finding')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="sup-finding" />
          </Form.Item>
          <Form.Item name="findingDue" label={t('sup.sample.findingDue')} initialValue={bureauToday().add(14, 'day')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={correcting !== null}
        title={t('sup.finding.correct')}
        onCancel={() => setCorrecting(null)}
        onOk={() => void correctForm.validateFields().then((v) => correct.submit(v))}
        confirmLoading={correct.loading}
      >
        <Typography.Paragraph>{correcting?.description}</Typography.Paragraph>
        <Form form={correctForm} layout="vertical">
          <Form.Item name="correction" label={t('sup.finding.correction')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}

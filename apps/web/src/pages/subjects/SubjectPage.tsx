// 一店一档: one subject — details, licences, risk level with its grounds, change log and overrides, the timeline, the
// public QR code and its printable card.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import type { SubjectDetail, SubjectTimeline } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { download } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { subjectApi } from '../../api/subjects.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { Page } from '../../components/Page.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { kindLabel, licenceLabel, riskTagColour } from './labels.ts';
import { licenceKindText, SubjectFormDrawer } from './SubjectFormDrawer.tsx';

type OverrideForm = { level: string; reasonZh: string; validUntil?: Dayjs | null };

export default function SubjectPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const [s, setS] = useState<SubjectDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [timeline, setTimeline] = useState<SubjectTimeline | null>(null);
  const [editing, setEditing] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const [overrideForm] = Form.useForm<OverrideForm>();

  const load = () => {
    subjectApi.get(id).then(setS, setError);
    subjectApi.timeline(id).then(setTimeline, () => undefined);
  };
  useEffect(load, [id]);

  const override = useSubmit<OverrideForm, SubjectDetail>(
    overrideForm,
    (v, key) =>
      subjectApi.requestOverride(
        id,
        { level: v.level, reasonZh: v.reasonZh, validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : null },
        { idempotencyKey: key },
      ),
    {
      onSuccess: (d) => {
        setS(d);
        setOverriding(false);
        load();
      },
      successMessage: t('subject.saved'),
    },
  );

  const act = async (fn: () => Promise<SubjectDetail>) => {
    try {
      setS(await fn());
      void message.success(t('subject.saved'));
      subjectApi.timeline(id).then(setTimeline, () => undefined);
    } catch (e) {
      void message.error(errorText(e, t, lang));
    }
  };

  if (error) return <Alert type="error" showIcon message={errorText(error, t, lang)} />;
  if (!s) return <Spin />;
  const canWrite = can('subject:write') && s.status === 'active';
  const levelLabel = s.risk.levelLabelZh ?? s.riskLevel ?? '—';

  return (
    <Page
      title={
        <Space>
          <span data-testid="subject-title">{s.name}</span>
          <Tag>{kindLabel(t, s.kind)}</Tag>
          {s.status !== 'active' && <Tag color="default">{t(`subject.status.${s.status}` as MessageKey)}</Tag>}
        </Space>
      }
      testId="subject-page"
      extra={
        canWrite ? (
          <>
            <Button onClick={() => setEditing(true)} data-testid="subject-edit">
              {t('subject.edit')}
            </Button>
            {!s.verified && (
              <Button onClick={() => void act(() => subjectApi.verify(s.id, s.version))} data-testid="subject-verify">
                {t('subject.verify')}
              </Button>
            )}
            <Button
              danger
              onClick={() => {
                let reason = '';
                modal.confirm({
                  title: t('subject.close'),
                  content: <Input placeholder={t('subject.closeReason')} onChange={(e) => (reason = e.target.value)} />,
                  onOk: () => act(() => subjectApi.close(s.id, s.version, reason || t('subject.close'))),
                });
              }}
            >
              {t('subject.close')}
            </Button>
          </>
        ) : undefined
      }
    >
      {s.mergedInto && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={
            <span>
              {t('subject.mergedInto')} <Link to={`/subjects/${s.mergedInto.id}`}>{s.mergedInto.name}</Link>
            </span>
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title={t('subject.details')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('subject.code')}>
                <Typography.Text copyable data-testid="subject-code">
                  {s.code}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('subject.creditCode')}>{s.creditCode ?? '—'}</Descriptions.Item>
              {s.plateNumber && <Descriptions.Item label={t('subject.plateNumber')}>{s.plateNumber}</Descriptions.Item>}
              <Descriptions.Item label={t('subject.address')}>{s.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('subject.district')}>{s.district ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('subject.squad')}>{s.orgName ?? t('subject.noSquad')}</Descriptions.Item>
              <Descriptions.Item label={t('subject.verified')}>
                {s.verified ? <Tag color="blue">{t('subject.verified')}</Tag> : <Tag>{t('subject.unverified')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('subject.lastInspected')}>{s.lastInspectedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('subject.nextInspection')}>{s.nextInspectionOn ?? '—'}</Descriptions.Item>
              {s.tags.length > 0 && (
                <Descriptions.Item label={t('subject.tags')}>
                  {s.tags.map((x) => (
                    <Tag key={x}>{x}</Tag>
                  ))}
                </Descriptions.Item>
              )}
              {s.owner && (
                <Descriptions.Item label={t('subject.owner')}>
                  <Link to={`/subjects/${s.owner.id}`}>{s.owner.name}</Link>
                </Descriptions.Item>
              )}
              {s.related.length > 0 && (
                <Descriptions.Item label={t('subject.related')}>
                  <Space wrap>
                    {s.related.map((r) => (
                      <Link key={r.id} to={`/subjects/${r.id}`}>
                        {r.name}
                      </Link>
                    ))}
                  </Space>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={t('subject.licences')} size="small" style={{ marginBottom: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={s.licences}
              locale={{ emptyText: <Empty description={t('subject.public.noLicence')} /> }}
              columns={[
                { title: t('subject.licenceKind'), dataIndex: 'kind', render: (k: string) => licenceKindText(k, lang) },
                { title: t('subject.licenceNumber'), dataIndex: 'number' },
                { title: t('subject.issuedOn'), dataIndex: 'issuedOn' },
                { title: t('subject.validUntil'), dataIndex: 'validUntil', render: (v: string | null) => v ?? t('subject.longTerm') },
                { title: t('subject.licence'), dataIndex: 'state', render: (x: string) => licenceLabel(t, x) },
              ]}
            />
          </Card>
          <Card title={t('subject.riskTitle')} size="small" style={{ marginBottom: 16 }} data-testid="subject-risk">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space>
                <Tag color={riskTagColour(s.riskLevel)} data-testid="subject-risk-level">
                  {levelLabel}
                </Tag>
                {s.risk.computedLevel && s.risk.computedLevel !== s.riskLevel && (
                  <Typography.Text type="secondary">
                    {t('subject.riskComputed')}：
                    {s.risk.levels.find((l) => l.code === s.risk.computedLevel)?.labelZh ?? s.risk.computedLevel}
                  </Typography.Text>
                )}
              </Space>
              <Typography.Paragraph data-testid="subject-risk-explanation">{s.risk.explanationZh ?? '—'}</Typography.Paragraph>
              {s.risk.evidence.some((e) => e.eventRefs.length > 0) && (
                <List
                  size="small"
                  header={t('subject.riskEvidence')}
                  dataSource={s.risk.evidence.flatMap((e) => e.eventRefs)}
                  renderItem={(r) => <List.Item>{r}</List.Item>}
                />
              )}
              <Typography.Title level={5}>{t('subject.riskHistory')}</Typography.Title>
              <Timeline
                items={s.risk.changes.map((c) => ({
                  color: c.toLevel === 'red' ? 'red' : c.toLevel === 'green' ? 'green' : 'orange',
                  children: (
                    <span>
                      {c.at.slice(0, 10)} {c.reasonZh}
                    </span>
                  ),
                }))}
              />
              <Typography.Title level={5}>{t('subject.overrides')}</Typography.Title>
              {s.risk.overrides.length === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={s.risk.overrides}
                  renderItem={(o) => (
                    <List.Item
                      actions={
                        o.status === 'pending' && can('subject:approve') && o.requestedBy !== me?.id
                          ? [
                              <Button
                                key="a"
                                size="small"
                                type="primary"
                                onClick={() => void act(() => subjectApi.decideOverride(s.id, o.id, 'approve'))}
                                data-testid="override-approve"
                              >
                                {t('subject.approve')}
                              </Button>,
                              <Button key="r" size="small" onClick={() => void act(() => subjectApi.decideOverride(s.id, o.id, 'reject'))}>
                                {t('subject.reject')}
                              </Button>,
                            ]
                          : []
                      }
                    >
                      <Space wrap>
                        <Tag>{t(`subject.override.${o.status}` as MessageKey)}</Tag>
                        <span>{s.risk.levels.find((l) => l.code === o.level)?.labelZh ?? o.level}</span>
                        <span>{o.reasonZh}</span>
                        {o.validUntil && <span>{o.validUntil}</span>}
                        <Typography.Text type="secondary">{t('subject.requestedBy', { name: o.requestedByName })}</Typography.Text>
                        {o.decidedByName && (
                          <Typography.Text type="secondary">{t('subject.decidedBy', { name: o.decidedByName })}</Typography.Text>
                        )}
                      </Space>
                    </List.Item>
                  )}
                />
              )}
              {canWrite && (
                <Button onClick={() => setOverriding(true)} data-testid="override-request">
                  {t('subject.requestOverride')}
                </Button>
              )}
            </Space>
          </Card>
          <Card title={t('subject.timeline')} size="small" data-testid="subject-timeline">
            <Timeline
              items={(timeline?.items ?? []).map((e) => ({
                children: (
                  <span>
                    {e.occurredOn} {e.summaryZh}
                    {e.actorName ? <Typography.Text type="secondary">（{e.actorName}）</Typography.Text> : null}
                  </span>
                ),
              }))}
            />
            {timeline?.nextCursor && (
              <Button
                onClick={() =>
                  void subjectApi
                    .timeline(id, timeline.nextCursor!)
                    .then((p) => setTimeline({ items: [...timeline.items, ...p.items], nextCursor: p.nextCursor }))
                }
              >
                {t('subject.loadMore')}
              </Button>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('subject.qr')} size="small">
            <Space direction="vertical" align="center" style={{ width: '100%' }}>
              <img src={subjectApi.qrPath(s.id)} alt={t('subject.qr')} width={200} height={200} data-testid="subject-qr" />
              <Typography.Text type="secondary">{t('subject.qrHint')}</Typography.Text>
              <Space wrap>
                <a href={s.publicPath} target="_blank" rel="noreferrer" data-testid="subject-public-link">
                  {t('subject.publicPage')}
                </a>
                <Button
                  size="small"
                  onClick={() =>
                    void download(subjectApi.cardPath(s.id), {}, `${s.name}.pdf`).catch((e) => message.error(errorText(e, t, lang)))
                  }
                >
                  {t('subject.card')}
                </Button>
              </Space>
            </Space>
          </Card>
        </Col>
      </Row>
      <SubjectFormDrawer
        open={editing}
        editing={s}
        onClose={() => setEditing(false)}
        onSaved={(d) => {
          setEditing(false);
          setS(d);
          subjectApi.timeline(id).then(setTimeline, () => undefined);
        }}
      />
      <Modal
        open={overriding}
        title={t('subject.requestOverride')}
        onCancel={() => setOverriding(false)}
        onOk={() => overrideForm.submit()}
        confirmLoading={override.loading}
        destroyOnClose
      >
        <Form form={overrideForm} layout="vertical" onFinish={(v) => void override.submit(v)}>
          <Form.Item name="level" label={t('subject.overrideLevel')} rules={[{ required: true }]}>
            <Select options={s.risk.levels.map((l) => ({ value: l.code, label: l.labelZh }))} />
          </Form.Item>
          <Form.Item name="reasonZh" label={t('subject.overrideReason')} rules={[{ required: true, max: 300 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="validUntil" label={t('subject.overrideUntil')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}

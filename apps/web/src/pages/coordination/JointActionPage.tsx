import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Progress, Spin, Table, Tag } from 'antd';
import { useParams } from 'react-router-dom';
import type { JointActionDetail, JointActionTask } from '@chengguan/contracts';
import { coordinationApi } from '../../api/coordination.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { bureauTime } from '../../lib/bureauTime';

/** 联合行动页: the objective, the window, each participant's task and report, the progress; report and complete. */
export default function JointActionPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const action = useLoad((signal) => coordinationApi.action(id, signal), id);
  const [current, setCurrent] = useState<JointActionDetail | null>(null);
  const [reporting, setReporting] = useState<JointActionTask | null>(null);
  const [completing, setCompleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const d = current ?? action.data;
  if (action.error) return <Alert type="error" showIcon message={errorText(action.error, t, lang)} />;
  if (!d) return <Spin />;

  const run = async (call: () => Promise<JointActionDetail>) => {
    setBusy(true);
    try {
      setCurrent(await call());
      setReporting(null);
      setCompleting(false);
      message.success(t('joint.step.done'));
    } catch (err) {
      if (!applyServerErrors(form, err, lang)) message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title={t('jact.page.title', { number: d.number })}
      testId="joint-action-page"
      extra={
        d.canComplete && (
          <Button
            onClick={() => {
              form.resetFields();
              setCompleting(true);
            }}
            data-testid="joint-action-complete"
          >
            {t('jact.complete')}
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('jact.col.title')}>{d.title}</Descriptions.Item>
          <Descriptions.Item label={t('jact.col.state')}>{t(`jact.state.${d.state}`)}</Descriptions.Item>
          <Descriptions.Item label={t('jact.col.area')}>{d.area}</Descriptions.Item>
          <Descriptions.Item label={t('jact.col.window')}>{`${bureauTime(d.startsAt)} – ${bureauTime(d.endsAt)}`}</Descriptions.Item>
          <Descriptions.Item label={t('jact.page.scope')}>{d.scopeOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('jact.page.createdBy')}>{d.createdByName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('jact.page.objective')} span={2}>
            {d.objective}
          </Descriptions.Item>
          <Descriptions.Item label={t('jact.col.progress')} span={2}>
            <Progress
              percent={d.progress.percent}
              format={() => `${d.progress.reported}/${d.progress.total}`}
              data-testid="joint-action-progress"
            />
            {d.progress.overdue > 0 && <Tag color="red">{t('jact.page.overdue', { n: d.progress.overdue })}</Tag>}
          </Descriptions.Item>
          {d.summary && (
            <Descriptions.Item label={t('jact.page.summary')} span={2}>
              {d.summary}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small">
        <Table<JointActionTask>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.tasks}
          data-testid="joint-action-tasks"
          columns={[
            { title: t('jact.task.participant'), dataIndex: 'participantName', width: 180 },
            { title: t('jact.task.task'), dataIndex: 'task' },
            {
              title: t('jact.task.state'),
              key: 'state',
              render: (_, r) =>
                r.state === 'reported' ? (
                  <>
                    <Tag color="green">{t('jact.task.reported')}</Tag>
                    {r.reportText}
                    {r.foundCount !== null && ` · ${t('jact.task.found')} ${r.foundCount}`}
                    {r.handledCount !== null && ` · ${t('jact.task.handled')} ${r.handledCount}`}
                  </>
                ) : (
                  <Tag>{t('jact.task.pending')}</Tag>
                ),
            },
            {
              title: '',
              key: 'report',
              width: 90,
              render: (_, r) =>
                r.canReport && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      form.resetFields();
                      setReporting(r);
                    }}
                    data-testid="joint-task-report"
                  >
                    {t('jact.task.report')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={reporting !== null}
        title={t('jact.task.report')}
        confirmLoading={busy}
        onCancel={() => setReporting(null)}
        onOk={() =>
          void form
            .validateFields()
            .then((v: { reportText: string; foundCount?: number; handledCount?: number }) =>
              run(() => coordinationApi.report(d.id, reporting!.id, v)),
            )
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reportText" label={t('jact.report.text')} rules={[{ required: true, min: 2, max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="joint-task-report-text" />
          </Form.Item>
          <Form.Item name="foundCount" label={t('jact.task.found')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="handledCount" label={t('jact.task.handled')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={completing}
        title={t('jact.complete')}
        confirmLoading={busy}
        onCancel={() => setCompleting(false)}
        onOk={() => void form.validateFields().then((v: { summary?: string }) => run(() => coordinationApi.complete(d.id, v)))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="summary" label={t('jact.complete.summary')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}

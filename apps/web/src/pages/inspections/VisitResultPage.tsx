import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Form, Input, List, Modal, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { InspectionVisit } from '@chengguan/contracts';
import { inspectionsApi } from '../../api/inspections.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { applyServerErrors, errorText, isRetryable } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';

type RectValues = { itemCodes: string[]; deadlineOn: string; reinspectOn: string; note?: string };
type CaseValues = { offenceCode: string; facts: string };

/** A visit's result and what its failed items lead to: 责令改正 (with the re-inspection) or 立案. */
export default function VisitResultPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const visit = useLoad((signal) => inspectionsApi.visit(id, signal), `${id}:${version}`);
  const [rectOpen, setRectOpen] = useState(false);
  const [caseOpen, setCaseOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [rectForm] = Form.useForm<RectValues>();
  const [caseForm] = Form.useForm<CaseValues>();
  const key = useRef(newIdempotencyKey());

  const run = async (form: typeof rectForm | typeof caseForm, call: () => Promise<InspectionVisit>, done: string, close: () => void) => {
    setSaving(true);
    try {
      await call();
      key.current = newIdempotencyKey();
      void message.success(t(done as 'insp.rect.saved'));
      close();
      setVersion((v) => v + 1);
    } catch (e) {
      if (!isRetryable(e)) key.current = newIdempotencyKey();
      if (!applyServerErrors(form as never, e, lang)) void message.error(errorText(e, t, lang));
    } finally {
      setSaving(false);
    }
  };

  const v = visit.data;
  const failed = v?.items.filter((i) => i.result === 'fail') ?? [];
  const canAct = can('case:write') && v?.outcome === 'failed';
  return (
    <Page title={t('insp.result.title')} testId="inspection-result-page">
      {!!visit.error && <Alert type="error" showIcon message={errorText(visit.error, t, lang)} />}
      {v && (
        <Flex vertical gap={12} style={{ maxWidth: 720 }}>
          <Card size="small">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {v.subject.name}{' '}
              <Tag color={v.outcome === 'passed' ? 'green' : 'red'} data-testid="visit-outcome">
                {v.outcome === 'passed' ? t('insp.result.passed') : t('insp.result.failed')}
              </Tag>
            </Typography.Title>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('insp.tasks.address')}>{v.subject.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('insp.tasks.inspectors')}>{v.inspectors.map((i) => i.name).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('insp.visit.location')}>
                {v.visitedOn} · {v.point.lon.toFixed(6)}, {v.point.lat.toFixed(6)}
              </Descriptions.Item>
            </Descriptions>
            <div>{t('insp.result.counts', { pass: v.counts.pass, fail: v.counts.fail, na: v.counts.notApplicable })}</div>
          </Card>
          {failed.length > 0 && (
            <Card size="small" title={t('insp.result.failedItems')}>
              <List
                size="small"
                dataSource={failed}
                renderItem={(i) => (
                  <List.Item>
                    <div>
                      <div>{i.textZh}</div>
                      {i.note && <Typography.Text type="secondary">{i.note}</Typography.Text>}
                      {i.photoIds.length > 0 && (
                        <Flex gap={6} wrap style={{ marginTop: 6 }}>
                          {i.photoIds.map((p) => (
                            <img
                              key={p}
                              src={`/api/v1/inspection-visits/${v.id}/photos/${p}`}
                              alt={i.textZh}
                              style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 4 }}
                              data-testid="visit-photo"
                            />
                          ))}
                        </Flex>
                      )}
                      <div style={{ fontSize: 12, color: '#888' }}>{i.legalBasesZh.join('；')}</div>
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {v.rectification && (
            <Card size="small" title={t('insp.rect.title')} data-testid="visit-rectification">
              <Tag>{t(`insp.rect.status.${v.rectification.status}`)}</Tag> {t('insp.rect.deadlineOn')} {v.rectification.deadlineOn} ·{' '}
              {t('insp.rect.reinspectOn')} {v.rectification.reinspectOn}
            </Card>
          )}
          {v.caseId && (
            <Alert
              type="info"
              message={
                <span data-testid="visit-case">
                  {t('insp.result.caseRegistered')} · <Link to={`/cases/${v.caseId}`}>{t('insp.result.openCase')}</Link>
                </span>
              }
            />
          )}
          {canAct && (
            <Flex gap={8} wrap>
              {!v.rectification && (
                <Button
                  type="primary"
                  onClick={() => {
                    rectForm.setFieldsValue({ itemCodes: failed.map((i) => i.code) });
                    setRectOpen(true);
                  }}
                  data-testid="visit-rectify"
                >
                  {t('insp.result.rectify')}
                </Button>
              )}
              {!v.caseId && (
                <Button
                  danger
                  onClick={() => {
                    caseForm.setFieldsValue({ facts: v.caseDraft.facts });
                    setCaseOpen(true);
                  }}
                  data-testid="visit-register-case"
                >
                  {t('insp.result.registerCase')}
                </Button>
              )}
            </Flex>
          )}
          <Modal
            open={rectOpen}
            title={t('insp.result.rectify')}
            onCancel={() => setRectOpen(false)}
            confirmLoading={saving}
            onOk={() =>
              void rectForm.validateFields().then((values) =>
                run(
                  rectForm,
                  () =>
                    inspectionsApi.rectify(
                      v.id,
                      {
                        itemCodes: values.itemCodes,
                        deadlineOn: values.deadlineOn,
                        reinspectOn: values.reinspectOn,
                        ...(values.note ? { note: values.note } : {}),
                      },
                      { idempotencyKey: key.current },
                    ),
                  'insp.rect.saved',
                  () => setRectOpen(false),
                ),
              )
            }
            okButtonProps={{ 'data-testid': 'rectify-ok' } as Record<`data-${string}`, string>}
          >
            <Form form={rectForm} layout="vertical">
              <Form.Item
                name="itemCodes"
                label={t('insp.rect.items')}
                rules={[{ required: true, message: t('common.required', { field: t('insp.rect.items') }) }]}
              >
                <Checkbox.Group
                  options={failed.map((i) => ({ value: i.code, label: i.textZh }))}
                  style={{ display: 'flex', flexDirection: 'column' }}
                />
              </Form.Item>
              <Form.Item
                name="deadlineOn"
                label={t('insp.rect.deadlineOn')}
                rules={[{ required: true, message: t('common.required', { field: t('insp.rect.deadlineOn') }) }]}
              >
                <Input type="date" data-testid="rectify-deadline" />
              </Form.Item>
              <Form.Item
                name="reinspectOn"
                label={t('insp.rect.reinspectOn')}
                rules={[{ required: true, message: t('common.required', { field: t('insp.rect.reinspectOn') }) }]}
              >
                <Input type="date" data-testid="rectify-reinspect" />
              </Form.Item>
              <Form.Item name="note" label={t('insp.rect.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Form>
          </Modal>
          <Modal
            open={caseOpen}
            title={t('insp.result.registerCase')}
            onCancel={() => setCaseOpen(false)}
            confirmLoading={saving}
            onOk={() =>
              void caseForm.validateFields().then((values) =>
                run(
                  caseForm,
                  () =>
                    inspectionsApi.registerCase(
                      v.id,
                      { offenceCode: values.offenceCode.trim(), facts: values.facts },
                      { idempotencyKey: key.current },
                    ),
                  'insp.case.saved',
                  () => setCaseOpen(false),
                ),
              )
            }
          >
            <Form form={caseForm} layout="vertical">
              <Form.Item label={t('insp.case.party')}>
                {v.caseDraft.partyName} {v.caseDraft.creditCode}
              </Form.Item>
              <Form.Item
                name="offenceCode"
                label={t('insp.case.offenceCode')}
                rules={[{ required: true, message: t('common.required', { field: t('insp.case.offenceCode') }) }]}
              >
                <Input data-testid="case-offence" />
              </Form.Item>
              <Form.Item
                name="facts"
                label={t('insp.case.facts')}
                rules={[{ required: true, message: t('common.required', { field: t('insp.case.facts') }) }]}
              >
                <Input.TextArea rows={5} />
              </Form.Item>
            </Form>
          </Modal>
        </Flex>
      )}
    </Page>
  );
}

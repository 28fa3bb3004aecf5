import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Form, Input, List, Row, Segmented, Space, Tag, Typography } from 'antd';
import { EditOutlined, EyeOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import type { DocumentKind, DocumentTemplateBody, TemplateDetail, TemplateScope, TemplateSummary } from '@chengguan/contracts';
import { documentsApi } from '../../api/documents.ts';
import { errorText } from '../../api/errors.ts';
import { Page } from '../../components/Page.tsx';
import { Citation } from '../../components/Citation.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { DataTable } from '../../components/DataTable.tsx';

type EditorValues = { template: string; note?: string; caseId?: string };

function parseTemplate(text: string): { body?: DocumentTemplateBody; error?: string } {
  try {
    return { body: JSON.parse(text) as DocumentTemplateBody };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** 文书模板: the administrator edits a kind's template (JSON of blocks), checks it against the server, previews, saves. */
function TemplateEditor({ kind, scope, onSaved }: { kind: DocumentKind; scope: TemplateScope; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const [filter, setFilter] = useState('');
  const [previewing, setPreviewing] = useState(false);
  const loaded = useLoad((signal) => documentsApi.template(kind, { scope }, signal), `${kind}:${scope}`);
  const [detail, setDetail] = useState<TemplateDetail | null>(null);
  const d = detail && detail.kind === kind && detail.scope === scope ? detail : loaded.data;

  useEffect(() => {
    if (d) form.setFieldsValue({ template: JSON.stringify(d.current.body ?? d.builtin, null, 2), note: '' });
  }, [d, form]);

  const save = useSubmit<EditorValues, TemplateDetail>(
    form,
    (v, key) => {
      const parsed = parseTemplate(v.template);
      if (!parsed.body) throw new Error(t('doc.templates.badJson', { msg: parsed.error ?? '' }));
      return documentsApi.saveTemplate(kind, { scope, template: parsed.body, ...(v.note ? { note: v.note } : {}) }, key);
    },
    {
      successMessage: t('common.saved'),
      onSuccess: (r) => {
        setDetail(r);
        onSaved();
      },
    },
  );

  const revert = async (toVersion?: number) => {
    try {
      const r = await documentsApi.revertTemplate(kind, { scope, ...(toVersion ? { toVersion } : {}) });
      setDetail(r);
      onSaved();
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error(errorText(e, t, lang));
    }
  };

  const preview = async () => {
    const v = form.getFieldsValue();
    const parsed = parseTemplate(v.template);
    if (!parsed.body) {
      form.setFields([{ name: 'template', errors: [t('doc.templates.badJson', { msg: parsed.error ?? '' })] }]);
      return;
    }
    setPreviewing(true);
    try {
      const url = await documentsApi.templatePreviewUrl(kind, { template: parsed.body, ...(v.caseId ? { caseId: v.caseId.trim() } : {}) });
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      const shown = e instanceof Error && 'body' in e;
      if (shown) form.setFields([{ name: 'template', errors: [errorText(e, t, lang)] }]);
      else void message.error(errorText(e, t, lang));
    } finally {
      setPreviewing(false);
    }
  };

  const placeholders = useMemo(
    () => (d?.placeholders ?? []).filter((p) => !filter || p.path.includes(filter) || p.label.includes(filter)),
    [d, filter],
  );

  if (!d) return loaded.error ? <Alert type="error" message={errorText(loaded.error, t, lang)} /> : null;
  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('doc.templates.help')} />
        <Form form={form} layout="vertical" onFinish={(v) => void save.submit(v)} data-testid="template-form">
          <Form.Item name="template" label={t('doc.templates.editor')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 18, maxRows: 36 }} style={{ fontFamily: 'monospace', fontSize: 12 }} spellCheck={false} />
          </Form.Item>
          <Form.Item name="note" label={t('doc.templates.note')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="caseId" label={t('doc.templates.previewCase')}>
            <Input allowClear />
          </Form.Item>
          <Space wrap>
            <Button icon={<EyeOutlined />} loading={previewing} onClick={() => void preview()}>
              {t('doc.preview')}
            </Button>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.loading}>
              {t('doc.templates.saveVersion')}
            </Button>
            <Button icon={<RollbackOutlined />} onClick={() => void revert()}>
              {t('doc.templates.revertDefault')}
            </Button>
          </Space>
        </Form>
        <Typography.Title level={5} style={{ marginTop: 20 }}>
          {t('doc.templates.versions')}
        </Typography.Title>
        <List
          size="small"
          dataSource={d.versions}
          renderItem={(v) => (
            <List.Item
              actions={
                v.version > 0 && v.version !== d.current.version
                  ? [
                      <Button key="r" size="small" onClick={() => void revert(v.version)}>
                        {t('doc.templates.revert')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space>
                <Tag color={v.version === d.current.version ? 'blue' : undefined}>v{v.version}</Tag>
                <span>{v.note ?? ''}</span>
                {v.body === null && <Typography.Text type="secondary">{t('doc.templates.removed')}</Typography.Text>}
                <Typography.Text type="secondary">{v.createdAt ? v.createdAt.slice(0, 16).replace('T', ' ') : ''}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} xl={9}>
        <Card size="small" title={t('doc.templates.required')} style={{ marginBottom: 12 }}>
          {d.required.length === 0 ? (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          ) : (
            d.required.map((r) => (
              <div key={`${r.path}-${r.ruleId}`} style={{ marginBottom: 4 }}>
                <Typography.Text code>{`{{${r.path}}}`}</Typography.Text> {lang.startsWith('en') ? r.textEn : r.textZh}
                <div style={{ fontSize: 12 }}>
                  <Citation articles={r.article} ruleId={r.ruleId} />
                </div>
              </div>
            ))
          )}
        </Card>
        <Card size="small" title={t('doc.templates.placeholders')}>
          <Input.Search allowClear onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 8 }} />
          <DataTable
            size="small"
            rowKey="path"
            pagination={{ pageSize: 15, size: 'small' }}
            dataSource={placeholders}
            columns={[
              {
                title: 'path',
                dataIndex: 'path',
                render: (p: string, r) => (
                  <Typography.Text code copyable={{ text: r.kind === 'list' || r.kind === 'object' ? p : `{{${p}}}` }}>
                    {p}
                  </Typography.Text>
                ),
              },
              { title: '', dataIndex: 'label' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

export default function TemplatesPage() {
  const { t, lang } = useI18n();
  const list = useLoad((signal) => documentsApi.templates({}, signal), 'templates');
  // The city administrator edits the city default; a district administrator his bureau's override.
  const cityUser = list.data?.canEditCity ?? false;
  const [picked, setScope] = useState<TemplateScope | null>(null);
  const scope: TemplateScope = picked ?? (cityUser ? 'city' : 'bureau');
  const [editing, setEditing] = useState<DocumentKind | null>(null);

  return (
    <Page title={t('doc.templates.title')} testId="document-templates">
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{t('doc.templates.scope')}</Typography.Text>
        <Segmented<TemplateScope>
          value={scope}
          onChange={setScope}
          options={[
            { value: 'city', label: t('doc.templates.scopeCity'), disabled: !cityUser },
            { value: 'bureau', label: t('doc.templates.scopeBureau') },
          ]}
        />
      </Space>
      <DataTable<TemplateSummary>
        rowKey="kind"
        size="small"
        loading={list.loading}
        pagination={false}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('doc.kind'), dataIndex: 'title', render: (v: string, r) => (lang.startsWith('en') ? r.titleEn : v) },
          {
            title: t('doc.templates.effective'),
            dataIndex: 'effective',
            render: (e: TemplateSummary['effective'], r) =>
              e === 'bureau' ? (
                <Tag color="purple">{t('doc.templates.bureau', { v: r.bureauVersion ?? 0 })}</Tag>
              ) : e === 'city' ? (
                <Tag color="blue">{t('doc.templates.city', { v: r.cityVersion })}</Tag>
              ) : (
                <Tag>{t('doc.templates.builtin')}</Tag>
              ),
          },
          { title: '', dataIndex: 'updatedAt', render: (v: string | null) => (v ? v.slice(0, 16).replace('T', ' ') : '') },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_: unknown, r) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r.kind)} data-testid={`edit-${r.kind}`}>
                {t('doc.templates.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={editing !== null}
        width="min(1200px, 100vw)"
        title={editing ? `${t('doc.templates.edit')} · ${list.data?.items.find((x) => x.kind === editing)?.title ?? editing}` : ''}
        onClose={() => setEditing(null)}
        destroyOnHidden
      >
        {editing && <TemplateEditor kind={editing} scope={scope} onSaved={list.reload} />}
      </Drawer>
    </Page>
  );
}

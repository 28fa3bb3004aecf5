import { useState } from 'react';
import { App, Button, Form, Input, Radio, Select, Space, Table, Tag } from 'antd';
import type { BulletinList } from '@chengguan/contracts';
import { cockpitApi } from '../../api/cockpit.ts';
import { download } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { Page } from '../../components/Page.tsx';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';

type Item = BulletinList['items'][number];

/** 统计通报: generate a month's or a quarter's bulletin, publish it (the leader), download PDF and Excel; other modules' bulletins listed too. */
export default function BulletinsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...paging, ...(status ? { status } : {}) };
  const list = useLoad((s) => cockpitApi.bulletins(query, s), JSON.stringify(query));
  const [form] = Form.useForm<{ periodKind: 'month' | 'quarter'; period: string }>();
  const [busy, setBusy] = useState(false);
  const generate = async (v: { periodKind: 'month' | 'quarter'; period: string }) => {
    setBusy(true);
    try {
      const b = await cockpitApi.createBulletin(v);
      void message.success(b.empty ? t('bulletin.empty') : t('bulletin.generated'));
      list.reload();
    } catch (e) {
      form.setFields([{ name: 'period', errors: [errorText(e, t, lang)] }]);
    } finally {
      setBusy(false);
    }
  };
  const publish = async (id: string) => {
    try {
      await cockpitApi.publishBulletin(id);
      void message.success(t('bulletin.published'));
      list.reload();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    }
  };
  const get = (path: string, name: string) => void download(path, {}, name).catch((e: unknown) => message.error(errorText(e, t, lang)));
  return (
    <Page title={t('bulletin.title')} testId="bulletins-page">
      {can('bulletin:write') && (
        <Form
          form={form}
          layout="inline"
          initialValues={{ periodKind: 'month' }}
          onFinish={(v) => void generate(v)}
          style={{ marginBottom: 16 }}
        >
          <Form.Item name="periodKind" label={t('bulletin.periodKind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'month', label: t('bulletin.month') },
                { value: 'quarter', label: t('bulletin.quarter') },
              ]}
            />
          </Form.Item>
          <Form.Item name="period" label={t('bulletin.period')} rules={[{ required: true, message: t('bulletin.period') }]}>
            <Input placeholder="2026-03 / 2026-Q1" style={{ width: 140 }} data-testid="bulletin-period" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="bulletin-generate">
            {t('bulletin.generate')}
          </Button>
        </Form>
      )}
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('bulletin.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => setStatus(v)}
          options={[
            { value: 'draft', label: t('bulletin.status.draft') },
            { value: 'published', label: t('bulletin.status.published') },
          ]}
        />
      </Space>
      <Table<Item>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: t('bulletin.period'), dataIndex: 'title' },
          { title: t('bulletin.org'), dataIndex: 'orgName' },
          { title: t('bulletin.source'), dataIndex: 'source', width: 100 },
          {
            title: t('bulletin.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: string) => (
              <Tag color={s === 'published' ? 'green' : 'default'}>
                {s === 'published' ? t('bulletin.status.published') : t('bulletin.status.draft')}
              </Tag>
            ),
          },
          { title: t('bulletin.publishedAt'), dataIndex: 'publishedAt', render: (v: string | null) => v?.slice(0, 10) ?? '—' },
          {
            title: '',
            key: 'actions',
            render: (_, r) =>
              r.source === 'cockpit' ? (
                <Space>
                  <a onClick={() => get(cockpitApi.pdfPath(r.id), `${r.title}.pdf`)}>{t('bulletin.pdf')}</a>
                  <a onClick={() => get(cockpitApi.xlsxPath(r.id), `${r.title}.xlsx`)}>{t('bulletin.xlsx')}</a>
                  {r.status === 'draft' && can('bulletin:publish') && (
                    <Button size="small" onClick={() => void publish(r.id)} data-testid="bulletin-publish">
                      {t('bulletin.publish')}
                    </Button>
                  )}
                </Space>
              ) : (
                <a href={r.url}>{t('bulletin.open')}</a>
              ),
          },
        ]}
      />
    </Page>
  );
}

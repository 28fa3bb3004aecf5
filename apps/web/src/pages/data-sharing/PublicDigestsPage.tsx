import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Pagination, Select, Space, Spin, Typography } from 'antd';
import type { PublicationDigest, VerifyPublicationResult } from '@chengguan/contracts';
import { digestApi } from '../../api/data-sharing.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { PublicFrame } from '../portal/PublicFrame.tsx';

type CheckForm = { day: string; kind: 'disclosure' | 'random_draw' | 'statistic'; id: string };

const mono = { fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' } as const;

function DigestCard({ d, onCheck }: { d: PublicationDigest; onCheck: (day: string) => void }) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid="digest-entry">
      <Space direction="vertical" size={2} style={{ width: '100%' }}>
        <Typography.Text strong>
          {d.day} · {t('digest.leaves', { n: d.leafCount })}
        </Typography.Text>
        <Typography.Text type="secondary">{t('digest.root')}</Typography.Text>
        <Typography.Text copyable style={mono} data-testid="digest-root">
          {d.root}
        </Typography.Text>
        <Typography.Text type="secondary">{t('digest.signature')}</Typography.Text>
        <Typography.Paragraph copyable={{ text: d.signature }} ellipsis={{ rows: 1, expandable: true }} style={{ ...mono, margin: 0 }}>
          {d.signature}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('digest.fingerprint')} {d.fingerprint}
        </Typography.Text>
        <Button size="small" onClick={() => onCheck(d.day)} data-testid="digest-check-day">
          {t('digest.checkThisDay')}
        </Button>
      </Space>
    </Card>
  );
}

/**
 * 公开数据每日签名摘要: public (no login). Each day's SM3 Merkle root of what the bureau published (decisions, 双随机
 * draws, campaign statistics), signed with the platform's SM2 key; anyone checks a record against its day.
 */
export default function PublicDigestsPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<CheckForm>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const list = useLoad((signal) => digestApi.list(paging, signal), JSON.stringify(paging));
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<VerifyPublicationResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const check = async (v: CheckForm) => {
    setChecking(true);
    setResult(null);
    setFailure(null);
    try {
      const proof = await digestApi.proof(v.day, { kind: v.kind, id: v.id.trim() });
      setResult(
        await digestApi.verify({
          day: v.day,
          kind: v.kind,
          id: v.id.trim(),
          recordJson: JSON.stringify(proof.published.record),
          path: proof.path,
        }),
      );
    } catch (e) {
      setFailure(errorText(e, t, lang));
    } finally {
      setChecking(false);
    }
  };

  return (
    <PublicFrame title={t('digest.title')} testId="digests-public">
      <Typography.Paragraph type="secondary">{t('digest.intro')}</Typography.Paragraph>
      <Card size="small" title={t('digest.check')}>
        <Form form={form} layout="vertical" onFinish={(v) => void check(v)} initialValues={{ kind: 'disclosure' }}>
          <Form.Item
            name="day"
            label={t('digest.day')}
            rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('digest.dayFormat') }]}
            style={{ marginBottom: 8 }}
          >
            <Input placeholder="2026-12-01" data-testid="digest-day" />
          </Form.Item>
          <Form.Item name="kind" label={t('digest.kind')} style={{ marginBottom: 8 }}>
            <Select
              options={(['disclosure', 'random_draw', 'statistic'] as const).map((k) => ({ value: k, label: t(`digest.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="id"
            label={t('digest.recordId')}
            rules={[{ required: true, message: t('digest.recordIdNeeded') }]}
            style={{ marginBottom: 8 }}
          >
            <Input data-testid="digest-record-id" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={checking} data-testid="digest-check">
            {t('digest.checkButton')}
          </Button>
        </Form>
        {failure && <Alert type="error" showIcon style={{ marginTop: 12 }} message={failure} data-testid="digest-check-failure" />}
        {result && (
          <Alert
            style={{ marginTop: 12 }}
            type={result.valid && result.signatureValid ? 'success' : 'error'}
            showIcon
            data-testid="digest-check-result"
            data-valid={String(result.valid && result.signatureValid)}
            message={lang === 'en-US' ? result.reasonEn : result.reason}
            description={<span style={mono}>{t('digest.computed', { root: result.computedRoot })}</span>}
          />
        )}
      </Card>
      {list.error ? <Alert type="error" showIcon message={errorText(list.error, t, lang)} /> : null}
      {list.loading && !list.data ? <Spin style={{ display: 'block', margin: 24 }} /> : null}
      {list.data && list.data.items.length === 0 && <Empty description={t('digest.none')} />}
      {list.data?.items.map((d) => (
        <DigestCard key={d.day} d={d} onCheck={(day) => form.setFieldsValue({ day })} />
      ))}
      {list.data && list.data.total > 0 && (
        <Pagination
          simple
          style={{ textAlign: 'center' }}
          current={paging.page}
          pageSize={paging.pageSize}
          total={list.data.total}
          onChange={(page, pageSize) => setPaging({ page, pageSize })}
        />
      )}
    </PublicFrame>
  );
}

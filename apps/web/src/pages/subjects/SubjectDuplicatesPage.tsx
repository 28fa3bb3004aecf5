// 重复记录核查: pairs the domain's duplicate check calls the same subject; a person decides which record to keep.
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import type { SubjectListItem } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorText } from '../../api/errors.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { subjectApi } from '../../api/subjects.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { kindLabel } from './labels.ts';

function Brief({ s }: { s: SubjectListItem }) {
  return (
    <Space direction="vertical" size={0}>
      <Link to={`/subjects/${s.id}`}>{s.name}</Link>
      <Typography.Text type="secondary">{s.address}</Typography.Text>
      <Typography.Text type="secondary">
        {s.creditCode ?? s.plateNumber ?? ''} {s.orgName ?? ''}
      </Typography.Text>
    </Space>
  );
}

export default function SubjectDuplicatesPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const list = useLoad((signal) => subjectApi.duplicates(signal), 'dups');
  const canMerge = can('subject:approve') || can('subject:admin');
  const merge = (from: SubjectListItem, into: SubjectListItem) =>
    modal.confirm({
      title: t('subject.dup.title'),
      content: t('subject.dup.confirm'),
      onOk: async () => {
        try {
          await subjectApi.merge(from.id, into.id, { idempotencyKey: newIdempotencyKey() });
          void message.success(t('subject.dup.merged'));
          list.reload();
        } catch (e) {
          void message.error(errorText(e, t, lang));
        }
      },
    });
  return (
    <Page title={t('subject.dup.title')} testId="subject-duplicates-page">
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} />}
      {list.data?.truncated && <Alert type="info" showIcon message={t('subject.dup.truncated')} style={{ marginBottom: 16 }} />}
      {!list.data ? (
        <Spin />
      ) : list.data.items.length === 0 ? (
        <Empty description={t('subject.dup.none')} />
      ) : (
        <List
          dataSource={list.data.items}
          renderItem={(p) => (
            <Card size="small" style={{ marginBottom: 12 }}>
              <Space wrap style={{ marginBottom: 8 }}>
                <Tag>{kindLabel(t, p.a.kind)}</Tag>
                {p.reasonsZh.map((r) => (
                  <Tag color="orange" key={r}>
                    {r}
                  </Tag>
                ))}
              </Space>
              <Space size={48} wrap align="start">
                <Brief s={p.a} />
                <Brief s={p.b} />
              </Space>
              {canMerge && (
                <Space style={{ marginTop: 8 }}>
                  <Button size="small" onClick={() => merge(p.a, p.b)}>
                    {t('subject.dup.mergeInto')}
                  </Button>
                  <Button size="small" onClick={() => merge(p.b, p.a)}>
                    {t('subject.dup.mergeIntoLeft')}
                  </Button>
                </Space>
              )}
            </Card>
          )}
        />
      )}
    </Page>
  );
}

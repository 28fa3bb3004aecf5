// 风险等级规则: the versions (the built-in default first in time), what each says, and a new version edited from the
// one in force; the server's check (checkRiskRuleSet) answers at the field, listed under the editor.
import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Descriptions, Form, Input, List, Space, Spin, Tag, Typography } from 'antd';
import type { RiskRuleSetVersions } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { subjectApi } from '../../api/subjects.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';

type Set = {
  scale: { levels: { code: string; labelZh: string; inspectionsPerYear: number }[] };
  rules: { id: string; level: string; descriptionZh: string }[];
};

export default function SubjectRiskRulesPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const versions = useLoad((signal) => subjectApi.riskRules(signal), 'rules');
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const [saving, setSaving] = useState(false);
  const inForce = versions.data?.items.find((v) => v.inForce);

  const publish = async () => {
    let ruleSet: unknown;
    try {
      ruleSet = JSON.parse(text ?? '');
    } catch {
      setProblems([{ field: '', message: t('subject.rules.badText') }]);
      return;
    }
    setSaving(true);
    try {
      await subjectApi.publishRiskRules({ ruleSet: ruleSet as never, ...(note ? { note } : {}) }, { idempotencyKey: newIdempotencyKey() });
      void message.success(t('subject.rules.published'));
      setText(null);
      setProblems([]);
      versions.reload();
    } catch (e) {
      if (e instanceof ApiError && e.body.details?.length) {
        setProblems(e.body.details.map((d) => ({ field: d.field, message: lang.startsWith('en') ? d.messageEn : d.message })));
      } else setProblems([{ field: '', message: errorText(e, t, lang) }]);
    } finally {
      setSaving(false);
    }
  };

  const describe = (v: RiskRuleSetVersions['items'][number]) => {
    const set = v.ruleSet as Set;
    return (
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('subject.rules.effectiveFrom')}>{v.effectiveFrom}</Descriptions.Item>
        <Descriptions.Item label={t('subject.rules.levels')}>
          <Space wrap>
            {set.scale.levels.map((l) => (
              <Tag key={l.code}>
                {l.labelZh} · {t('subject.rules.perYear', { n: l.inspectionsPerYear })}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('subject.rules.rules')}>
          <List
            size="small"
            dataSource={set.rules}
            renderItem={(r) => (
              <List.Item>{`${set.scale.levels.find((l) => l.code === r.level)?.labelZh ?? r.level}：${r.descriptionZh}`}</List.Item>
            )}
          />
        </Descriptions.Item>
      </Descriptions>
    );
  };

  return (
    <Page
      title={t('subject.rules.title')}
      testId="subject-rules-page"
      extra={
        can('subject:admin') && inForce && text === null ? (
          <Button type="primary" onClick={() => setText(JSON.stringify(inForce.ruleSet, null, 2))} data-testid="rules-edit">
            {t('subject.rules.edit')}
          </Button>
        ) : undefined
      }
    >
      {!!versions.error && <Alert type="error" showIcon message={errorText(versions.error, t, lang)} />}
      {text !== null && (
        <Card size="small" style={{ marginBottom: 16 }} title={t('subject.rules.edit')}>
          <Typography.Paragraph type="secondary">{t('subject.rules.editHint')}</Typography.Paragraph>
          <Form layout="vertical">
            <Form.Item label={t('subject.rules.text')} validateStatus={problems.length ? 'error' : undefined}>
              <Input.TextArea
                rows={18}
                value={text}
                onChange={(e) => setText(e.target.value)}
                style={{ fontFamily: 'monospace' }}
                data-testid="rules-text"
              />
            </Form.Item>
            {problems.length > 0 && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="rules-problems"
                message={
                  <List
                    size="small"
                    dataSource={problems}
                    renderItem={(p) => <List.Item>{p.field ? `${p.field}：${p.message}` : p.message}</List.Item>}
                  />
                }
              />
            )}
            <Form.Item label={t('subject.rules.note')}>
              <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
            </Form.Item>
            <Space>
              <Button onClick={() => setText(null)}>{t('common.cancel')}</Button>
              <Button type="primary" loading={saving} onClick={() => void publish()} data-testid="rules-publish">
                {t('common.save')}
              </Button>
            </Space>
          </Form>
        </Card>
      )}
      {!versions.data ? (
        <Spin />
      ) : (
        <Collapse
          defaultActiveKey={inForce ? [String(inForce.version)] : []}
          items={versions.data.items.map((v) => ({
            key: String(v.version),
            label: (
              <Space>
                <span>{v.builtIn ? t('subject.rules.builtIn') : t('subject.rules.version', { n: v.version })}</span>
                {v.inForce && <Tag color="blue">{t('subject.rules.inForce')}</Tag>}
                {v.note && <Typography.Text type="secondary">{v.note}</Typography.Text>}
              </Space>
            ),
            children: describe(v),
          }))}
        />
      )}
    </Page>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Radio, Result, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { AttemptView } from '@chengguan/contracts';
import { errorText } from '../../api/errors.ts';
import { trainingApi } from '../../api/credit.ts';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';

const LETTERS = 'ABCDEFGH';

/** Taking an exam on a phone: one card per question, the time left, answers saved, handed in and graded. */
export default function ExamPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const loaded = useLoad((signal) => trainingApi.attempt(id, signal), id);
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.data) {
      setAttempt(loaded.data);
      setAnswers(loaded.data.answers);
    }
  }, [loaded.data]);
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, []);
  if (loaded.error) return <Alert type="error" showIcon message={errorText(loaded.error, t, lang)} />;
  if (!attempt) return null;
  const left = Math.max(0, Math.floor((new Date(attempt.dueAt).getTime() - now) / 1000));
  const run = async (fn: () => Promise<AttemptView>, done?: string) => {
    setBusy(true);
    try {
      const a = await fn();
      setAttempt(a);
      if (done) void message.success(done);
    } catch (e) {
      void message.error(errorText(e, t, lang));
      loaded.reload();
    } finally {
      setBusy(false);
    }
  };
  if (attempt.status !== 'open') {
    return (
      <Page title={attempt.examTitle} testId="exam-page">
        <Result
          status={attempt.passed ? 'success' : 'warning'}
          title={attempt.score !== null ? `${t('training.exam.score')} ${attempt.score}` : t('training.exam.late')}
          extra={<Link to="/training/me">{t('training.exam.back')}</Link>}
        />
      </Page>
    );
  }
  return (
    <Page title={attempt.examTitle} testId="exam-page">
      <Card size="small" style={{ marginBottom: 12, position: 'sticky', top: 0, zIndex: 2 }}>
        <Space wrap>
          <Typography.Text strong data-testid="exam-left">
            {t('training.exam.left')} {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}
          </Typography.Text>
          <Button size="small" loading={busy} onClick={() => void run(() => trainingApi.save(id, answers), t('training.exam.saved'))}>
            {t('training.exam.save')}
          </Button>
          <Button
            type="primary"
            size="small"
            loading={busy}
            data-testid="exam-submit"
            onClick={() => void run(() => trainingApi.submit(id, answers))}
          >
            {t('training.exam.submit')}
          </Button>
        </Space>
      </Card>
      {attempt.questions.map((q, i) => (
        <Card size="small" key={q.id} style={{ marginBottom: 8 }} title={`${i + 1}. ${q.stem}`}>
          {q.kind === 'multiple' ? (
            <Checkbox.Group
              value={answers[q.id] ?? []}
              onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v as string[] }))}
              options={q.options.map((o, k) => ({ value: LETTERS[k]!, label: `${LETTERS[k]}. ${o}` }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            />
          ) : (
            <Radio.Group value={answers[q.id]?.[0]} onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: [e.target.value as string] }))}>
              <Space direction="vertical">
                {q.options.map((o, k) => (
                  <Radio key={k} value={LETTERS[k]}>
                    {LETTERS[k]}. {o}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          )}
        </Card>
      ))}
    </Page>
  );
}

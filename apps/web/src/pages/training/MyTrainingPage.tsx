import { Alert, App, Button, Card, List, Progress, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../api/errors.ts';
import { trainingApi } from '../../api/credit.ts';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';

/** 我的培训: the year's hours and credits, courses to finish, exams to take (laid out for a phone). */
export default function MyTrainingPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useLoad((signal) => trainingApi.me(signal), 'me');
  const courses = useLoad((signal) => trainingApi.courses(signal), 'courses');

  const act = async (fn: () => Promise<unknown>, after?: (r: unknown) => void) => {
    try {
      const r = await fn();
      if (after) after(r);
      else {
        me.reload();
        courses.reload();
      }
    } catch (e) {
      void message.error(errorText(e, t, lang));
    }
  };
  const p = me.data?.progress;
  return (
    <Page title={t('training.my')} testId="my-training-page">
      {me.error ? <Alert type="error" showIcon message={errorText(me.error, t, lang)} /> : null}
      {p && (
        <Card size="small" title={`${t('training.progress')}（${p.year}）`} style={{ marginBottom: 12 }}>
          <Progress percent={p.percent} status={p.complete ? 'success' : 'active'} />
          <Space wrap>
            <span data-testid="training-hours">
              {t('training.hours')} {p.hours} / {p.requiredHours}
            </span>
            <span>
              {t('training.credits')} {p.credits} / {p.requiredCredits}
            </span>
            <Tag color={p.complete ? 'green' : 'orange'}>{p.complete ? t('training.complete') : t('training.incomplete')}</Tag>
          </Space>
        </Card>
      )}
      <Card size="small" title={t('training.exams')} style={{ marginBottom: 12 }}>
        <List
          dataSource={me.data?.exams ?? []}
          renderItem={(e) => (
            <List.Item
              actions={[
                e.passed ? (
                  <Tag color="green" key="p">
                    {t('training.passed')}
                  </Tag>
                ) : (
                  <Button
                    key="s"
                    type="primary"
                    size="small"
                    data-testid={`exam-start-${e.id}`}
                    onClick={() =>
                      void act(
                        () => trainingApi.start(e.id),
                        (a) => navigate(`/training/attempts/${(a as { id: string }).id}`),
                      )
                    }
                  >
                    {e.openAttemptId ? t('training.continue') : t('training.start')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={e.title}
                description={`${e.questionCount} / ${e.durationMinutes}′ · ${t('training.attempts')} ${e.attemptsUsed}/${e.maxAttempts}${e.bestScore !== null ? ` · ${t('training.best')} ${e.bestScore}` : ''}`}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('training.courses')}>
        <List
          dataSource={courses.data?.items ?? []}
          renderItem={(c) => (
            <List.Item
              actions={[
                c.completed ? (
                  <Tag color="green" key="d">
                    {t('training.doneCourse')}
                  </Tag>
                ) : (
                  <Button key="m" size="small" onClick={() => void act(() => trainingApi.complete(c.id))}>
                    {t('training.markDone')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={c.title}
                description={
                  <>
                    <Typography.Text type="secondary">
                      {c.category} · {t('training.hours')} {c.hours} · {t('training.credits')} {c.credits}
                    </Typography.Text>
                    {c.materialUrl ? (
                      <div>
                        <a href={c.materialUrl} target="_blank" rel="noreferrer">
                          {t('training.material')}
                        </a>
                      </div>
                    ) : null}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Page>
  );
}

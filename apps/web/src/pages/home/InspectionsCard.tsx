import { Link } from 'react-router-dom';
import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import type { RoleHome } from '@chengguan/contracts';
import { inspectionsApi } from '../../api/inspections.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';

/** The squad leader's inspections: his squad's open tasks, done this quarter, overdue, and the overdue list. */
export function InspectionsCard({ home }: { home: RoleHome }) {
  const { t } = useI18n();
  const overdue = useLoad((signal) => inspectionsApi.overdue({}, signal), 'home-overdue');
  const p = home.inspections;
  if (!p) return null;
  return (
    <Card
      size="small"
      title={t('insp.home.title')}
      extra={<Link to="/inspection-tasks">{t('menu.inspectionTasks')}</Link>}
      data-testid="home-inspections"
      style={{ marginBottom: 16 }}
    >
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Statistic title={t('insp.home.open')} value={p.open} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('insp.home.doneThisQuarter')} value={p.doneThisQuarter} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('insp.home.overdue')} value={p.overdue} valueStyle={p.overdue > 0 ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
      <Typography.Text strong>{t('insp.home.overdueList')}</Typography.Text>
      <List
        size="small"
        locale={{ emptyText: t('insp.home.none') }}
        dataSource={overdue.data?.items.slice(0, 10) ?? []}
        renderItem={(task) => (
          <List.Item>
            <span style={{ color: '#cf1322' }}>{task.dueOn}</span> {task.subjectName} · {task.inspectorNames.join('、')}
          </List.Item>
        )}
      />
    </Card>
  );
}

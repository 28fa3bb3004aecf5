import { Col, Row, Typography } from 'antd';
import type { GuidanceSummary } from '@chengguan/contracts';
import { libraryApi } from '../../../api/law.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { VerificationTag } from '../components/VerificationTag.tsx';

const guidanceApi = libraryApi('guidance');

function Block({ title, items, ordered, testId }: { title: string; items: readonly string[]; ordered?: boolean; testId: string }) {
  const { t } = useI18n();
  const ListTag = ordered ? 'ol' : 'ul';
  return (
    <div data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      {items.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        </div>
      ) : (
        <ListTag style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {items.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ListTag>
      )}
    </div>
  );
}

/** 执法指引: steps, evidence to collect, documents to make and the checklist (the checklist is read from the entry). */
export function GuidancePanel({ guidance }: { guidance: GuidanceSummary }) {
  const { t } = useI18n();
  const full = useLoad((_signal) => guidanceApi.get(guidance.id), guidance.id);
  return (
    <div data-testid="law-search-guidance">
      <div style={{ marginBottom: 8 }}>
        <Typography.Text strong style={{ marginInlineEnd: 8 }}>
          {guidance.title}
        </Typography.Text>
        <VerificationTag mark={guidance.verification} source={full.data?.source} note={full.data?.note} />
      </div>
      <Row gutter={[16, 12]}>
        <Col xs={24} md={12}>
          <Block title={t('law.guidance.steps')} items={guidance.steps} ordered testId="law-guidance-steps" />
        </Col>
        <Col xs={24} md={12}>
          <Block title={t('law.guidance.evidence')} items={guidance.evidence} testId="law-guidance-evidence" />
        </Col>
        <Col xs={24} md={12}>
          <Block title={t('law.guidance.documents')} items={guidance.documents} testId="law-guidance-documents" />
        </Col>
        <Col xs={24} md={12}>
          <Block title={t('law.guidance.checklist')} items={full.data?.checklist ?? []} testId="law-guidance-checklist" />
        </Col>
      </Row>
    </div>
  );
}

import { Card, Collapse, Descriptions, Space, Tag, Typography } from 'antd';
import type { LawSearchHit } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { domainLabel } from '../../../i18n/labels.ts';
import { VerificationTag } from '../components/VerificationTag.tsx';
import { formatRange, penaltyLabel } from '../labels.ts';
import { GuidancePanel } from './GuidancePanel.tsx';

/** One search result: the offence, its legal basis, the exemption items and, folded, the guidance. */
export function SearchHitCard({ hit }: { hit: LawSearchHit }) {
  const { t } = useI18n();
  const o = hit.offence;
  const item = hit.exemptionItem;
  const title = o ? o.name : (item?.behaviour ?? '—');
  return (
    <Card
      size="small"
      data-testid="law-search-hit"
      data-kind={hit.kind}
      data-code={o?.code ?? ''}
      title={
        <Space wrap size={[6, 4]} style={{ whiteSpace: 'normal' }}>
          <span data-testid="law-search-hit-name">{title}</span>
          {o && <Tag color="blue">{o.code}</Tag>}
          {o && <Tag>{domainLabel(t, o.domain)}</Tag>}
          {hit.kind === 'exemption_item' && <Tag color="green">{t('law.search.exemptionHit')}</Tag>}
          {o && <VerificationTag mark={o.verification} source={o.source} note={o.note} />}
        </Space>
      }
    >
      {item && (
        <div style={{ marginBottom: 12, padding: 8, background: '#f6ffed', borderRadius: 4 }} data-testid="law-search-exemption">
          <Space wrap size={[6, 4]}>
            <Typography.Text strong>
              {item.listName} · {t('law.exemption.itemNo', { n: item.itemNo })}
            </Typography.Text>
            <Tag color={item.effect === 'must_not_punish' ? 'green' : 'cyan'}>{t(`law.effect.${item.effect}`)}</Tag>
            <VerificationTag mark={item.verification} source={item.source} note={item.note} />
          </Space>
          <div>{item.behaviour}</div>
          <Typography.Text type="secondary">
            {t('law.labelValue', { label: t('law.exemption.conditionsText'), value: item.conditionsText })}
          </Typography.Text>
        </div>
      )}
      {o ? (
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('law.offence.violated')}>{o.violatedProvision}</Descriptions.Item>
          <Descriptions.Item label={t('law.offence.penaltyProvision')}>{o.penaltyProvision}</Descriptions.Item>
          <Descriptions.Item label={t('law.offence.penaltyTypes')}>
            {o.penaltyTypes.map((p) => penaltyLabel(t, p)).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('law.offence.range')}>
            <span data-testid="law-search-range">{formatRange(t, o.minFineFen, o.maxFineFen)}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('law.search.noOffence')}</Typography.Text>
      )}
      <Collapse
        size="small"
        style={{ marginTop: 12 }}
        items={[
          ...(hit.legalBasis.length > 0
            ? [
                {
                  key: 'basis',
                  label: t('law.search.basisText', { n: hit.legalBasis.length }),
                  children: hit.legalBasis.map((p) => (
                    <div key={p.id} style={{ marginBottom: 8 }}>
                      <Space wrap size={[6, 4]}>
                        <Typography.Text strong>{p.citation}</Typography.Text>
                        <VerificationTag mark={p.verification} source={p.source} note={p.note} />
                      </Space>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{p.text}</div>
                    </div>
                  )),
                },
              ]
            : []),
          ...(hit.exemptions.length > 0 && hit.kind === 'offence'
            ? [
                {
                  key: 'exemptions',
                  label: t('law.search.exemptions', { n: hit.exemptions.length }),
                  children: hit.exemptions.map((e) => (
                    <div key={e.id} style={{ marginBottom: 8 }}>
                      <Space wrap size={[6, 4]}>
                        <Typography.Text strong>
                          {e.listName} · {t('law.exemption.itemNo', { n: e.itemNo })}
                        </Typography.Text>
                        <VerificationTag mark={e.verification} source={e.source} note={e.note} />
                      </Space>
                      <div>{e.conditionsText}</div>
                    </div>
                  )),
                },
              ]
            : []),
          {
            key: 'guidance',
            label: <span data-testid="law-search-guidance-toggle">{t('law.search.guidance', { n: hit.guidance.length })}</span>,
            children:
              hit.guidance.length === 0 ? (
                <Typography.Text type="secondary">{t('law.search.noGuidance')}</Typography.Text>
              ) : (
                hit.guidance.map((g) => <GuidancePanel key={g.id} guidance={g} />)
              ),
          },
        ]}
      />
    </Card>
  );
}

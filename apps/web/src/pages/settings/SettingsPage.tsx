import { Alert, Card, Col, Descriptions, Flex, Row, Tag } from 'antd';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { roleLabel } from '../../i18n/labels.ts';
import { Page } from '../../components/Page.tsx';
import { PasswordCard } from './PasswordCard.tsx';
import { TotpCard } from './TotpCard.tsx';
import { DutySettingsCard } from '../duty/DutySettingsCard.tsx';

export default function SettingsPage() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  if (!me) return null;
  return (
    <Page title={t('settings.title')} testId="settings-page">
      <Flex vertical gap={16}>
        {me.mustChangePassword && <Alert type="warning" showIcon message={t('header.mustChangePassword')} />}
        <Card title={t('settings.profile')} size="small">
          <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
            <Descriptions.Item label={t('officer.name')}>{me.name}</Descriptions.Item>
            <Descriptions.Item label={t('login.username')}>{me.username}</Descriptions.Item>
            <Descriptions.Item label={t('officer.org')}>{me.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('officer.roles')}>
              {me.roles.map((r) => (
                <Tag key={r}>{roleLabel(t, r)}</Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <PasswordCard />
          </Col>
          <Col xs={24} lg={12}>
            <TotpCard />
          </Col>
          {can('config:write') && !me.cityWide && (
            <Col xs={24} lg={12}>
              <DutySettingsCard />
            </Col>
          )}
        </Row>
      </Flex>
    </Page>
  );
}

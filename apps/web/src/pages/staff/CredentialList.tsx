import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Credential } from '@chengguan/contracts';
import { officerApi } from '../../api/endpoints.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { domainLabel } from '../../i18n/labels.ts';
import { CredentialStatusTag } from './CredentialStatusTag.tsx';
import { CredentialModal, type CredentialTarget } from './CredentialModal.tsx';
import { DataTable } from '../../components/DataTable.tsx';

export function CredentialList({
  officerId,
  credentials,
  canWrite,
  onChanged,
}: {
  officerId: string;
  credentials: Credential[];
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [target, setTarget] = useState<CredentialTarget | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const setRevoked = async (c: Credential, revoked: boolean) => {
    setBusy(c.id);
    try {
      await officerApi.updateCredential(c.id, { revoked }, { idempotencyKey: newIdempotencyKey() });
      void message.success(t('common.saved'));
      onChanged();
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      title={t('credential.title')}
      data-testid="credential-list"
      extra={
        canWrite && (
          <Button
            size="small"
            type="primary"
            ghost
            icon={<PlusOutlined />}
            onClick={() => setTarget({ mode: 'create', officerId })}
            data-testid="credential-add"
          >
            {t('credential.add')}
          </Button>
        )
      }
    >
      <DataTable<Credential>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={credentials}
        scroll={{ x: 560 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('credential.none')} /> }}
        columns={[
          { title: t('credential.number'), dataIndex: 'number', width: 130 },
          {
            title: t('credential.domains'),
            dataIndex: 'domains',
            render: (ds: Credential['domains']) => ds.map((d) => <Tag key={d}>{domainLabel(t, d)}</Tag>),
          },
          {
            title: t('credential.validity'),
            width: 200,
            render: (_, c) => `${c.validFrom} ~ ${c.validTo}`,
          },
          {
            title: t('officer.credentialStatus'),
            dataIndex: 'status',
            width: 130,
            render: (s: Credential['status']) => <CredentialStatusTag status={s} />,
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 120,
                  render: (_: unknown, c: Credential) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', credential: c })}>
                        {t('common.edit')}
                      </Button>
                      {c.revoked ? (
                        <Button type="link" size="small" loading={busy === c.id} onClick={() => void setRevoked(c, false)}>
                          {t('credential.restore')}
                        </Button>
                      ) : (
                        <Popconfirm
                          title={t('credential.revokeConfirm')}
                          onConfirm={() => setRevoked(c, true)}
                          okButtonProps={{ danger: true }}
                        >
                          <Button type="link" size="small" danger loading={busy === c.id}>
                            {t('credential.revoke')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CredentialModal
        target={target}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          onChanged();
        }}
      />
    </Card>
  );
}

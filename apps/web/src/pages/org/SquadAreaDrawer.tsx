// 中队责任区: the squad's service area on the map, replaced by a GeoJSON polygon pasted or read from a file. The server
// checks the boundary (closed rings, inside the city's bounds) and counts the registry's subjects that fall inside
// before anything is saved; saving re-derives the squad of every subject it holds.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Space, Spin, Typography, Upload } from 'antd';
import { EyeOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import type { OrgArea, OrgAreaPreview, OrgNode, PutOrgAreaBody } from '@chengguan/contracts';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { subjectApi } from '../../api/subjects.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { loadMapData, type MapData } from '../../map/map-data.ts';
import type { AreaGeometry } from './SquadAreaMap.tsx';

const SquadAreaMap = lazy(() => import('./SquadAreaMap.tsx'));

type Values = { streetName: string; geometry: string };

/** The geometry of a GeoJSON text: a Polygon or MultiPolygon, or the first feature of a Feature or FeatureCollection. */
export function geometryOf(text: string): unknown {
  const json = JSON.parse(text) as { type?: string; geometry?: unknown; features?: { geometry?: unknown }[] };
  if (json?.type === 'Feature') return json.geometry;
  if (json?.type === 'FeatureCollection') return json.features?.[0]?.geometry;
  return json;
}

const isArea = (g: unknown): g is AreaGeometry =>
  typeof g === 'object' &&
  g !== null &&
  ((g as { type?: unknown }).type === 'Polygon' || (g as { type?: unknown }).type === 'MultiPolygon') &&
  Array.isArray((g as { coordinates?: unknown }).coordinates);

export function SquadAreaDrawer({ org, canWrite, onClose }: { org: OrgNode | null; canWrite: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [area, setArea] = useState<OrgArea | null>(null);
  const [loading, setLoading] = useState(false);
  const [mapData, setMapData] = useState<MapData | null>(null);
  const [draft, setDraft] = useState<AreaGeometry | null>(null);
  const [preview, setPreview] = useState<OrgAreaPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const orgId = org?.id ?? null;

  const load = useCallback(
    (id: string, name: string) => {
      setLoading(true);
      subjectApi
        .area(id)
        .then((a) => {
          setArea(a);
          form.setFieldsValue({ streetName: a.streetName, geometry: JSON.stringify(a.geometry, null, 2) });
        })
        .catch((e: unknown) => {
          setArea(null);
          form.setFieldsValue({ streetName: name, geometry: '' });
          if (!(e instanceof ApiError && e.status === 404)) void message.error(errorText(e, t, lang));
        })
        .finally(() => setLoading(false));
    },
    [form, message, t, lang],
  );

  useEffect(() => {
    setDraft(null);
    setPreview(null);
    form.resetFields();
    if (org) load(org.id, org.name);
  }, [org, load, form]);

  useEffect(() => {
    if (!orgId) return;
    loadMapData()
      .then(setMapData)
      .catch(() => setMapData(null));
  }, [orgId]);

  /** The form's body, or null after marking the field when the text is not GeoJSON. */
  const body = async (): Promise<PutOrgAreaBody | null> => {
    const v = await form.validateFields();
    let geometry: unknown;
    try {
      geometry = geometryOf(v.geometry);
    } catch {
      form.setFields([{ name: 'geometry', errors: [t('orgArea.notJson')] }]);
      return null;
    }
    return { streetName: v.streetName.trim(), geometry: geometry as PutOrgAreaBody['geometry'] };
  };

  const onText = (text: string) => {
    setPreview(null);
    try {
      const g = geometryOf(text);
      setDraft(isArea(g) ? g : null);
    } catch {
      setDraft(null);
    }
  };

  const onPreview = async () => {
    if (!orgId) return;
    const b = await body().catch(() => null);
    if (!b) return;
    setPreviewing(true);
    try {
      setPreview(await subjectApi.previewArea(orgId, b));
    } catch (e) {
      setPreview(null);
      if (!applyServerErrors(form, e, lang)) void message.error(errorText(e, t, lang));
    } finally {
      setPreviewing(false);
    }
  };

  const save = useSubmit<PutOrgAreaBody, OrgArea>(form, (b, key) => subjectApi.putArea(orgId!, b, { idempotencyKey: key }), {
    onSuccess: (saved) => {
      void message.success(t('orgArea.saved', { n: saved.subjectsMoved ?? 0 }));
      setArea(saved);
      setDraft(null);
      setPreview(null);
    },
  });
  const onSave = async () => {
    const b = await body().catch(() => null);
    if (b) await save.submit(b);
  };

  return (
    <Drawer
      open={!!org}
      onClose={onClose}
      width={720}
      title={org ? t('orgArea.title', { name: org.name }) : ''}
      destroyOnHidden
      data-testid="squad-area-drawer"
    >
      <Spin spinning={loading}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {!loading && !area && <Alert type="info" showIcon message={t('orgArea.none')} data-testid="squad-area-none" />}
          {mapData ? (
            <Suspense fallback={<Spin />}>
              <SquadAreaMap
                data={mapData}
                saved={area && isArea(area.geometry) ? area.geometry : null}
                draft={draft}
                unavailableText={t('orgArea.mapUnavailable')}
              />
            </Suspense>
          ) : (
            <Typography.Text type="secondary">{t('orgArea.mapUnavailable')}</Typography.Text>
          )}
          <Typography.Text type="secondary">{t('orgArea.legend')}</Typography.Text>
          {canWrite && (
            <Form
              form={form}
              layout="vertical"
              onValuesChange={(changed: Partial<Values>) => changed.geometry !== undefined && onText(changed.geometry)}
            >
              <Form.Item
                name="streetName"
                label={t('orgArea.streetName')}
                rules={[{ required: true, whitespace: true, message: t('orgArea.streetNameRequired') }]}
              >
                <Input maxLength={40} data-testid="squad-area-street" />
              </Form.Item>
              <Form.Item
                name="geometry"
                label={t('orgArea.geometry')}
                extra={t('orgArea.geometryHint')}
                rules={[{ required: true, whitespace: true, message: t('orgArea.geometryRequired') }]}
              >
                <Input.TextArea
                  rows={8}
                  spellCheck={false}
                  style={{ fontFamily: 'monospace', fontSize: 12 }}
                  data-testid="squad-area-geometry"
                />
              </Form.Item>
              <Space wrap>
                <Upload
                  accept=".geojson,.json"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void file.text().then((text) => {
                      form.setFieldsValue({ geometry: text });
                      form.setFields([{ name: 'geometry', errors: [] }]);
                      onText(text);
                    });
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} data-testid="squad-area-file">
                    {t('orgArea.readFile')}
                  </Button>
                </Upload>
                <Button icon={<EyeOutlined />} loading={previewing} onClick={() => void onPreview()} data-testid="squad-area-preview">
                  {t('orgArea.preview')}
                </Button>
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  loading={save.loading}
                  onClick={() => void onSave()}
                  data-testid="squad-area-save"
                >
                  {t('common.save')}
                </Button>
              </Space>
            </Form>
          )}
          {preview && (
            <Descriptions bordered size="small" column={1} data-testid="squad-area-counts">
              <Descriptions.Item label={t('orgArea.inside')}>
                <span data-testid="squad-area-inside">{preview.inside}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('orgArea.joining')}>{preview.joining}</Descriptions.Item>
              <Descriptions.Item label={t('orgArea.leaving')}>{preview.leaving}</Descriptions.Item>
            </Descriptions>
          )}
        </Space>
      </Spin>
    </Drawer>
  );
}

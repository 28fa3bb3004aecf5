import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Steps,
  Switch,
  Tag,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { SUBJECT_KIND_CODES, type CreatePlanBody, type Officer, type PlanDetail, type SubjectKindCode } from '@chengguan/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { planApi } from '../../api/random-inspections.ts';
import { officerApi } from '../../api/endpoints.ts';
import { inspectionsApi } from '../../api/inspections.ts';
import { ApiError } from '../../api/client.ts';
import { serverFieldName } from '../../api/errors.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { flattenOrgs, useOrgTree } from '../../lib/orgTree.ts';
import { Page } from '../../components/Page.tsx';
import { MatterSelect } from '../inspections/MatterSelect.tsx';
import { SubjectSelect } from '../subjects/SubjectSelect.tsx';
import { kindLabel, levelLabel } from './labels.ts';

const LEVELS = ['red', 'yellow', 'green'] as const;

type Values = {
  title: string;
  period: [Dayjs, Dayjs];
  drawsPerYear: number;
  matterCodes: string[];
  orgIds: string[];
  subjectKinds: SubjectKindCode[];
  riskLevels: string[];
  customProportions: boolean;
  percents: Record<string, number | null>;
  maxTargetsPerTeam: number | null;
  publishWithinWorkingDays: number;
  conflicts: { officerId: string; subjectId: string; reason: string }[];
};

const STEP_FIELDS: (keyof Values)[][] = [
  ['title', 'period', 'drawsPerYear'],
  ['orgIds', 'subjectKinds', 'riskLevels'],
  ['matterCodes'],
  ['conflicts'],
  ['customProportions', 'percents', 'maxTargetsPerTeam', 'publishWithinWorkingDays'],
  [],
];
const FIELD_MAP: Record<string, string> = { periodFrom: 'period', periodTo: 'period', proportions: 'percents' };

/** The squads' officers, each squad asked on its own (its whole staff, not a page of the jurisdiction's). */
async function squadOfficers(orgIds: string[], signal: AbortSignal): Promise<Officer[]> {
  const pages = await Promise.all(orgIds.map((orgId) => officerApi.list({ orgId, active: true, page: 1, pageSize: 200 }, signal)));
  return pages.flatMap((p) => p.items);
}

function toBody(v: Values): CreatePlanBody {
  return {
    title: v.title,
    periodFrom: v.period[0].format('YYYY-MM-DD'),
    periodTo: v.period[1].format('YYYY-MM-DD'),
    drawsPerYear: v.drawsPerYear,
    matterCodes: v.matterCodes ?? [],
    orgIds: v.orgIds ?? [],
    subjectKinds: v.subjectKinds ?? [],
    riskLevels: v.riskLevels ?? [],
    ...(v.customProportions
      ? {
          proportions: LEVELS.filter((l) => typeof v.percents?.[l] === 'number').map((l) => ({
            level: l,
            basisPoints: Math.round((v.percents[l] as number) * 100),
          })),
        }
      : { proportions: [] }),
    maxTargetsPerTeam: v.maxTargetsPerTeam ?? null,
    publishWithinWorkingDays: v.publishWithinWorkingDays,
    conflicts: (v.conflicts ?? []).filter((c) => c?.officerId && c.subjectId),
  };
}

function fromPlan(p: PlanDetail): Partial<Values> {
  return {
    title: p.title,
    period: [dayjs(p.periodFrom), dayjs(p.periodTo)],
    drawsPerYear: p.drawsPerYear,
    matterCodes: p.matters.map((m) => m.code),
    orgIds: p.squads.map((s) => s.id),
    subjectKinds: p.subjectKinds,
    riskLevels: p.riskLevels,
    customProportions: !p.proportionsDefault,
    percents: Object.fromEntries(p.proportions.map((x) => [x.level, x.basisPoints / 100])),
    maxTargetsPerTeam: p.maxTargetsPerTeam,
    publishWithinWorkingDays: p.publishWithinWorkingDays,
    conflicts: p.conflicts.map((c) => ({ officerId: c.officerId, subjectId: c.subjectId, reason: c.reason })),
  };
}

export default function PlanWizardPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const existing = useLoad((signal) => (id ? planApi.get(id, signal) : Promise.resolve(null)), id ?? 'new');
  const orgs = useOrgTree();
  const squads = useMemo(() => flattenOrgs(orgs.data ?? []).filter((o) => o.kind === 'squad' && o.active), [orgs.data]);
  const watchedSquads = Form.useWatch('orgIds', form) as string[] | undefined;
  const chosenSquads = useMemo(() => [...(watchedSquads ?? [])].sort(), [watchedSquads]);
  const officers = useLoad((signal) => squadOfficers(chosenSquads, signal), `officers:${chosenSquads.join(',')}`);
  const watchedKinds = Form.useWatch('subjectKinds', form) as SubjectKindCode[] | undefined;
  const chosenKinds = useMemo(() => watchedKinds ?? [], [watchedKinds]);
  const matters = useLoad((signal) => inspectionsApi.matters({ active: true }, signal), 'active-matters');
  /** The subjects of a saved plan's recusals, labelled before any search. */
  const conflictSubjects = useMemo(
    () => new Map((existing.data?.conflicts ?? []).map((c) => [c.subjectId, { id: c.subjectId, name: c.subjectName }])),
    [existing.data],
  );
  const custom = Form.useWatch('customProportions', form) ?? false;

  useEffect(() => {
    if (existing.data) form.setFieldsValue(fromPlan(existing.data));
  }, [existing.data, form]);

  const { submit, loading } = useSubmit<Values, PlanDetail>(
    form,
    async (values, key) => {
      try {
        const body = toBody(values);
        const plan = existing.data;
        return plan
          ? await planApi.update(
              plan.id,
              { ...body, proportions: body.proportions?.length ? body.proportions : null, expectedVersion: plan.version },
              { idempotencyKey: key },
            )
          : await planApi.create(body, { idempotencyKey: key });
      } catch (e) {
        // Show the step holding the refused field.
        if (e instanceof ApiError && e.body.field) {
          const raw = serverFieldName(e.body.field);
          const name = (FIELD_MAP[raw] ?? raw) as keyof Values;
          const s = STEP_FIELDS.findIndex((fields) => fields.includes(name));
          if (s >= 0) setStep(s);
        }
        throw e;
      }
    },
    { successMessage: t('common.saved'), fieldMap: FIELD_MAP, onSuccess: (p) => navigate(`/inspection-plans/${p.id}`) },
  );

  const next = async () => {
    await form.validateFields(STEP_FIELDS[step] as string[]);
    setStep((s) => s + 1);
  };
  const squadName = (sid: string) => squads.find((s) => s.id === sid)?.name ?? sid;
  const officerOptions = (officers.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.orgName}，${o.employeeNo}）` }));
  const matterName = (code: string) => (matters.data ?? []).find((m) => m.code === code)?.nameZh ?? code;
  // Kinds taken out: the matters that fitted only them go too.
  const onKindsChange = (kinds: string[]) => {
    const keep = (form.getFieldValue('matterCodes') as string[] | undefined)?.filter((c) => {
      const m = matters.data?.find((x) => x.code === c);
      return !m || m.subjectKinds.some((k) => kinds.includes(k));
    });
    if (keep) form.setFieldValue('matterCodes', keep);
  };
  const v = form.getFieldsValue(true) as Values;

  const show = (s: number) => ({ display: step === s ? undefined : 'none' });
  return (
    <Page title={id ? t('plan.editTitle') : t('plan.newTitle')} testId="plan-wizard">
      <Steps
        current={step}
        onChange={setStep}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { title: t('plan.step.basic') },
          { title: t('plan.step.targets') },
          { title: t('plan.step.matters') },
          { title: t('plan.step.inspectors') },
          { title: t('plan.step.proportions') },
          { title: t('plan.step.review') },
        ]}
      />
      <Card>
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 760 }}
          initialValues={{ drawsPerYear: 4, publishWithinWorkingDays: 20, customProportions: false, riskLevels: [], conflicts: [] }}
          onFinish={(values) => void submit({ ...(form.getFieldsValue(true) as Values), ...values })}
        >
          <div style={show(0)}>
            <Form.Item
              name="title"
              label={t('plan.title')}
              rules={[{ required: true, min: 2, max: 100, whitespace: true, message: t('common.required', { field: t('plan.title') }) }]}
            >
              <Input maxLength={100} data-testid="plan-title-input" />
            </Form.Item>
            <Form.Item
              name="period"
              label={t('plan.period')}
              rules={[{ required: true, message: t('common.required', { field: t('plan.period') }) }]}
            >
              <DatePicker.RangePicker data-testid="plan-period" />
            </Form.Item>
            <Form.Item name="drawsPerYear" label={t('plan.drawsPerYear')} extra={t('plan.drawsPerYearHelp')}>
              <InputNumber min={1} max={366} />
            </Form.Item>
          </div>
          <div style={show(1)}>
            <Form.Item
              name="orgIds"
              label={t('plan.squads')}
              rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('plan.squads') }) }]}
            >
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={squads.map((s) => ({ value: s.id, label: s.name }))}
                data-testid="plan-squads"
              />
            </Form.Item>
            <Form.Item
              name="subjectKinds"
              label={t('plan.kinds')}
              rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('plan.kinds') }) }]}
            >
              <Checkbox.Group
                options={SUBJECT_KIND_CODES.map((k) => ({ value: k, label: kindLabel(t, k) }))}
                onChange={(v) => onKindsChange(v as string[])}
                data-testid="plan-kinds"
              />
            </Form.Item>
            <Form.Item name="riskLevels" label={t('plan.levels')} extra={t('plan.levelsAll')}>
              <Checkbox.Group options={LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))} />
            </Form.Item>
          </div>
          <div style={show(2)}>
            <Form.Item
              name="matterCodes"
              label={t('plan.matters')}
              extra={t('plan.mattersHelp')}
              rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('plan.matters') }) }]}
            >
              <MatterSelect kinds={chosenKinds} source={matters} testId="plan-matters" />
            </Form.Item>
          </div>
          <div style={show(3)}>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('plan.inspectorsHelp')} />
            <Form.List name="conflicts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item
                        name={[f.name, 'officerId']}
                        label={t('plan.conflictOfficer')}
                        rules={[{ required: true, message: t('common.required', { field: t('plan.conflictOfficer') }) }]}
                      >
                        <Select
                          style={{ width: 240 }}
                          showSearch
                          optionFilterProp="label"
                          loading={officers.loading}
                          options={officerOptions}
                          placeholder={t('plan.conflictOfficerPick')}
                          data-testid="plan-conflict-officer"
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'subjectId']}
                        label={t('plan.conflictSubject')}
                        rules={[{ required: true, message: t('common.required', { field: t('plan.conflictSubject') }) }]}
                      >
                        <SubjectSelect
                          style={{ width: 300 }}
                          initial={conflictSubjects.get(form.getFieldValue(['conflicts', f.name, 'subjectId']) as string) ?? null}
                          kind={chosenKinds.length === 1 ? chosenKinds[0] : undefined}
                          orgId={chosenSquads.length === 1 ? chosenSquads[0] : undefined}
                          testId="plan-conflict-subject"
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'reason']}
                        label={t('plan.conflictReason')}
                        rules={[{ required: true, min: 2, message: t('common.required', { field: t('plan.conflictReason') }) }]}
                      >
                        <Input style={{ width: 200 }} maxLength={200} data-testid="plan-conflict-reason" />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add()} data-testid="plan-conflict-add">
                    {t('plan.conflictAdd')}
                  </Button>
                </>
              )}
            </Form.List>
          </div>
          <div style={show(4)}>
            <Form.Item
              name="customProportions"
              label={t('plan.proportions')}
              valuePropName="checked"
              extra={custom ? undefined : t('plan.proportionsDefault')}
            >
              <Switch />
            </Form.Item>
            {custom && (
              <Flex gap={16} wrap>
                {LEVELS.map((l) => (
                  <Form.Item key={l} name={['percents', l]} label={`${levelLabel(t, l)} ${t('plan.proportionPercent')}`}>
                    <InputNumber min={0} max={100} step={5} addonAfter="%" />
                  </Form.Item>
                ))}
              </Flex>
            )}
            <Form.Item name="maxTargetsPerTeam" label={t('plan.cap')} extra={t('plan.capNone')}>
              <InputNumber min={1} max={100000} />
            </Form.Item>
            <Form.Item name="publishWithinWorkingDays" label={t('plan.publishDays')} extra={t('plan.publishDaysHelp')}>
              <InputNumber min={1} max={250} />
            </Form.Item>
          </div>
          {step === 5 && (
            <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }} data-testid="plan-review">
              <Descriptions.Item label={t('plan.title')}>{v.title}</Descriptions.Item>
              <Descriptions.Item label={t('plan.period')}>
                {v.period ? `${v.period[0].format('YYYY-MM-DD')} ~ ${v.period[1].format('YYYY-MM-DD')}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.matters')}>{(v.matterCodes ?? []).map(matterName).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('plan.squads')}>{(v.orgIds ?? []).map(squadName).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('plan.kinds')}>
                {(v.subjectKinds ?? []).map((k) => (
                  <Tag key={k}>{kindLabel(t, k)}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.levels')}>
                {(v.riskLevels ?? []).length ? v.riskLevels.map((l) => levelLabel(t, l)).join('、') : t('plan.levelsAll')}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.conflicts')}>{(v.conflicts ?? []).length}</Descriptions.Item>
              <Descriptions.Item label={t('plan.proportions')}>
                {v.customProportions
                  ? LEVELS.map((l) => `${levelLabel(t, l)} ${v.percents?.[l] ?? '—'}%`).join('；')
                  : t('plan.proportionsDefault')}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.cap')}>{v.maxTargetsPerTeam ?? t('plan.capNone')}</Descriptions.Item>
              <Descriptions.Item label={t('plan.publishDays')}>{v.publishWithinWorkingDays}</Descriptions.Item>
            </Descriptions>
          )}
          <Space>
            {step > 0 && <Button onClick={() => setStep((s) => s - 1)}>{t('plan.prev')}</Button>}
            {step < 5 && (
              <Button type="primary" onClick={() => void next().catch(() => undefined)} data-testid="plan-next">
                {t('plan.next')}
              </Button>
            )}
            {step === 5 && (
              <Button type="primary" htmlType="submit" loading={loading} data-testid="plan-save">
                {t('plan.saveDraft')}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </Page>
  );
}

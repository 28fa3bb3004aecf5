import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { DEADLINE_KINDS, PERIOD_UNITS, type DeadlineBody, type DeadlineKind } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { fromDay, yuanToFen } from '../labels.ts';

type Unit = (typeof PERIOD_UNITS)[number];
type TicketKind = NonNullable<DeadlineBody['ticketKind']>;
const TICKET_KINDS: TicketKind[] = ['consultation', 'supervision', 'complaint', 'complex'];

export type DeadlineFormValues = {
  kind: DeadlineKind;
  start: Dayjs;
  periodUnit?: Unit;
  periodN?: number;
  extensionUnit?: Unit;
  extensionN?: number | null;
  extensionBasis?: string;
  deferredUntil?: Dayjs | null;
  fine?: number | null;
  asOf?: Dayjs | null;
  paused?: { range?: [Dayjs | null, Dayjs | null] | null }[];
  reviewOrLitigationFiled?: boolean;
  reminderServedOn?: Dayjs | null;
  deferralEndsOn?: Dayjs | null;
  today?: Dayjs | null;
  discoveredOn?: Dayjs | null;
  continuingUntil?: Dayjs | null;
  involvesLifeHealthOrFinancialSafety?: boolean;
  harmfulConsequence?: boolean;
  ticketKind?: TicketKind;
  extended?: boolean;
  testingDays?: number | null;
};

const date = (d: Dayjs | null | undefined) => fromDay(d) ?? undefined;

export function toDeadlineBody(v: DeadlineFormValues): DeadlineBody {
  const body: DeadlineBody = { kind: v.kind, start: fromDay(v.start)! };
  switch (v.kind) {
    case 'period':
      body.period = { unit: v.periodUnit ?? 'working_day', n: v.periodN ?? 0 };
      break;
    case 'E4':
      if (v.extensionN && v.extensionBasis?.trim()) {
        body.extension = { period: { unit: v.extensionUnit ?? 'calendar_day', n: v.extensionN }, legalBasis: v.extensionBasis.trim() };
      }
      break;
    case 'G1':
      body.deferredUntil = date(v.deferredUntil);
      break;
    case 'G2':
      body.fineFen = v.fine === null || v.fine === undefined ? undefined : yuanToFen(v.fine);
      body.asOf = date(v.asOf);
      body.pausedIntervals = (v.paused ?? [])
        .filter((p) => p.range?.[0])
        .map((p) => ({ from: fromDay(p.range?.[0])!, ...(p.range?.[1] ? { to: fromDay(p.range[1])! } : {}) }));
      break;
    case 'G3':
      body.reviewOrLitigationFiled = v.reviewOrLitigationFiled ?? false;
      body.reminderServedOn = date(v.reminderServedOn);
      body.deferralEndsOn = date(v.deferralEndsOn);
      body.today = date(v.today);
      break;
    case 'C4':
      body.discoveredOn = date(v.discoveredOn);
      body.continuingUntil = date(v.continuingUntil);
      body.involvesLifeHealthOrFinancialSafety = v.involvesLifeHealthOrFinancialSafety ?? false;
      body.harmfulConsequence = v.harmfulConsequence ?? false;
      break;
    case 'I6':
      body.ticketKind = v.ticketKind;
      break;
    case 'H3':
      body.extended = v.extended ?? false;
      if (v.testingDays !== null && v.testingDays !== undefined) body.testingDays = v.testingDays;
      break;
    default:
      break;
  }
  return body;
}

/** Request field → form field. */
export function deadlineField(parts: string[]): string | undefined {
  const [head, second] = parts;
  if (head === 'period') return second === 'unit' ? 'periodUnit' : 'periodN';
  if (head === 'extension') return 'extensionBasis';
  if (head === 'fineFen') return 'fine';
  if (head === 'pausedIntervals') return 'paused';
  return undefined;
}

export const kindOptions = (t: ReturnType<typeof useI18n>['t']) =>
  DEADLINE_KINDS.map((k) => ({ value: k, label: `${k === 'period' ? '' : `${k.replace(/_.*/, '')} `}${t(`law.deadline.kind.${k}`)}` }));

const DateItem = ({ name, label, testId }: { name: keyof DeadlineFormValues; label: string; testId?: string }) => (
  <Col xs={24} sm={12}>
    <Form.Item name={name} label={label}>
      <DatePicker style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  </Col>
);

const SwitchItem = ({ name, label }: { name: keyof DeadlineFormValues; label: string }) => (
  <Col xs={24} sm={12}>
    <Form.Item name={name} label={label} valuePropName="checked">
      <Switch />
    </Form.Item>
  </Col>
);

/** The inputs a named deadline needs besides its start day. */
export function DeadlineExtraFields({ kind }: { kind: DeadlineKind | undefined }) {
  const { t } = useI18n();
  const units = PERIOD_UNITS.map((u) => ({ value: u, label: t(`law.deadline.unit.${u}`) }));
  switch (kind) {
    case 'period':
      return (
        <Space.Compact>
          <Form.Item name="periodN" rules={[{ required: true, message: t('common.required', { field: t('law.deadline.n') }) }]} noStyle>
            <InputNumber
              min={0}
              max={3650}
              precision={0}
              placeholder={t('law.deadline.n')}
              style={{ width: 120 }}
              data-testid="law-deadline-n"
            />
          </Form.Item>
          <Form.Item name="periodUnit" noStyle>
            <Select options={units} style={{ width: 140 }} data-testid="law-deadline-unit" />
          </Form.Item>
        </Space.Compact>
      );
    case 'E4':
      return (
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('law.deadline.extension')}>
              <Space.Compact>
                <Form.Item name="extensionN" noStyle>
                  <InputNumber min={1} max={3650} precision={0} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name="extensionUnit" noStyle>
                  <Select options={units} style={{ width: 130 }} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="extensionBasis" label={t('law.deadline.extensionBasis')} rules={[{ max: 500 }]}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'G1':
      return <Row gutter={12}>{DateItem({ name: 'deferredUntil', label: t('law.deadline.deferredUntil') })}</Row>;
    case 'G2':
      return (
        <>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="fine"
                label={t('law.deadline.fine')}
                rules={[{ required: true, message: t('common.required', { field: t('law.deadline.fine') }) }]}
              >
                <InputNumber min={0} precision={2} suffix={t('law.yuan')} style={{ width: '100%' }} data-testid="law-deadline-fine" />
              </Form.Item>
            </Col>
            {DateItem({ name: 'asOf', label: t('law.deadline.asOf'), testId: 'law-deadline-as-of' })}
          </Row>
          <Form.List name="paused">
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('law.deadline.paused')} extra={t('law.deadline.pausedHint')}>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'range']} style={{ marginBottom: 8 }}>
                      <DatePicker.RangePicker allowEmpty={[false, true]} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                {fields.length < 20 && (
                  <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('law.deadline.addPause')}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        </>
      );
    case 'G3':
      return (
        <Row gutter={12}>
          <SwitchItem name="reviewOrLitigationFiled" label={t('law.deadline.reviewFiled')} />
          {DateItem({ name: 'reminderServedOn', label: t('law.deadline.reminderServedOn') })}
          {DateItem({ name: 'deferralEndsOn', label: t('law.deadline.deferralEndsOn') })}
          {DateItem({ name: 'today', label: t('law.deadline.today') })}
        </Row>
      );
    case 'C4':
      return (
        <Row gutter={12}>
          {DateItem({ name: 'discoveredOn', label: t('law.deadline.discoveredOn') })}
          {DateItem({ name: 'continuingUntil', label: t('law.deadline.continuingUntil') })}
          <SwitchItem name="involvesLifeHealthOrFinancialSafety" label={t('law.deadline.lifeHealth')} />
          <SwitchItem name="harmfulConsequence" label={t('law.deadline.harmful')} />
        </Row>
      );
    case 'I6':
      return (
        <Form.Item
          name="ticketKind"
          label={t('law.deadline.ticketKind')}
          rules={[{ required: true, message: t('common.required', { field: t('law.deadline.ticketKind') }) }]}
        >
          <Select options={TICKET_KINDS.map((k) => ({ value: k, label: t(`law.deadline.ticket.${k}`) }))} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'H3':
      return (
        <Row gutter={12}>
          <SwitchItem name="extended" label={t('law.deadline.extended')} />
          <Col xs={24} sm={12}>
            <Form.Item name="testingDays" label={t('law.deadline.testingDays')}>
              <InputNumber min={0} max={365} precision={0} />
            </Form.Item>
          </Col>
        </Row>
      );
    default:
      return null;
  }
}

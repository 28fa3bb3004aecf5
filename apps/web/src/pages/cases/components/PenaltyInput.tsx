import { Flex, InputNumber, Select } from 'antd';
import type { PenaltyBody, PenaltyTypeCode } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { fenToYuan, yuanToFen } from '../format.ts';
import { penaltyOptions } from '../labels.ts';

/** The penalty as the form holds it: money in 元 (the API wants fen). */
export type PenaltyValue = { penalties: PenaltyTypeCode[]; fineYuan?: number | null; confiscationYuan?: number | null };

export function toPenaltyBody(v: PenaltyValue | undefined): PenaltyBody | undefined {
  if (!v || v.penalties.length === 0) return undefined;
  const body: PenaltyBody = { penalties: v.penalties };
  if (v.penalties.includes('fine') && typeof v.fineYuan === 'number') body.fineFen = yuanToFen(v.fineYuan);
  const confiscates = v.penalties.includes('confiscate_illegal_gains') || v.penalties.includes('confiscate_illegal_property');
  if (confiscates && typeof v.confiscationYuan === 'number') body.confiscationFen = yuanToFen(v.confiscationYuan);
  return body;
}

export function fromPenaltyBody(p: PenaltyBody | null | undefined): PenaltyValue | undefined {
  if (!p) return undefined;
  return {
    penalties: [...p.penalties],
    fineYuan: p.fineFen === undefined ? undefined : fenToYuan(p.fineFen),
    confiscationYuan: p.confiscationFen === undefined ? undefined : fenToYuan(p.confiscationFen),
  };
}

/** Penalty types, and the amounts in 元 for a fine or a confiscation. */
export function PenaltyInput({ value, onChange, id }: { value?: PenaltyValue; onChange?: (v: PenaltyValue) => void; id?: string }) {
  const { t } = useI18n();
  const v: PenaltyValue = value ?? { penalties: [] };
  const set = (p: Partial<PenaltyValue>) => onChange?.({ ...v, ...p });
  const fine = v.penalties.includes('fine');
  const confiscates = v.penalties.includes('confiscate_illegal_gains') || v.penalties.includes('confiscate_illegal_property');
  return (
    <Flex vertical gap={8} id={id}>
      <Select
        mode="multiple"
        value={v.penalties}
        onChange={(penalties: PenaltyTypeCode[]) => set({ penalties })}
        options={penaltyOptions(t)}
        placeholder={t('case.field.penalties')}
        data-testid="penalty-types"
      />
      {fine && (
        <InputNumber<number>
          min={0}
          step={10}
          precision={2}
          value={v.fineYuan ?? null}
          onChange={(fineYuan) => set({ fineYuan })}
          prefix={t('case.fineYuan')}
          suffix={t('case.yuan')}
          style={{ width: '100%' }}
          inputMode="decimal"
          data-testid="penalty-fine"
        />
      )}
      {confiscates && (
        <InputNumber<number>
          min={0}
          precision={2}
          value={v.confiscationYuan ?? null}
          onChange={(confiscationYuan) => set({ confiscationYuan })}
          prefix={t('case.confiscationYuan')}
          suffix={t('case.yuan')}
          style={{ width: '100%' }}
          inputMode="decimal"
        />
      )}
    </Flex>
  );
}

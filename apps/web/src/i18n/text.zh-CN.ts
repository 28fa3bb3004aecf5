// Citations and the names shown for machine values (the wording convention, docs/ui-text).
export const textZhCN = {
  'citation.rule': '依据规则',
  'citation.ruleId': '规则编号：{id}',
  'citation.basis': '依据：{citation}',
  'law.calc.refusedTitle': '计算结果',
  'law.calc.refused': '无法按所填情节计算，请按下列说明修改后重新计算',
} as const;

import type { textZhCN } from './text.zh-CN.ts';

export const textEnUS: Record<keyof typeof textZhCN, string> = {
  'citation.rule': 'By rule',
  'citation.ruleId': 'Rule ID: {id}',
  'citation.basis': 'Basis: {citation}',
  'law.calc.refusedTitle': 'Result',
  'law.calc.refused': 'The circumstances as entered cannot be calculated; correct them as described and calculate again',
};

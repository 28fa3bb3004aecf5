// The server's zh-CN texts follow docs/ui-text.md (the console's catalogues are checked by
// apps/web/src/i18n/ui-text.test.ts with the same rules): the error table, the field labels, the validation and
// framework messages, and the sources of the legal configuration shown on 法定参数配置.
import { describe, expect, it } from 'vitest';
import { SHANGHAI_DEFAULTS, uiTextProblems } from '@chengguan/domain';
import { ERROR_TABLE } from '../src/errors/app-error.ts';
import { FIELD_LABELS } from '../src/errors/field-labels.ts';
import { FORMAT_TEXT, FRAMEWORK_ERRORS, KEYWORD_TEXT } from '../src/http/error-handler.ts';
import {
  STARTER_EXEMPTIONS,
  STARTER_GUIDANCE,
  STARTER_OFFENCES,
  STARTER_PROVISIONS,
  STARTER_TIERS,
} from '../src/modules/law/starter-content.ts';

function problemsOf(texts: [where: string, text: string][]): string[] {
  return texts.flatMap(([where, text]) => uiTextProblems(text).map((p) => `${where}: ${p.kind} "${p.match}" in 「${text}」`));
}

describe('server zh-CN texts follow docs/ui-text.md', () => {
  it('the error table', () => {
    const texts = Object.entries(ERROR_TABLE).map(([code, e]) => [code, e.zh] as [string, string]);
    expect(texts.length).toBeGreaterThan(30);
    expect(problemsOf(texts)).toEqual([]);
  });

  it('the field labels, the validation texts and the framework refusals', () => {
    const texts: [string, string][] = [
      ...Object.entries(FIELD_LABELS).map(([k, l]) => [`label ${k}`, l.zh] as [string, string]),
      ...Object.entries(KEYWORD_TEXT).flatMap(([k, f]) => [
        [`keyword ${k}`, f(null).zh] as [string, string],
        [`keyword ${k} (bound)`, f({ zh: '50.00 元', en: '50.00 yuan' }).zh] as [string, string],
      ]),
      ...Object.entries(FORMAT_TEXT).map(([k, f]) => [`format ${k}`, f('2026-02-30').zh] as [string, string]),
      ...Object.entries(FRAMEWORK_ERRORS).map(([k, e]) => [`framework ${k}`, e.zh] as [string, string]),
    ];
    expect(problemsOf(texts)).toEqual([]);
  });

  it('the sources of the Shanghai defaults on 法定参数配置', () => {
    const texts = Object.entries(SHANGHAI_DEFAULTS.sources).map(([k, s]) => [k, s.source] as [string, string]);
    expect(texts.length).toBeGreaterThan(10);
    expect(problemsOf(texts)).toEqual([]);
  });

  it('the sources and notes of the starter law library (shown in 法制库)', () => {
    const entries: { source?: string | null; note?: string | null }[] = [
      ...STARTER_PROVISIONS,
      ...STARTER_OFFENCES,
      ...STARTER_EXEMPTIONS,
      ...STARTER_TIERS,
      ...STARTER_GUIDANCE,
    ];
    const texts = entries.flatMap((e, i) =>
      [e.source, e.note].filter((t): t is string => typeof t === 'string').map((t) => [`entry ${i}`, t] as [string, string]),
    );
    expect(texts.length).toBeGreaterThan(40);
    expect(problemsOf(texts)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, type DocumentTemplateBody } from '@chengguan/contracts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { fenInWords, zhCount, zhDate } from './format.ts';
import { yuanText } from '../money.ts';
import { missingTemplateContents, requiredContents } from './required-contents.ts';
import { emptyDocumentData, sampleDocumentData } from './sample-data.ts';
import { parseTemplateText, renderTemplate, renderText, TemplateSyntaxError, validateTemplate } from './template.ts';

const tpl = (...texts: string[]): DocumentTemplateBody => ({
  title: 'T',
  blocks: texts.map((text) => ({ type: 'paragraph' as const, text })),
});

describe('template renderer', () => {
  const data = sampleDocumentData();

  it('fills {{path}} placeholders', () => {
    expect(renderText('当事人：{{party.name}}，{{agency.name}}', data)).toBe('当事人：王小明，上海市浦东新区城市管理行政执法局');
  });

  it('a truthy section shows once, a false one not at all, an inverted one when empty', () => {
    expect(renderText('{{#penalty.hasFine}}罚款{{penalty.fineYuan}}元{{/penalty.hasFine}}', data)).toBe('罚款1,000.00元');
    const noFine = { ...data, penalty: { ...data.penalty, hasFine: false } };
    expect(renderText('{{#penalty.hasFine}}罚款{{/penalty.hasFine}}', noFine)).toBe('');
    expect(renderText('{{^penalty.hasFine}}无罚款{{/penalty.hasFine}}', noFine)).toBe('无罚款');
  });

  it('an array section repeats with the element fields and {{.}}', () => {
    expect(renderText('{{#evidence}}{{no}}.{{title}}；{{/evidence}}', data)).toBe('1.现场照片；2.询问笔录；');
    expect(renderText('{{#items}}[{{.}}]{{/items}}', { items: ['a', 'b'] })).toBe('[a][b]');
    // Outer names stay reachable inside the section.
    expect(renderText('{{#evidence}}{{party.name}}{{/evidence}}', data)).toBe('王小明王小明');
  });

  it('drops paragraphs that render empty; tables get one row per element', () => {
    const doc = renderTemplate(
      {
        title: '{{doc.title}}',
        blocks: [
          { type: 'paragraph', text: '{{#priorNotice.hearingApplies}}{{priorNotice.hearingText}}{{/priorNotice.hearingApplies}}' },
          { type: 'table', rows: 'evidence', columns: [{ header: '名称', value: '{{title}}' }] },
        ],
      },
      { ...data, priorNotice: { ...data.priorNotice, hearingApplies: false } },
    );
    expect(doc.blocks).toHaveLength(1);
    expect(doc.blocks[0]).toMatchObject({ type: 'table', rows: [['现场照片'], ['询问笔录']] });
  });

  it('refuses unknown placeholders naming them, and unbalanced sections', () => {
    const problems = validateTemplate(tpl('ok {{party.name}}', '{{party.nmae}}', '{{#evidence}}{{titel}}{{/evidence}}'));
    expect(problems.map((p) => [p.field, p.placeholder])).toEqual([
      ['blocks.1.text', 'party.nmae'],
      ['blocks.2.text', 'titel'],
    ]);
    expect(() => parseTemplateText('{{#evidence}}x')).toThrow(TemplateSyntaxError);
    expect(() => parseTemplateText('{{#a}}x{{/b}}')).toThrow(TemplateSyntaxError);
    expect(validateTemplate(tpl('{{party name}}'))[0]!.placeholder).toBe('{{party name}}');
    expect(validateTemplate(tpl('{{extra.anything.goes}}'))).toEqual([]);
    expect(
      validateTemplate({ title: 'T', blocks: [{ type: 'table', rows: 'party.name', columns: [{ header: 'x', value: 'y' }] }] })[0]!.field,
    ).toBe('blocks.0.rows');
  });

  it('every built-in template is valid and carries its statutory contents', () => {
    for (const kind of DOCUMENT_KINDS) {
      expect(validateTemplate(DEFAULT_TEMPLATES[kind]), kind).toEqual([]);
      expect(missingTemplateContents(kind, DEFAULT_TEMPLATES[kind]), kind).toEqual([]);
      const d = sampleDocumentData();
      if (kind === 'summary_decision') d.remedy.text = '如不服本决定，应当先在六十日内向上海市浦东新区人民政府申请行政复议。';
      expect(requiredContents(kind, d), kind).toEqual([]);
    }
  });
});

describe('formatting', () => {
  it('dates and amounts as documents print them', () => {
    expect(zhDate('2026-01-05')).toBe('2026年1月5日');
    expect(yuanText(123456789)).toBe('1,234,567.89');
    expect(fenInWords(100000)).toBe('人民币壹仟元整');
    expect(fenInWords(100050)).toBe('人民币壹仟元伍角整');
    expect(fenInWords(1000007)).toBe('人民币壹万元零柒分');
    expect(fenInWords(20_000_000)).toBe('人民币贰拾万元整');
    expect(fenInWords(1_010_000)).toBe('人民币壹万零壹佰元整');
    expect(zhCount(3)).toBe('三');
    expect(zhCount(15)).toBe('十五');
    expect(zhCount(60)).toBe('六十');
  });
});

describe('required contents by rule', () => {
  const filled = () => sampleDocumentData();

  it('E5 a decision lacks the party address, the evidence or the payment method', () => {
    const d = filled();
    d.party.address = '';
    d.evidence = [];
    d.payment.method = '';
    const missing = requiredContents('decision', d);
    expect(missing.map((m) => [m.path, m.ruleId])).toEqual([
      ['party.address', 'E5'],
      ['evidence', 'E5'],
      ['payment.method', 'E5'],
    ]);
    expect(missing[0]!.article).toBe('行政处罚法 Art. 59');
  });

  it('E5 Art. 28: a decision orders correction', () => {
    const d = filled();
    d.correction.text = '';
    expect(requiredContents('decision', d)).toMatchObject([{ path: 'correction.text', ruleId: 'E5', article: '行政处罚法 Art. 28' }]);
  });

  it('G2 the surcharge standard is stated when there is a fine, not otherwise', () => {
    const d = filled();
    d.payment.surchargeText = '逾期将依法处理';
    expect(requiredContents('decision', d).map((m) => m.ruleId)).toEqual(['G2']);
    d.penalty.hasFine = false;
    expect(requiredContents('decision', d)).toEqual([]);
  });

  it('J1 the review body is the same-level people’s government, with 60 days and 6 months', () => {
    const d = filled();
    d.remedy.text = '如不服本决定，可以在十五日内向上海市城市管理行政执法局申请复议。';
    expect(requiredContents('decision', d).map((m) => m.ruleId)).toEqual(['J1']);
    expect(requiredContents('no_penalty_decision', d).map((m) => m.ruleId)).toEqual(['J1']);
    d.remedy.text = d.remedy.text.replace('上海市城市管理行政执法局', '上海市浦东新区人民政府');
    expect(requiredContents('decision', d).map((m) => m.ruleId)).toEqual(['J1']);
  });

  it('B2 an on-the-spot decision holds the serial number, time, place and officers; B3 review first', () => {
    const d = filled();
    d.summary.serialNumber = '';
    d.case.location = '';
    d.officerNames = '';
    expect(requiredContents('summary_decision', d).map((m) => [m.path, m.ruleId])).toEqual([
      ['summary.serialNumber', 'B2'],
      ['case.location', 'B2'],
      ['officerNames', 'B2'],
      ['remedy.text', 'B3'],
    ]);
    d.summary.serialNumber = 'X1';
    d.case.location = 'L';
    d.officerNames = 'O';
    d.remedy.text = '如不服本决定，应当先在六十日内向上海市浦东新区人民政府申请行政复议。';
    expect(requiredContents('summary_decision', d)).toEqual([]);
  });

  it('G3 a 催告书 holds deadline, method, amount, payment method and the statement rights (强制法 Art. 35)', () => {
    const d = emptyDocumentData();
    expect(requiredContents('payment_reminder', d).map((m) => [m.path, m.article])).toEqual([
      ['reminder.performBy', '行政强制法 Art. 35'],
      ['reminder.method', '行政强制法 Art. 35'],
      ['reminder.totalText', '行政强制法 Art. 35'],
      ['payment.method', '行政强制法 Art. 35'],
      ['reminder.statementRights', '行政强制法 Art. 35'],
    ]);
  });

  it('G3 the court application holds the five items of 强制法 Art. 55', () => {
    const d = filled();
    d.reminder.servedOnZh = '';
    d.court.materials = [];
    expect(requiredContents('court_application', d).map((m) => [m.path, m.ruleId, m.article])).toEqual([
      ['reminder.servedOnZh', 'G3', '行政强制法 Art. 55'],
      ['court.materials', 'G3', '行政强制法 Art. 55'],
    ]);
  });

  it('D4 the prior notice carries the hearing paragraph when the hearing right applies', () => {
    const d = filled();
    d.priorNotice.hearingText = '';
    expect(requiredContents('prior_notice', d).map((m) => m.ruleId)).toEqual(['D4']);
    d.priorNotice.hearingApplies = false;
    expect(requiredContents('prior_notice', d)).toEqual([]);
    const body = structuredClone(DEFAULT_TEMPLATES.prior_notice);
    body.blocks = body.blocks.filter((b) => !(b.type === 'paragraph' && b.text.includes('hearingText')));
    expect(missingTemplateContents('prior_notice', body).map((m) => m.ruleId)).toEqual(['D4']);
  });

  it('E5 a decision template must print the seal', () => {
    const body = structuredClone(DEFAULT_TEMPLATES.decision);
    body.blocks = body.blocks.map((b) => (b.type === 'signature' ? { ...b, seal: false } : b));
    expect(missingTemplateContents('decision', body)).toMatchObject([{ path: 'signature.seal', ruleId: 'E5' }]);
  });
});

// 「还需完成」: every rule that can block a case action has its plain sentence (zh, en) and its citation in the Chinese form.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allowedActions } from './case.evaluate.ts';
import { hasRuleSentence, RULE_SENTENCES, ruleSentence, stillNeeded } from './case.needs.ts';
import { ALL_ROLES, ctxOn, fine, noticeContents, reviewedCase, step, summaryDraft } from './case.fixtures.ts';
import type { CaseSnapshot } from './case-snapshot.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.fixtures.ts') ? [p] : [];
  });
}

/** Every rule ID the domain can put into a block reason or a rule line: block(), requireText(), blockFromLines()'s fallback, ruleId fields, LegalInputError. */
function ruleIdsInSources(): Map<string, string> {
  const patterns = [
    /\bblock\(\s*'([A-Za-z0-9_]+)'/g,
    /\brequireText\(\s*'([A-Za-z0-9_]+)'/g,
    /\bblockFromLines\([^;]*?,\s*'([A-Z][A-Za-z0-9_]*)'/g,
    /ruleId:\s*'([A-Za-z0-9_]+)'/g,
    /new LegalInputError\(\s*'[A-Z_]+',\s*[^,]+,\s*'([A-Za-z0-9_]+)'/g,
  ];
  const found = new Map<string, string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) if (!found.has(m[1]!)) found.set(m[1]!, relative(SRC, file));
  }
  // The fallback of an empty error, never shown for a real refusal.
  found.delete('UNKNOWN');
  return found;
}

describe('RULE_SENTENCES', () => {
  it('every blocking rule code in the domain has its sentence', () => {
    const ids = ruleIdsInSources();
    // The scan must see the rules it is meant to police.
    expect([...ids.keys()]).toEqual(expect.arrayContaining(['A1', 'C1', 'D1', 'D2', 'D5', 'E1', 'E2', 'E4', 'G3', 'STATE', 'ROLE']));
    const missing = [...ids].filter(([id]) => !hasRuleSentence(id)).map(([id, file]) => `${id} (${file})`);
    expect(missing).toEqual([]);
    // The platform adds PERMISSION on top of the domain's answer.
    expect(hasRuleSentence('PERMISSION')).toBe(true);
  });

  it('every sentence is plain Chinese with an English twin, and cites in the Chinese form', () => {
    for (const [id, s] of Object.entries(RULE_SENTENCES)) {
      expect(s.zh.length, id).toBeGreaterThan(4);
      expect(s.en.length, id).toBeGreaterThan(4);
      // No rule IDs, article abbreviations, file names or fen in the zh sentence.
      expect(s.zh, id).not.toMatch(/[A-Z]\d|Art\.|\.md|fen/);
      if (s.citation) {
        expect(s.citation.zh, id).toMatch(/^《[^》]+》第[一二三四五六七八九十百零]+条(第[一二三四五六七八九十]+款)?$/);
        expect(s.citation.zh.startsWith(`《${s.citation.law}》`), id).toBe(true);
        expect(s.citation.article, id).toBeGreaterThan(0);
      }
    }
    expect(RULE_SENTENCES.D2.citation).toEqual({
      law: '中华人民共和国行政处罚法',
      article: 62,
      zh: '《中华人民共和国行政处罚法》第六十二条',
    });
    expect(RULE_SENTENCES.E2.citation).toEqual({
      law: '中华人民共和国行政处罚法',
      article: 57,
      paragraph: 2,
      zh: '《中华人民共和国行政处罚法》第五十七条第二款',
    });
  });

  it('an unknown rule ID gets a generic sentence, not a crash', () => {
    expect(ruleSentence('NO_SUCH_RULE').citation).toBeNull();
  });
});

function everyReachableCase(): CaseSnapshot[] {
  const reviewed = reviewedCase(6_000);
  const noticed = step(reviewed, 'issuePriorNotice', { date: '2025-09-12', proposed: fine(6_000), contents: noticeContents(true) });
  const small = step(reviewedCase(2_000), 'issuePriorNotice', {
    date: '2025-09-12',
    proposed: fine(2_000),
    contents: noticeContents(false),
  });
  const draft = summaryDraft();
  return [reviewed, noticed, small, draft];
}

describe('stillNeeded', () => {
  it('D2, D5: the decision waits for the statement period — one sentence with its citation, the guard’s words as detail', () => {
    const s = step(reviewedCase(2_000), 'issuePriorNotice', { date: '2025-09-12', proposed: fine(2_000), contents: noticeContents(false) });
    const needs = stillNeeded(allowedActions(s, ALL_ROLES, ctxOn('2025-09-15')));
    const d2 = needs.find((n) => n.ruleId === 'D2');
    expect(d2).toBeDefined();
    expect(d2!.sentenceZh).toBe('须等待当事人陈述申辩期限届满，或当事人明确放弃陈述申辩');
    expect(d2!.citation?.zh).toBe('《中华人民共和国行政处罚法》第六十二条');
    expect(d2!.actions.map((a) => a.action)).toContain('decide');
    expect(d2!.detailsZh.length).toBeGreaterThan(0);
  });

  it('who may act (ROLE) and the state are not needs of the case', () => {
    const s = reviewedCase(2_000);
    const asOfficer = allowedActions(s, ['field_officer'], ctxOn('2025-09-12'));
    expect(asOfficer.some((a) => a.blockedBy.some((r) => r.ruleId === 'ROLE'))).toBe(true);
    const needs = stillNeeded(asOfficer);
    expect(needs.map((n) => n.ruleId)).not.toContain('ROLE');
    expect(needs.map((n) => n.ruleId)).not.toContain('STATE');
  });

  it('groups one rule blocking several actions into one need', () => {
    const reason = { ruleId: 'E1', article: '', messageZh: '未经法制审核', messageEn: 'No legal review' };
    const needs = stillNeeded([
      { action: 'decide', labelZh: '作出决定', availableInState: true, allowed: false, blockedBy: [reason] },
      { action: 'recordDeliberation', labelZh: '集体讨论', availableInState: true, allowed: false, blockedBy: [reason] },
      { action: 'close', labelZh: '结案', availableInState: false, allowed: false, blockedBy: [reason] },
    ]);
    expect(needs).toHaveLength(1);
    expect(needs[0]!.actions.map((a) => a.action)).toEqual(['decide', 'recordDeliberation']);
    expect(needs[0]!.detailsZh).toEqual(['未经法制审核']);
  });

  it('every reason the machine gives on real cases has its sentence', () => {
    for (const s of everyReachableCase()) {
      for (const today of ['2025-09-12', '2025-09-20', '2026-03-01']) {
        for (const a of allowedActions(s, ALL_ROLES, ctxOn(today))) {
          for (const r of a.blockedBy) expect(hasRuleSentence(r.ruleId), `${s.state} ${a.action} ${r.ruleId}`).toBe(true);
        }
      }
    }
  });
});

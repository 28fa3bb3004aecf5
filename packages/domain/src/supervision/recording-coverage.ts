// 全过程记录 (处罚法 Art. 47; 国办发〔2018〕118号, LEGAL-RULES A7 [P]): the case steps that must have an audio-video
// recording, and which steps of a case lack one. The list is configuration with these defaults: on-site inspection
// (现场检查), the on-the-spot penalty (当场处罚), service by leaving the document (留置送达, 民诉法 Art. 89) and
// enforcement (强制执行).
export type RecordedStep = { action: string; labelZh: string; labelEn: string; when?: (data: Record<string, unknown>) => boolean };

export const DEFAULT_RECORDED_STEPS: readonly RecordedStep[] = [
  { action: 'recordInspection', labelZh: '现场检查', labelEn: 'on-site inspection' },
  { action: 'issueSummaryDecision', labelZh: '当场处罚', labelEn: 'on-the-spot penalty' },
  { action: 'serveDecision', labelZh: '留置送达', labelEn: 'service by leaving', when: (d) => d.method === 'lien' },
  { action: 'startEnforcement', labelZh: '强制执行', labelEn: 'enforcement' },
];

export type CoverageEvent = { id: string; action: string; legalDate: string; data: Record<string, unknown> };

export type CoverageGap = { eventId: string; action: string; legalDate: string; labelZh: string; labelEn: string };

/** The events of a case that need a recording and have none linked. */
export function recordingGaps(
  events: readonly CoverageEvent[],
  recordedEventIds: ReadonlySet<string>,
  steps: readonly RecordedStep[] = DEFAULT_RECORDED_STEPS,
): { required: number; gaps: CoverageGap[] } {
  let required = 0;
  const gaps: CoverageGap[] = [];
  for (const e of events) {
    const step = steps.find((s) => s.action === e.action && (!s.when || s.when(e.data)));
    if (!step) continue;
    required++;
    if (!recordedEventIds.has(e.id))
      gaps.push({ eventId: e.id, action: e.action, legalDate: e.legalDate, labelZh: step.labelZh, labelEn: step.labelEn });
  }
  return { required, gaps };
}

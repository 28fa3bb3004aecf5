// The template in force for a bureau: its own override (latest version, unless the override was removed), else
// the city default (latest saved version), else the built-in template (version 0).
import type { DocumentKind, DocumentTemplateBody } from '@chengguan/contracts';
import { DEFAULT_TEMPLATES } from '@chengguan/domain';
import type { Executor } from '../../context.ts';
import { latestTemplateOfBoth } from './documents.repository.ts';

export type EffectiveTemplate = { body: DocumentTemplateBody; scope: 'builtin' | 'city' | 'bureau'; version: number };

export async function effectiveTemplate(db: Executor, kind: DocumentKind, bureauId: string | null): Promise<EffectiveTemplate> {
  // The latest version of both scopes in one statement.
  const { own, city } = await latestTemplateOfBoth(db, kind, bureauId);
  return templateInForce(kind, own, city);
}

type Latest = { body: unknown; version: number } | undefined;

/** Of the latest versions of both scopes, the one in force (an override removed has a null body). */
export function templateInForce(kind: DocumentKind, own: Latest, city: Latest): EffectiveTemplate {
  if (own?.body) return { body: own.body as DocumentTemplateBody, scope: 'bureau', version: own.version };
  if (city?.body) return { body: city.body as DocumentTemplateBody, scope: 'city', version: city.version };
  return { body: DEFAULT_TEMPLATES[kind], scope: 'builtin', version: 0 };
}

// 执法文书: the data a document is filled from, the template language, statutory contents and the built-in templates.
export * from './format.ts';
export * from './document-data.ts';
export * from './template.ts';
export * from './clauses.ts';
export * from './required-contents.ts';
export * from './default-templates.ts';
export * from './sample-data.ts';
export * from './availability.ts';
export * from './stage-documents.ts';

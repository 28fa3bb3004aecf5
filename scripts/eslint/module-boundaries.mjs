// ESLint rule: a server module is used only through its public entry (apps/server/src/modules/<feature>/index.ts).
// A relative import that lands inside another module's folder must name that folder's index.ts. The one exception is
// db/schema.ts, which composes the modules' table declarations (`*.tables.ts`, types only).
// Written here because the rule is one path comparison; the general boundary plugins need a resolver and a model of
// every element type to say the same thing.
import path from 'node:path';

const MODULES = path.join('apps', 'server', 'src', 'modules');

function moduleOf(file) {
  const i = file.indexOf(MODULES + path.sep);
  if (i < 0) return null;
  const rest = file.slice(i + MODULES.length + 1).split(path.sep);
  return { root: file.slice(0, i + MODULES.length), name: rest.length > 1 ? rest[0] : null, inner: rest.slice(1).join('/') };
}

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'import another server module only through its index.ts' },
    messages: {
      internal:
        "'{{source}}' reaches into the {{module}} module's internals; import '{{module}}/index.ts' and export what is needed there.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = moduleOf(file);
    const isSchema = file.endsWith(path.join('apps', 'server', 'src', 'db', 'schema.ts'));
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = moduleOf(path.resolve(path.dirname(file), source));
      if (!target || !target.name) return;
      if (from && from.name === target.name) return;
      if (target.inner === 'index.ts') return;
      if (isSchema && target.inner.endsWith('.tables.ts')) return;
      context.report({ node, messageId: 'internal', data: { source, module: target.name } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

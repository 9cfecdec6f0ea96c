// Lint: typescript-eslint's recommended rules plus the layering of the language service.
// Layers only look down: syntax → catalog → workspace → rules → features → adapters (lsp, cli).
// Only the adapters may import the LSP libraries.
import tseslint from 'typescript-eslint';

const LSP_LIBS = ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode'];
const layer = (files, forbiddenDirs, allowLsp = false) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', {
      paths: allowLsp ? [] : LSP_LIBS.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'Only server/src/lsp and server/src/cli may use the LSP libraries.' })),
      patterns: [
        ...(allowLsp ? [] : [{ group: LSP_LIBS.filter((p) => p.includes('*')), message: 'Only server/src/lsp and server/src/cli may use the LSP libraries.' }]),
        ...forbiddenDirs.map((d) => ({ group: [`**/${d}`, `**/${d}/**`, `./${d}/**`, `../${d}/**`], message: `This layer must not import from ${d}/ (layers only look down).` })),
      ],
    }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test/editor-tooling/**', 'bench/results/**', '**/*.mjs', '**/*.js', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  layer(['server/src/syntax/**/*.ts'], ['catalog', 'workspace', 'rules', 'features', 'lsp', 'cli']),
  layer(['server/src/catalog/**/*.ts'], ['workspace', 'rules', 'features', 'lsp', 'cli']),
  layer(['server/src/workspace/**/*.ts'], ['rules', 'features', 'lsp', 'cli']),
  layer(['server/src/rules/**/*.ts'], ['features', 'lsp', 'cli']),
  layer(['server/src/features/**/*.ts'], ['lsp', 'cli']),
  layer(['server/src/lsp/**/*.ts'], ['cli'], true),
  layer(['server/src/cli/**/*.ts'], [], true),
);

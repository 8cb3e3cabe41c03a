import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nativeModules = ['src/core/model/onnx-session.ts', 'src/core/image/sharp-codec.ts'];
const nativePaths = [
  { name: 'onnxruntime-node', message: 'Only src/core/model/onnx-session.ts imports onnxruntime-node.' },
  { name: 'sharp', message: 'Only src/core/image/sharp-codec.ts imports sharp.' },
];
const uiPatterns = [
  { group: ['react', 'react/*', 'ink', 'ink-*', '@alcalzone/ink-table'], message: 'src/core must not import React or Ink.' },
  { group: ['**/app/**', '**/screens/**', '**/cli/**'], message: 'src/core must not import the front ends.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    // The core is UI-free (the TUI and the CLI are two front ends over it), and
    // exactly one module touches onnxruntime-node and one touches sharp.
    files: ['src/core/**/*.ts'],
    ignores: nativeModules,
    rules: { 'no-restricted-imports': ['error', { paths: nativePaths, patterns: uiPatterns }] },
  },
  {
    files: nativeModules,
    rules: { 'no-restricted-imports': ['error', { patterns: uiPatterns }] },
  },
  {
    files: ['src/app/**', 'src/screens/**', 'src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: nativePaths }] },
  },
  {
    files: ['vitest.config.ts', 'test/**/*.ts', 'scripts/**/*.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': 'off',
    },
  },
);

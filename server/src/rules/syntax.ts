// `syntax`: what Podman's parser refuses (the whole file is then skipped), and undecodable text.

import { DocumentRule } from './types';

export const messages = {
  encoding: (detail: string) => `The file is not valid UTF-8 (${detail}); characters were replaced while reading it.`,
};

export const syntaxRule: DocumentRule = {
  code: 'syntax',
  kind: 'document',
  severity: 'error',
  summary: 'A line the generator cannot parse (it then ignores the whole file).',
  check(unit, ctx) {
    for (const issue of unit.doc.issues) ctx.report({ unit, range: issue.range, message: issue.message });
    if (unit.file.decodeProblem && unit.doc.firstLine === 0) {
      ctx.report({ unit, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: messages.encoding(unit.file.decodeProblem), severity: 'warning' });
    }
  },
};

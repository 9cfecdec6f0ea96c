// `unknown-section`: a section the file type does not have. Podman and systemd ignore it, so every
// key in it silently does nothing. `X-` sections are the documented way to keep extra data.

import { sectionsFor } from '../catalog/filetypes';
import { DocumentRule } from './types';
import { checkable, closest } from './util';

export const messages = {
  unknown: (section: string, ext: string, suggestion?: string) =>
    `[${section}] is not a section of a .${ext} file; it is ignored, so its keys have no effect.` +
    (suggestion ? ` Did you mean [${suggestion}]?` : ' Name it [X-…] to keep private data.'),
};

export const unknownSectionRule: DocumentRule = {
  code: 'unknown-section',
  kind: 'document',
  severity: 'warning',
  summary: 'A section that is not valid for the file type (Podman ignores it).',
  check(unit, ctx) {
    if (!checkable(unit)) return;
    const valid = sectionsFor(unit.type);
    for (const section of unit.doc.sections) {
      if (valid.includes(section.name) || section.name.startsWith('X-') || section.name === '') continue;
      const suggestion = closest(section.name, valid);
      ctx.report({ unit, range: section.nameRange, message: messages.unknown(section.name, unit.type, suggestion), data: suggestion ? { suggestion } : undefined });
    }
  },
};

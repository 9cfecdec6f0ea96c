// `unknown-key`: a key the section does not have (case-sensitive, as Podman and systemd compare).
// In a quadlet's own section and in [Quadlet] the generator refuses the file; in systemd sections
// systemd only logs a warning and ignores the line.

import { QUADLET_SECTIONS, allQuadletKeys, isStrictSection } from '../catalog/keys';
import { sectionsFor } from '../catalog/filetypes';
import { DocumentRule } from './types';
import { checkable, closest, keyInfos, keyNames } from './util';

export const messages = {
  strict: (key: string, section: string, suggestion?: string, elsewhere?: string) =>
    `Unknown key "${key}" in [${section}]: Podman refuses the whole file.` +
    (suggestion ? ` Did you mean "${suggestion}"?` : '') +
    (elsewhere ? ` (${key}= belongs in [${elsewhere}].)` : ''),
  systemd: (key: string, section: string, suggestion?: string) =>
    suggestion
      ? `Unknown key "${key}" in [${section}]; systemd ignores it. Did you mean "${suggestion}"?`
      : `"${key}" is not a [${section}] key quadlet-ls knows; systemd ignores unknown keys with a warning.`,
};

export const unknownKeyRule: DocumentRule = {
  code: 'unknown-key',
  kind: 'document',
  severity: 'error',
  summary: 'A key that its section does not have, with a did-you-mean suggestion.',
  check(unit, ctx) {
    if (!checkable(unit)) return;
    const valid = sectionsFor(unit.type);
    const infos = keyInfos(unit);
    for (let i = 0; i < infos.length; i++) {
      const entry = unit.doc.entries[i];
      const section = entry.section.name;
      if (!valid.includes(section) || entry.key.includes('{{') || entry.key.includes('{%')) continue;
      if (infos[i]) continue;
      const names = keyNames(unit.type, section);
      const suggestion = closest(entry.key, names);
      const data = suggestion ? { suggestion } : undefined;
      if (isStrictSection(unit.type, section)) {
        const other = allQuadletKeys().find((k) => k.key === entry.key && QUADLET_SECTIONS.has(k.section) && k.section !== section);
        ctx.report({ unit, range: entry.keyRange, message: messages.strict(entry.key, section, suggestion, other?.section), data });
      } else {
        ctx.report({ unit, range: entry.keyRange, message: messages.systemd(entry.key, section, suggestion), severity: suggestion ? 'warning' : 'information', data });
      }
    }
  },
};

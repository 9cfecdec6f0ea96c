// `version`: a key or file type that the target Podman version does not have yet. The generator of
// that version refuses the key ("unsupported key") or, for new file types, ignores the file.
// Values that only a newer release understands come from the value grammars (invalid-value.ts).

import { TYPE_SINCE, isQuadletType } from '../catalog/filetypes';
import { atLeast } from '../catalog/versions';
import { reportValueVersions } from './invalid-value';
import { DocumentRule } from './types';
import { checkable, keyInfos } from './util';

export const messages = {
  key: (key: string, since: string, target: string) => `${key}= needs Podman ${since} or newer; the target is Podman ${target}, whose generator refuses it.`,
  unreleased: (key: string) => `${key}= exists only in unreleased Podman (main branch); no released generator accepts it.`,
  fileType: (ext: string, since: string, target: string) => `.${ext} files are read from Podman ${since} on; Podman ${target} ignores this file.`,
};

export const versionRule: DocumentRule = {
  code: 'version',
  kind: 'document',
  severity: 'error',
  summary: 'A key, value or file type that needs a newer Podman than the target version.',
  check(unit, ctx) {
    if (!checkable(unit)) return;
    reportValueVersions(unit, ctx);
    const target = ctx.settings.podmanVersion;
    const typeSince = unit.file.identity.kind === 'quadlets' ? TYPE_SINCE.quadlets : isQuadletType(unit.type) ? TYPE_SINCE[unit.type] : undefined;
    if (typeSince && !atLeast(target, typeSince) && unit.doc.firstLine === 0) {
      const ext = unit.file.identity.kind === 'quadlets' ? 'quadlets' : unit.type;
      ctx.report({ unit, range: { start: { line: 0, character: 0 }, end: { line: 0, character: unit.doc.lines[0]?.length ?? 0 } }, message: messages.fileType(ext, typeSince, target) });
    }
    // A file the target never reads has no keys to refuse: one finding for the file is enough.
    if (typeSince && !atLeast(target, typeSince)) return;
    const infos = keyInfos(unit);
    for (let i = 0; i < infos.length; i++) {
      const entry = unit.doc.entries[i];
      const info = infos[i];
      if (!info || info.origin !== 'quadlet' || !info.since) continue;
      if (info.unreleased) ctx.report({ unit, range: entry.keyRange, message: messages.unreleased(entry.key) });
      else if (!atLeast(target, info.since)) ctx.report({ unit, range: entry.keyRange, message: messages.key(entry.key, info.since, target), data: { since: info.since } });
    }
  },
};

// `deprecated`: keys Podman still accepts but no longer documents (RemapUsers…, VolatileTmp).

import { DEPRECATED_REPLACEMENTS } from '../catalog/keys';
import { DocumentRule } from './types';
import { checkable, keyInfos } from './util';

export const messages = {
  deprecated: (key: string, replacement: string) => `${key}= is deprecated; use ${replacement}= instead.`,
};

export const deprecatedRule: DocumentRule = {
  code: 'deprecated',
  kind: 'document',
  severity: 'warning',
  summary: 'A deprecated key, with a quick fix to its replacement.',
  check(unit, ctx) {
    if (!checkable(unit)) return;
    const infos = keyInfos(unit);
    for (let i = 0; i < infos.length; i++) {
      const entry = unit.doc.entries[i];
      const info = infos[i];
      if (!info?.deprecated) continue;
      const replacement = DEPRECATED_REPLACEMENTS[entry.key];
      if (replacement) ctx.report({ unit, range: entry.keyRange, message: messages.deprecated(entry.key, replacement), data: { replacement } });
    }
  },
};

// `deprecated`: keys Podman still accepts but no longer documents (RemapUsers…, VolatileTmp).

import { DEPRECATED_REPLACEMENTS, lookupKey } from '../catalog/keys';
import { DocumentRule } from './types';
import { checkable } from './util';

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
    for (const entry of unit.doc.entries) {
      const info = lookupKey(unit.type, entry.section.name, entry.key);
      if (!info?.deprecated) continue;
      const replacement = DEPRECATED_REPLACEMENTS[entry.key];
      if (replacement) ctx.report({ unit, range: entry.keyRange, message: messages.deprecated(entry.key, replacement), data: { replacement } });
    }
  },
};

// Hover: a list of providers, each contributing markdown for what is under the cursor; the
// results are shown together. Other features append their providers with registerHoverProvider
// (references are explained by the workspace feature).

import { describeSection, isKnownSection, lookupKey } from '../catalog/keys';
import { isQuadletType, sectionsFor } from '../catalog/filetypes';
import { specifierAt } from '../catalog/values/specifiers';
import { lookupCapability } from '../catalog/values/capabilities';
import { lookupSignal } from '../catalog/values/signals';
import { Position, Range, containsPosition, valuePieceRange } from '../syntax/model';
import { AnalysisSettings } from '../rules/types';
import { SourceFile } from '../workspace/files';
import { WorkspaceIndex } from '../workspace/index';
import { keyMarkdown } from './key-docs';
import { referenceHover } from './navigation';
import { Located, locate } from './locate';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range?: Range;
}

export interface HoverContext {
  index: WorkspaceIndex;
  settings: AnalysisSettings;
  file: SourceFile;
  position: Position;
  located: Located;
}

export type HoverProvider = (ctx: HoverContext) => HoverResult | undefined;

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === undefined;

function wordAt(value: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && !isBlank(value[start - 1])) start--;
  let end = offset;
  while (end < value.length && !isBlank(value[end])) end++;
  return { start, end };
}

const keyHover: HoverProvider = ({ located, settings }) => {
  const place = located.place;
  if (place.kind !== 'key' || !place.entry || !located.unit?.type) return undefined;
  const info = lookupKey(located.unit.type, place.entry.section.name, place.entry.key);
  if (!info) return undefined;
  return { contents: keyMarkdown(info, settings.podmanVersion), range: place.entry.keyRange };
};

const sectionHover: HoverProvider = ({ located, position }) => {
  const section = located.unit?.doc.sections.find((s) => containsPosition(s.headerRange, position));
  if (!section) return undefined;
  const name = section.name;
  const type = located.unit?.type;
  const parts = [`**[${name}]**`];
  const description = describeSection(name);
  if (description) parts.push(description);
  if (type && !isKnownSection(type, name) && !name.startsWith('X-')) parts.push(`Not a section of a .${type} file (it takes ${sectionsFor(type).map((s) => `[${s}]`).join(', ')}); its keys are ignored.`);
  if (name.startsWith('X-')) parts.push('An `X-` section: ignored by Podman and systemd, a place for private data.');
  return parts.length > 1 ? { contents: parts.join('\n\n'), range: section.headerRange } : undefined;
};

/** Meaning of the value (or list word) under the cursor: enum values, capabilities, signals. */
const valueHover: HoverProvider = ({ located }) => {
  const place = located.place;
  if (place.kind !== 'value' || !located.unit?.type || place.entry.templated) return undefined;
  const entry = place.entry;
  const info = lookupKey(located.unit.type, place.section.name, entry.key);
  if (!info) return undefined;
  const { start, end } = wordAt(entry.value, place.offset);
  const word = entry.value.slice(start, end);
  if (!word || specifierAt(entry.value, place.offset)) return undefined;
  let text: string | undefined;
  let span = { start, end };
  if (info.kind === 'capability-list' || /Capabilit/.test(info.key)) {
    const cap = word.toLowerCase() === 'all' ? undefined : lookupCapability(word);
    text = cap ? `\`${cap.name}\`: ${cap.meaning}` : info.valueDocs?.[word.toLowerCase()] ? `\`${word}\`: ${info.valueDocs[word.toLowerCase()]}` : undefined;
  } else if (info.kind === 'signal') {
    const sig = lookupSignal(word);
    text = sig ? `\`${sig.name}\`: ${sig.meaning}` : undefined;
  } else if (info.valueDocs) {
    // Modes like `pasta:opts` or `keep-id:uid=1` are documented by their part before the colon.
    const colon = entry.value.indexOf(':');
    const head = colon === -1 ? entry.value.trim() : entry.value.slice(0, colon);
    const doc = info.valueDocs[head] ?? info.valueDocs[`${head}:`];
    if (doc) {
      text = `\`${head}\`: ${doc}`;
      span = { start: 0, end: head.length };
    }
  }
  return text ? { contents: text, range: valuePieceRange(entry, span.start, span.end) } : undefined;
};

const specifierHover: HoverProvider = ({ located }) => {
  const place = located.place;
  if (place.kind !== 'value') return undefined;
  const at = specifierAt(place.entry.value, place.offset);
  if (!at) return undefined;
  const range = valuePieceRange(place.entry, at.start, at.end);
  const raw = place.entry.value.slice(at.start, at.end);
  if (!at.spec) return { contents: `\`${raw}\` is not a systemd specifier; write \`%%\` for a literal percent sign.`, range };
  const note = isQuadletType(located.unit?.type)
    ? " Podman's generator copies it unchanged and systemd expands it in the generated unit, so `%n`, `%N` and `%p` name the generated service."
    : ' systemd expands it when it loads the unit.';
  return { contents: `\`${raw}\` — ${at.spec.meaning}.${note}`, range };
};

/** References: target file, scope and generated names (the workspace feature's hover). */
const referenceProvider: HoverProvider = ({ index, settings, file, position }) => {
  const h = referenceHover({ index, podmanVersion: settings.podmanVersion }, file.path, position);
  return h ? { contents: h.markdown, range: h.range } : undefined;
};

const PROVIDERS: HoverProvider[] = [keyHover, sectionHover, valueHover, specifierHover, referenceProvider];

/** Adds a provider (e.g. for references); its contribution is shown after the built-in ones. */
export function registerHoverProvider(provider: HoverProvider): void {
  PROVIDERS.push(provider);
}

export function hover(file: SourceFile, position: Position, env: { index: WorkspaceIndex; settings: AnalysisSettings }): HoverResult | undefined {
  if (file.skipped) return undefined;
  const located = locate(file, position);
  if (located.unit?.foreign) return undefined;
  const ctx: HoverContext = { ...env, file, position, located };
  const results: HoverResult[] = [];
  for (const p of PROVIDERS) {
    try {
      const r = p(ctx);
      if (r) results.push(r);
    } catch {
      // One failing provider must not hide the others' contributions.
    }
  }
  if (!results.length) return undefined;
  return { contents: results.map((r) => r.contents).join('\n\n---\n\n'), range: results.find((r) => r.range)?.range };
}

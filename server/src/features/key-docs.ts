// How a key is explained to the user, shared by completion (detail and documentation) and hover.

import { DEPRECATED_REPLACEMENTS, KeyInfo, keyDocsUrl } from '../catalog/keys';
import { atLeast } from '../catalog/versions';

/** One line: "since 5.3 · repeatable", "systemd.exec · single value", "deprecated: use UserNS=". */
export function keyDetail(info: KeyInfo): string {
  const parts: string[] = [];
  if (info.deprecated) parts.push(`deprecated${DEPRECATED_REPLACEMENTS[info.key] ? `: use ${DEPRECATED_REPLACEMENTS[info.key]}=` : ''}`);
  if (info.origin === 'quadlet' && info.since) parts.push(`since ${info.since}`);
  if (info.origin === 'systemd') parts.push(info.man ?? 'systemd');
  parts.push(info.repeatable ? 'repeatable' : 'single value');
  return parts.join(' · ');
}

/** Markdown for a key: description, podman flag, version facts and a link for the target version. */
export function keyMarkdown(info: KeyInfo, targetVersion: string): string {
  const out: string[] = [`**${info.key}=** in \`[${info.section}]\``];
  if (info.description) out.push(info.description);
  const facts: string[] = [];
  if (info.flag) facts.push(`podman flag \`${info.flag}\``);
  if (info.origin === 'quadlet' && info.since) {
    const missing = !atLeast(targetVersion, info.since);
    facts.push(missing ? `since Podman ${info.since} — **not in the target Podman ${targetVersion}**` : `since Podman ${info.since}`);
  }
  if (info.unreleased) facts.push('only in unreleased Podman');
  facts.push(info.repeatable ? 'repeatable (each line adds a value; an empty assignment clears them)' : 'single value (the last assignment wins)');
  if (info.default) facts.push(`default \`${info.default}\``);
  if (info.deprecated) facts.push(`deprecated${DEPRECATED_REPLACEMENTS[info.key] ? `, use \`${DEPRECATED_REPLACEMENTS[info.key]}=\`` : ''}`);
  out.push(facts.join(' · '));
  const label = info.origin === 'quadlet' ? `podman-systemd.unit(5) for Podman ${targetVersion}` : `${info.man ?? 'systemd.unit'}(5)`;
  out.push(`[${label}](${keyDocsUrl(info, targetVersion)})`);
  return out.join('\n\n');
}

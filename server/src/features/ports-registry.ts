// The port registry: one row per listener on every host, sorted by host and port, with flags for
// what the port rules would say. Shared by `quadlet-ls ports`, the "Export port registry" command
// and the ports view, so all three always agree.

import { Range } from '../syntax/model';
import { AnalysisSettings } from '../rules/types';
import type { WorkspaceIndex } from '../workspace/index';
import { ConflictMemo, bindsFixedPort, conflictsNow, isBound, isPrivateBind, isPrivilegedForRootless, isWinner, unprivilegedPortStart } from '../workspace/ports/checks';
import { portInventory } from '../workspace/ports/inventory';
import { Listener, formatAddress, formatPorts, ownerLabel } from '../workspace/ports/model';

export type PortFlag = 'conflict' | 'public' | 'privileged' | 'random' | 'pod-member' | 'host-network' | 'none-network' | 'container-network' | 'shadowed';

export interface PortRow {
  host: string;
  /** "8080", "8080-8090" or "random". */
  port: string;
  protocol: string;
  /** "*" (every interface), "0.0.0.0", "[::]", "127.0.0.1", "[::1]". */
  address: string;
  owner: string;
  unit: string;
  source: string;
  /** The specification as written. */
  spec: string;
  file: string;
  /** 1-based. */
  line: number;
  range: Range;
  flags: PortFlag[];
  /** "owner unit file:line" of the listeners it conflicts with. */
  conflictsWith: string[];
}

function flagsOf(index: WorkspaceIndex, l: Listener, settings: AnalysisSettings, conflicts: Listener[]): PortFlag[] {
  const flags: PortFlag[] = [];
  if (conflicts.length) flags.push('conflict');
  if (l.inactive) flags.push(l.inactive);
  if (!isWinner(index, l.unit)) flags.push('shadowed');
  if (isBound(index, l)) {
    if (!isPrivateBind(l.address, settings.trustedAddresses)) flags.push('public');
    if (isPrivilegedForRootless(l, unprivilegedPortStart(l.host, index.config, settings.unprivilegedPortStart))) flags.push('privileged');
  }
  if (!l.ports) flags.push('random');
  return flags;
}

function place(l: Listener, display: (file: string) => string): string {
  return `${ownerLabel(l.scope)} ${l.unit.name} ${display(l.at.file)}:${l.at.range.start.line + 1}`;
}

/** Every listener as a registry row; `display` turns absolute paths into what the reader sees. */
export function portRows(index: WorkspaceIndex, settings: AnalysisSettings, display: (file: string) => string = (f) => f): PortRow[] {
  const memo: ConflictMemo = new Map();
  const rows = portInventory(index)
    .all()
    .map((l) => {
      const conflicts = bindsFixedPort(index, l) ? conflictsNow(index, l, memo) : [];
      const row: PortRow & { sortPort: number } = {
        host: l.host,
        port: formatPorts(l.ports),
        protocol: l.protocol,
        address: formatAddress(l.address),
        owner: l.scope.owner ?? '?',
        unit: l.unit.name,
        source: l.source,
        spec: l.text,
        file: display(l.at.file),
        line: l.at.range.start.line + 1,
        range: l.at.range,
        flags: flagsOf(index, l, settings, conflicts),
        conflictsWith: conflicts.map((o) => place(o, display)),
        // Random host ports sort after the fixed ones of their host.
        sortPort: l.ports?.from ?? 65536,
      };
      return row;
    });
  rows.sort((a, b) => a.host.localeCompare(b.host) || a.sortPort - b.sortPort || a.protocol.localeCompare(b.protocol) || a.address.localeCompare(b.address) || a.file.localeCompare(b.file) || a.line - b.line);
  return rows.map(({ sortPort: _sortPort, ...row }) => row);
}

export type RegistryFormat = 'markdown' | 'json' | 'text';

const COLUMNS = ['host', 'port', 'proto', 'address', 'owner', 'unit', 'file:line', 'flags'] as const;

function cells(r: PortRow): string[] {
  return [r.host, r.port, r.protocol, r.address, r.owner, r.unit, `${r.file}:${r.line}`, r.flags.join(',')];
}

function markdownCell(s: string): string {
  return s.replace(/[\\|*_`]/g, (c) => `\\${c}`);
}

export function formatRegistry(rows: PortRow[], format: RegistryFormat): string {
  if (format === 'json') {
    return JSON.stringify(rows.map(({ range: _range, ...r }) => r), null, 2) + '\n';
  }
  if (format === 'markdown') {
    const lines = ['# Port registry', '', `| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
    for (const r of rows) lines.push(`| ${cells(r).map(markdownCell).join(' | ')} |`);
    if (!rows.length) lines.push('', 'No listeners found.');
    const conflicts = rows.filter((r) => r.flags.includes('conflict')).length;
    lines.push('', `${rows.length} listener(s), ${conflicts} in conflict.`);
    return lines.join('\n') + '\n';
  }
  const table = [COLUMNS.map((c) => c.toUpperCase()), ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const out = table.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
  const conflicts = rows.filter((r) => r.flags.includes('conflict')).length;
  out.push(`${rows.length} listener(s), ${conflicts} in conflict`);
  return out.join('\n') + '\n';
}

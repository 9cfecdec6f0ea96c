// A small multi-user host for the robustness properties: fixed neighbours (ports, networks, a
// cross-user reference, drop-ins, a socket, root's proxy) so the cross-file rules have work to do,
// plus the file under test dropped into alice's directory.

import { Analysis } from '../../server/src/features/analysis';
import { AnalysisSettings } from '../../server/src/rules/types';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { WorkspaceIndex } from '../../server/src/workspace/index';
import { assertRangesInside } from './inputs';

export const ROOT = '/ws';
export const ALICE = `${ROOT}/hosts/h1/home/alice/.config/containers/systemd`;
export const BOB = `${ROOT}/hosts/h1/home/bob/.config/containers/systemd`;

export const NEIGHBOURS: Record<string, string> = {
  [`${BOB}/db.container`]: '[Container]\nImage=docker.io/library/postgres:16\nNetwork=db.network\nPublishPort=127.0.0.1:5432:5432\n',
  [`${BOB}/db.network`]: '[Network]\nSubnet=10.89.0.0/24\n',
  [`${ALICE}/api.container`]: '[Unit]\nRequires=db.service\n[Container]\nImage=docker.io/library/nginx:1\nPublishPort=8080:80\nNetwork=web.network\nEnvironment=DB_PASSWORD=hunter2\n',
  [`${ALICE}/container.d/00-all.conf`]: '[Container]\nLabel=tenant=alice\nPublishPort=127.0.0.1:9000:9000\n',
  [`${ROOT}/hosts/h1/home/alice/.config/systemd/user/api.socket`]: '[Socket]\nListenStream=127.0.0.1:8081\n[Install]\nWantedBy=sockets.target\n',
  [`${ROOT}/hosts/h1/etc/containers/systemd/proxy.container`]: '[Container]\nImage=docker.io/library/traefik:3\nPublishPort=80:80\nPublishPort=443:443\n',
};

export function analysisWith(files: Record<string, string>, settings: Partial<AnalysisSettings> = {}): Analysis {
  const index = new WorkspaceIndex({ roots: [ROOT], config: {} });
  const analysis = new Analysis(index, settings);
  for (const [path, text] of Object.entries(files)) analysis.setFile(path, { text });
  return analysis;
}

/** Every file's diagnostics, each checked: ranges (and related ranges) inside their files. */
export function checkedDiagnostics(analysis: Analysis): Diagnostic[] {
  const all: Diagnostic[] = [];
  const textOf = (path: string) => analysis.index.getFile(path)?.text;
  for (const f of [...analysis.index.allFiles()]) {
    const list = analysis.diagnostics(f.path);
    assertRangesInside(f.text, list.map((d) => d.range), `diagnostics of ${f.path}`);
    for (const d of list) {
      for (const r of d.related ?? []) {
        const text = textOf(r.file);
        if (text !== undefined) assertRangesInside(text, [r.range], `related information of ${d.code} in ${f.path}`);
      }
    }
    all.push(...list);
  }
  return all;
}

/** A comparable form of diagnostics (order-independent). */
export function signatureOf(list: Diagnostic[]): string[] {
  return list.map((d) => `${d.file}|${d.code}|${d.severity}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`).sort();
}

// The "Quadlet Ports" tree view: every listener of every host the server knows, with conflicts and
// public binds marked. A listener opens its line. Refreshes when the server says the ports changed.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import type { ClientFeature } from './index';
import { EndpointNode, HostNode, PortRowDto, buildPortTree, endpointDescription, hostDescription } from '../../../server/src/features/ports-tree';

type Node = HostNode | EndpointNode | { kind: 'listener'; row: PortRowDto };

class PortsProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private hosts: HostNode[] | undefined;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.hosts = undefined;
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (!this.hosts) {
        try {
          const { rows } = await this.client.sendRequest<{ rows: PortRowDto[] }>('quadletLs/ports');
          this.hosts = buildPortTree(rows);
        } catch {
          this.hosts = [];
        }
      }
      return this.hosts;
    }
    if (node.kind === 'host') return node.endpoints;
    if (node.kind === 'endpoint') return node.rows.map((row) => ({ kind: 'listener', row }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'host') {
      const item = new vscode.TreeItem(node.host, vscode.TreeItemCollapsibleState.Expanded);
      item.description = hostDescription(node);
      item.iconPath = new vscode.ThemeIcon('server');
      return item;
    }
    if (node.kind === 'endpoint') {
      const item = new vscode.TreeItem(node.label, node.conflict ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.description = endpointDescription(node);
      item.iconPath = node.conflict
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
        : node.public || node.privileged
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'))
          : new vscode.ThemeIcon(node.inactive ? 'circle-slash' : 'plug');
      return item;
    }
    const r = node.row;
    const item = new vscode.TreeItem(`${r.owner} · ${r.unit}`, vscode.TreeItemCollapsibleState.None);
    item.description = `${r.file.split('/').pop()}:${r.line}`;
    const tips = [`${r.source}: ${r.spec}`, `${r.file}:${r.line}`];
    if (r.flags.length) tips.push(`flags: ${r.flags.join(', ')}`);
    if (r.conflictsWith.length) tips.push(`conflicts with: ${r.conflictsWith.join('; ')}`);
    item.tooltip = tips.join('\n');
    const range = new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character);
    item.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(r.uri), { selection: range }] };
    return item;
  }
}

export const portsView: ClientFeature = (context, client) => {
  const provider = new PortsProvider(client);
  let timer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => provider.refresh(), 200);
  };
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('quadletLs.ports', provider),
    vscode.commands.registerCommand('quadletLs.ports.refresh', () => provider.refresh()),
    client.onNotification('quadletLs/portsChanged', refreshSoon),
    { dispose: () => timer && clearTimeout(timer) },
  );
  return { portsTree: provider };
};

// Host ports of the Kubernetes YAML a .kube file plays. Podman publishes a container port only when
// it has a `hostPort` (or when `--publish-all` is given, then on the container port itself); the
// protocol defaults to TCP and `hostIP` (empty: every interface) picks the address. Pods with
// `hostNetwork: true` publish nothing. Parsed with the `yaml` library, keeping exact ranges.

import { Document, LineCounter, Node, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { Protocol } from '../../catalog/values/ports';
import { Position, Range } from '../../syntax/model';

export interface YamlPort {
  /** Undefined when the YAML gives none (published only with --publish-all). */
  hostPort?: number;
  hostPortRange?: Range;
  containerPort?: number;
  hostIP?: string;
  hostIPRange?: Range;
  protocol: Protocol;
  /** The whole port item. */
  range: Range;
  /** Where a `hostIP:` line can be added (after the hostPort line, at the key's column); block maps only. */
  insertAfter?: { at: Position; indent: number };
  /** A line of the YAML text, for the registry ("hostPort: 8080"). */
  text: string;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'Job', 'StatefulSet', 'ReplicaSet']);

type AnyNode = Node | null | undefined;

function position(lc: LineCounter, offset: number): Position {
  const p = lc.linePos(offset);
  return { line: p.line - 1, character: p.col - 1 };
}

/** Reads Kubernetes YAML (several documents allowed); documents with syntax errors are skipped. */
export function kubeYamlPorts(text: string): YamlPort[] {
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false }) as Document.Parsed[];
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  const out: YamlPort[] = [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const rangeOf = (n: Node): Range | undefined => (n.range ? { start: position(lc, n.range[0]), end: position(lc, n.range[1]) } : undefined);
  for (const doc of docs) {
    if (doc.errors.length) continue;
    const resolve = (n: unknown): AnyNode => (isAlias(n) ? (n.resolve(doc) as AnyNode) : (n as AnyNode));
    const get = (n: AnyNode, key: string): AnyNode => (isMap(n) ? resolve(n.get(key, true)) : undefined);
    const scalar = (n: AnyNode): unknown => (isScalar(n) ? n.value : undefined);
    const root = resolve(doc.contents);
    const kind = scalar(get(root, 'kind'));
    let podSpec: AnyNode;
    if (kind === 'Pod') podSpec = get(root, 'spec');
    else if (typeof kind === 'string' && WORKLOAD_KINDS.has(kind)) podSpec = get(get(get(root, 'spec'), 'template'), 'spec');
    if (!podSpec || scalar(get(podSpec, 'hostNetwork')) === true) continue;
    const containers = get(podSpec, 'containers');
    if (!isSeq(containers)) continue;
    for (const c of containers.items) {
      const ports = get(resolve(c), 'ports');
      if (!isSeq(ports)) continue;
      for (const raw of ports.items) {
        const item = resolve(raw);
        if (!isMap(item)) continue;
        const hostNode = get(item, 'hostPort');
        const hostPort = scalar(hostNode);
        const containerPort = scalar(get(item, 'containerPort'));
        const protoNode = scalar(get(item, 'protocol'));
        const protocol = (typeof protoNode === 'string' ? protoNode.toLowerCase() : 'tcp') as Protocol;
        if (!['tcp', 'udp', 'sctp'].includes(protocol)) continue;
        const ipNode = get(item, 'hostIP');
        const hostIP = scalar(ipNode);
        const range = rangeOf(item);
        if (!range) continue;
        const port: YamlPort = {
          protocol,
          range,
          text: lines[range.start.line]?.trim() ?? '',
        };
        if (typeof hostPort === 'number' && Number.isInteger(hostPort) && hostPort > 0 && hostPort <= 65535) {
          port.hostPort = hostPort;
          port.hostPortRange = rangeOf(hostNode!);
          const line = lines[port.hostPortRange!.start.line] ?? '';
          port.text = line.trim();
          const keyCol = line.search(/hostPort\s*:/);
          // Block style only: the key starts its own line (after indentation or "- ").
          if (!item.flow && keyCol >= 0 && /^\s*(-\s+)?$/.test(line.slice(0, keyCol))) {
            port.insertAfter = { at: { line: port.hostPortRange!.start.line, character: line.length }, indent: keyCol };
          }
        }
        if (typeof containerPort === 'number' && Number.isInteger(containerPort)) port.containerPort = containerPort;
        if (typeof hostIP === 'string' && hostIP !== '') {
          port.hostIP = hostIP;
          port.hostIPRange = rangeOf(ipNode!);
        }
        out.push(port);
      }
    }
  }
  return out;
}

// The ports view and the port registry over LSP:
//   request  quadletLs/ports         → { rows: PortRow & { uri } [] } (every listener, with flags)
//   request  quadletLs/portRegistry  { format: markdown|json|text } → the registry text
//   notification quadletLs/portsChanged (server → client) after a change to listeners or settings
// It also reads the YAML files .kube units name once they appear in the index.

import { formatRegistry, portRows, RegistryFormat } from '../../features/ports-registry';
import { portInventory } from '../../workspace/ports/inventory';
import { HandlerModule } from '../context';
import { pathToUri } from '../convert';
import { honourCancellation } from '../cancellation';

export const PORTS_REQUEST = 'quadletLs/ports';
export const PORT_REGISTRY_REQUEST = 'quadletLs/portRegistry';
export const PORTS_CHANGED_NOTIFICATION = 'quadletLs/portsChanged';

const FORMATS: RegistryFormat[] = ['markdown', 'json', 'text'];

export const portsHandler: HandlerModule = {
  register(ctx) {
    const { connection, service, publisher } = ctx;
    const inventory = portInventory(service.index);
    // The client is told when the listeners or the settings really changed (not on every re-parse).
    let announced = { version: inventory.version, signature: inventory.signature(), settings: service.analysis.settings };
    let loading = false;

    // Paths as the reader sees them: relative to the workspace folder that holds them.
    const display = (file: string) => {
      const root = ctx.roots.find((r) => file.startsWith(r.endsWith('/') ? r : r + '/'));
      return root ? file.slice(root.length).replace(/^\//, '') : file;
    };

    connection.onRequest(
      PORTS_REQUEST,
      honourCancellation(() => ({
        rows: portRows(service.index, service.analysis.settings).map((r) => ({ ...r, uri: pathToUri(r.file) })),
      })),
    );
    connection.onRequest(
      PORT_REGISTRY_REQUEST,
      honourCancellation((params: { format?: string } | undefined) => {
        const format = FORMATS.includes(params?.format as RegistryFormat) ? (params!.format as RegistryFormat) : 'markdown';
        return formatRegistry(portRows(service.index, service.analysis.settings, display), format);
      }),
    );

    publisher.onPublished(() => {
      if (inventory.version !== announced.version || service.analysis.settings !== announced.settings) {
        const now = { version: inventory.version, signature: inventory.signature(), settings: service.analysis.settings };
        const changed = now.signature !== announced.signature || now.settings !== announced.settings;
        announced = now;
        if (changed) void connection.sendNotification(PORTS_CHANGED_NOTIFICATION);
      }
      if (loading || !service.hasMissingCompanions()) return;
      loading = true;
      service.loadCompanions().then(
        (paths) => {
          loading = false;
          publisher.publish(paths);
        },
        (e) => {
          loading = false;
          connection.console.error(`reading Kubernetes YAML failed: ${(e as Error)?.message ?? e}`);
        },
      );
    });
  },
};

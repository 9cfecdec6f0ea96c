// The ports view model: host → endpoint → listeners, with conflicts and public binds marked.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../helpers/workspace';
import { portRows } from '../../server/src/features/ports-registry';
import { buildPortTree, endpointDescription, hostDescription } from '../../server/src/features/ports-tree';
import { ALICE, BOB, OTHER_HOST, container } from './fixtures';

describe('ports view model', () => {
  it('groups rows by host and endpoint and marks conflicts, public binds and discarded mappings', () => {
    const a = analyse({
      [ALICE + 'web.container']: container('PublishPort=127.0.0.1:8080:80'),
      [BOB + 'metrics.container']: container('PublishPort=8080:9100'),
      [BOB + 'other.container']: container('PublishPort=127.0.0.1:8080:81'),
      [BOB + 'none.container']: container('Network=none', 'PublishPort=127.0.0.1:9000:80'),
      [OTHER_HOST + 'x.container']: container('PublishPort=127.0.0.1:8080:80'),
    });
    const rows = portRows(a.index, a.settings).map((r) => ({ ...r, uri: `file://${r.file}` }));
    const tree = buildPortTree(rows);
    assert.deepEqual(tree.map((h) => [h.host, hostDescription(h)]), [
      ['h1', '4 listeners, 3 in conflict, 1 public'],
      ['h2', '1 listener'],
    ]);
    assert.deepEqual(
      tree[0].endpoints.map((e) => [e.label, e.rows.map((r) => `${r.owner}/${r.unit}:${r.line}`).join(' '), endpointDescription(e)]),
      [
        ['*:8080/tcp', 'bob/metrics.container:3', 'conflict · public'],
        ['127.0.0.1:8080/tcp', 'alice/web.container:3 bob/other.container:3', 'conflict'],
        ['127.0.0.1:9000/tcp', 'bob/none.container:4', 'not bound'],
      ],
    );
    assert.deepEqual(tree[1].endpoints.map((e) => endpointDescription(e)), ['']);
  });
});

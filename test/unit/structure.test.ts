import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentSymbol, SelectionRange } from '../../server/src/features/structure';
import { EOLS, cursor, lines, withEol } from '../helpers/text';
import { serviceWith, userDir } from '../helpers/service';
import { fmtRange } from '../helpers/diagnostics';

const DIR = userDir('alice');

function flat(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''} ${fmtRange(s.range)} ${fmtRange(s.selectionRange)}`, ...flat(s.children ?? [], depth + 1)]);
}

function chain(r: SelectionRange | undefined): string[] {
  const out: string[] = [];
  for (let x = r; x; x = x.parent) out.push(fmtRange(x.range));
  return out;
}

for (const [eolName, eol] of EOLS) {
  describe(`document structure (${eolName})`, () => {
    const web = `${DIR}/web.container`;
    const text = withEol(lines('[Unit]', 'Description=Web', '', '[Container]', 'Image=x', 'Exec=/bin/sh \\', '  -c run', '', '# a', '# b', '[Service]', 'Restart=always', ''), eol);

    it('lists sections and their keys, the main section with the generated names', () => {
      const symbols = serviceWith({ [web]: text }).documentSymbols(web);
      assert.deepEqual(flat(symbols), [
        '[Unit] 0:0-1:15 0:1-0:5',
        '  Description (Web) 1:0-1:15 1:0-1:11',
        '[Container] (web.service · container systemd-web) 3:0-6:8 3:1-3:10',
        '  Image (x) 4:0-4:7 4:0-4:5',
        '  Exec (/bin/sh -c run) 5:0-6:8 5:0-5:4',
        '[Service] 10:0-11:14 10:1-10:8',
        '  Restart (always) 11:0-11:14 11:0-11:7',
      ]);
    });

    it('shows ServiceName= and ContainerName= from drop-ins in the detail', () => {
      const service = serviceWith({ [web]: text, [`${DIR}/web.container.d/10-name.conf`]: '[Container]\nServiceName=front\nContainerName=frontend\n' });
      assert.equal(service.documentSymbols(web)[1].detail, 'front.service · container frontend');
    });

    it('lists the parts of a .quadlets file by their file name', () => {
      const path = `${DIR}/app.quadlets`;
      const q = withEol(lines('# FileName=db.network', '[Network]', '---', '# FileName=web.container', '[Container]', 'Image=x'), eol);
      assert.deepEqual(flat(serviceWith({ [path]: q }).documentSymbols(path)), [
        'db.network (db-network.service · network systemd-db) 0:0-1:9 0:11-0:21',
        '  [Network] 1:0-1:9 1:1-1:8',
        'web.container (web.service · container systemd-web) 3:0-5:7 3:11-3:24',
        '  [Container] 4:0-5:7 4:1-4:10',
        '    Image (x) 5:0-5:7 5:0-5:5',
      ]);
    });

    it('folds sections, continued values and comment blocks', () => {
      const folds = serviceWith({ [web]: text }).foldingRanges(web).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ` ${f.kind}` : ''}`);
      assert.deepEqual(folds, ['0-1 region', '3-6 region', '5-6', '8-9 comment', '10-11 region']);
    });

    it('grows the selection from a word to the value, entry, section and file', () => {
      const { text: t, position } = cursor(withEol(lines('[Container]', 'Image=x', 'Exec=/bin/sh \\', '  -c r|un', '[Unit]'), eol));
      const [sel] = serviceWith({ [web]: t }).selectionRanges(web, [position]);
      assert.deepEqual(chain(sel), ['3:5-3:8', '2:5-3:8', '2:0-3:8', '0:0-3:8', '0:0-4:6']);
      const [onKey] = serviceWith({ [web]: t }).selectionRanges(web, [{ line: 1, character: 2 }]);
      assert.deepEqual(chain(onKey), ['1:0-1:5', '1:0-1:7', '0:0-3:8', '0:0-4:6']);
    });
  });

  describe(`inlay hints (${eolName})`, () => {
    it('shows generated names after references that resolve in the scope', () => {
      const files = {
        [`${DIR}/app.network`]: '[Network]\nNetworkName=appnet\n',
        [`${DIR}/data.volume`]: '[Volume]\n',
        [`${DIR}/grp.pod`]: '[Pod]\n',
        [`${DIR}/base.image`]: '[Image]\nImage=docker.io/library/alpine:3\n',
        [`${DIR}/db.container`]: '[Container]\nImage=x\n',
        [`${userDir('bob')}/other.network`]: '[Network]\n',
      };
      const web = `${DIR}/web.container`;
      const text = withEol(lines('[Unit]', 'Requires=db.container app.network', '[Container]', 'Image=base.image', 'Network=app.network', 'Network=other.network', 'Volume=data.volume:/d', 'Mount=type=volume,source=data.volume,destination=/m', 'Pod=grp.pod'), eol);
      const hints = serviceWith({ ...files, [web]: text }, { podmanVersion: '5.8' }).inlayHints(web);
      assert.deepEqual(hints.map((h) => `${h.position.line}:${h.position.character} ${h.label}`), [
        '1:21 db.service',
        '1:33 app-network.service',
        '3:16 docker.io/library/alpine:3',
        '4:19 appnet',
        '6:18 systemd-data',
        '7:36 systemd-data',
        '8:11 systemd-grp',
      ]);
      const old = serviceWith({ ...files, [web]: text }, { podmanVersion: '5.4' }).inlayHints(web);
      assert.ok(!old.some((h) => h.position.line === 1), 'before 5.5 the generator does not translate [Unit] dependencies');
    });
  });
}

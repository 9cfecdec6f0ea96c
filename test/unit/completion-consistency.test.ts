// Completion never offers what the analysis then flags: every offered key and every offered value,
// inserted into a clean file, draws no diagnostic of the kind it would be about, for every file
// type, every section and two target versions.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sectionsFor, isQuadletType, MAIN_SECTION, UnitType } from '../../server/src/catalog/filetypes';
import { applyTextEdits } from '../../server/src/features/edits';
import { QuadletService } from '../../server/src/features/service';
import { CompletionItem } from '../../server/src/features/completion';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { serviceWith, userDir, userSystemdDir } from '../helpers/service';
import { expandSnippet } from '../helpers/snippets';

const DIR = userDir('alice');
const SYSTEMD_DIR = userSystemdDir('alice');
const SCOPE = {
  [`${DIR}/app.network`]: '[Network]\n',
  [`${DIR}/data.volume`]: '[Volume]\n',
  [`${DIR}/base.image`]: '[Image]\nImage=docker.io/library/alpine:3\n',
  [`${DIR}/tool.build`]: '[Build]\nImageTag=localhost/tool:1\nSetWorkingDirectory=unit\n',
  [`${DIR}/grp.pod`]: '[Pod]\n',
  [`${DIR}/cfg.artifact`]: '[Artifact]\nArtifact=quay.io/example/cfg:1\n',
  [`${SYSTEMD_DIR}/helper.service`]: '[Service]\nExecStart=/bin/true\n',
  // The service a subject .socket or .timer starts (the .service subject replaces it).
  [`${SYSTEMD_DIR}/subject.service`]: '[Service]\nExecStart=/bin/true\n',
};

// A clean file of each type (no diagnostics on its own).
const BASE: Record<UnitType, string> = {
  container: '[Container]\nImage=docker.io/library/nginx:1\n',
  volume: '[Volume]\n',
  network: '[Network]\n',
  kube: '[Kube]\nYaml=app.yaml\n',
  image: '[Image]\nImage=docker.io/library/alpine:3\n',
  build: '[Build]\nImageTag=localhost/x:1\nSetWorkingDirectory=unit\n',
  pod: '[Pod]\n',
  artifact: '[Artifact]\nArtifact=quay.io/example/a:1\n',
  socket: '[Install]\nWantedBy=sockets.target\n[Socket]\nListenStream=127.0.0.1:9000\n',
  service: '[Service]\nExecStart=/bin/true\n',
  target: '[Unit]\nDescription=t\n',
  timer: '[Timer]\nOnCalendar=daily\n',
};

const KEY_CODES = ['unknown-key', 'unknown-section', 'version', 'duplicate-key', 'conflicting-keys', 'deprecated'];

function pathFor(type: UnitType): string {
  return isQuadletType(type) ? `${DIR}/subject.${type}` : `${SYSTEMD_DIR}/subject.${type}`;
}

/** The base text with `section` open at its end; returns the text and the line where a key goes. */
function withSection(type: UnitType, section: string): { text: string; line: number } {
  const base = BASE[type];
  // Keys go at the end: reuse the base's last section when it is the one asked for.
  const headers = base.match(/^\[[^\]]*\]/gm) ?? [];
  const text = headers[headers.length - 1] === `[${section}]` ? base : `${base}[${section}]\n`;
  return { text, line: text.split('\n').length - 1 };
}

let version = 1;
function diagnose(service: QuadletService, path: string, text: string): Diagnostic[] {
  service.changeDocument(path, text, ++version);
  return service.diagnostics(path);
}

function apply(text: string, item: CompletionItem): { text: string; line: number } {
  return { text: applyTextEdits(text, [{ range: item.range, newText: expandSnippet(item.insertText) }]), line: item.range.start.line };
}

const show = (list: Diagnostic[]) => list.map((d) => `${d.code}: ${d.message}`).join('; ');

for (const target of ['5.4', '5.8']) {
  describe(`completion offers nothing that is then flagged (Podman ${target})`, () => {
    const types = (Object.keys(BASE) as UnitType[]).filter((t) => target !== '5.4' || t !== 'artifact');
    for (const type of types) {
      it(`.${type}: every offered key and value is accepted`, (t) => {
        const path = pathFor(type);
        const service = serviceWith({ ...SCOPE, [path]: BASE[type] }, { podmanVersion: target });
        assert.deepEqual(service.diagnostics(path), [], 'the base file is clean');
        let keysChecked = 0;
        let valuesChecked = 0;
        for (const section of sectionsFor(type)) {
          const { text, line } = withSection(type, section);
          assert.deepEqual(diagnose(service, path, text), [], `the base file with [${section}] is clean`);
          const keys = service.completion(path, { line, character: 0 }).filter((i) => i.kind === 'key');
          if (section === (isQuadletType(type) ? MAIN_SECTION[type] : section)) assert.ok(keys.length > 0, `keys offered in [${section}]`);
          for (const key of keys) {
            const inserted = apply(text, key);
            const flagged = diagnose(service, path, inserted.text).filter((d) => d.range.start.line === inserted.line && KEY_CODES.includes(d.code) && !(key.deprecated && d.code === 'deprecated'));
            assert.deepEqual(flagged, [], `[${section}] ${key.label}= is offered but flagged: ${show(flagged)}`);
            keysChecked++;
            const values = service.completion(path, { line: inserted.line, character: inserted.text.split('\n')[inserted.line].length });
            for (const value of values) {
              const filled = apply(inserted.text, value);
              const onLine = diagnose(service, path, filled.text).filter((d) => d.range.start.line === filled.line && !(key.deprecated && d.code === 'deprecated'));
              assert.deepEqual(onLine, [], `[${section}] ${key.label}=${expandSnippet(value.insertText)} is offered but flagged: ${show(onLine)}`);
              valuesChecked++;
            }
          }
        }
        t.diagnostic(`checked ${keysChecked} keys and ${valuesChecked} values`);
        assert.ok(keysChecked > 0 && (valuesChecked > 0 || type === 'target'), `checked ${keysChecked} keys and ${valuesChecked} values`);
      });
    }
  });
}

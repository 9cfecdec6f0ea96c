import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItem } from '../../server/src/features/completion';
import { applyTextEdits } from '../../server/src/features/edits';
import { EOLS, cursor, lines, withEol } from '../helpers/text';
import { serviceWith, userDir, userSystemdDir } from '../helpers/service';
import { expandSnippet } from '../helpers/snippets';
import { fmtRange } from '../helpers/diagnostics';

const ALICE = userDir('alice');
const SYSTEMD_ALICE = userSystemdDir('alice');
const BOB = userDir('bob');

// alice's scope: a network, a volume, an image, a build, a pod and an activator service; bob has his own network.
const SCOPE = {
  [`${ALICE}/app.network`]: '[Network]\n',
  [`${ALICE}/data.volume`]: '[Volume]\nVolumeName=appdata\n',
  [`${ALICE}/base.image`]: '[Image]\nImage=docker.io/library/alpine:3\n',
  [`${ALICE}/tool.build`]: '[Build]\nImageTag=localhost/tool:1\nSetWorkingDirectory=unit\n',
  [`${ALICE}/web.pod`]: '[Pod]\n',
  [`${BOB}/bobnet.network`]: '[Network]\n',
  [`${SYSTEMD_ALICE}/db-activator.socket`]: '[Socket]\nListenStream=127.0.0.1:5432\n',
};

function complete(path: string, textWithBar: string, eol: string, settings = {}, extra: Record<string, string> = {}) {
  const { text, position } = cursor(withEol(textWithBar, eol));
  const service = serviceWith({ ...SCOPE, ...extra, [path]: text }, settings);
  return { items: service.completion(path, position), text, position, service };
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

for (const [eolName, eol] of EOLS) {
  describe(`completion (${eolName})`, () => {
    const web = `${ALICE}/web.container`;

    it('offers only the sections of the file type after "[", main section first, none already present', () => {
      const { items } = complete(`${ALICE}/v.volume`, lines('[Volume]', '[|'), eol);
      assert.deepEqual(labels(items), ['[Quadlet]', '[Unit]', '[Service]', '[Install]']);
      const sock = complete(`${ALICE}/x.socket`, '[|', eol).items;
      assert.deepEqual(labels(sock), ['[Unit]', '[Socket]', '[Install]']);
      const pod = complete(`${ALICE}/p.pod`, lines('# comment', '[P|'), eol).items;
      assert.equal(pod[0].label, '[Pod]');
      assert.equal(fmtRange(pod[0].range), '1:0-1:2');
      assert.equal(pod[0].insertText, '[Pod]');
    });

    it('replaces the whole header, closing bracket included', () => {
      const { items, text } = complete(web, lines('[Cont|]', 'Image=x'), eol);
      const item = items.find((i) => i.label === '[Container]')!;
      assert.equal(fmtRange(item.range), '0:0-0:6');
      assert.equal(applyTextEdits(text, [{ range: item.range, newText: item.insertText }]), withEol(lines('[Container]', 'Image=x'), eol));
    });

    it('offers the keys of the section for the target version, with since/repeatable detail', () => {
      const old = complete(web, lines('[Container]', 'Image=x', 'Re|'), eol, { podmanVersion: '5.4' }).items;
      assert.ok(!labels(old).includes('ReloadSignal'), 'ReloadSignal is 5.5+');
      assert.ok(!labels(old).includes('AppArmor'), 'AppArmor is 5.8');
      const item = old.find((i) => i.label === 'ReadOnly')!;
      assert.equal(item.detail, 'since 4.4 · single value');
      assert.equal(item.insertText, 'ReadOnly=');
      assert.equal(item.retrigger, true);
      assert.equal(fmtRange(item.range), '2:0-2:2');
      const newer = complete(web, lines('[Container]', 'Image=x', 'Re|'), eol, { podmanVersion: '5.8' }).items;
      assert.equal(newer.find((i) => i.label === 'ReloadSignal')!.detail, 'since 5.5 · single value');
      assert.equal(newer.find((i) => i.label === 'Volume')!.detail, 'since 4.4 · repeatable');
      assert.match(newer.find((i) => i.label === 'Volume')!.documentation!, /docs\.podman\.io\/en\/v5\.8\.0/);
    });

    it('tags deprecated keys and sorts them last', () => {
      const items = complete(web, lines('[Container]', 'Image=x', '|'), eol).items;
      const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
      const firstDeprecated = sorted.findIndex((i) => i.deprecated);
      assert.ok(firstDeprecated > 0);
      assert.ok(sorted.slice(firstDeprecated).every((i) => i.deprecated), 'all deprecated keys come last');
      assert.deepEqual(sorted.filter((i) => i.deprecated).map((i) => i.label).sort(), ['RemapUidSize', 'RemapUsers', 'VolatileTmp'], 'RemapUid/RemapGid wait for RemapUsers=');
      assert.match(items.find((i) => i.label === 'RemapUsers')!.detail!, /^deprecated: use UserNS=/);
    });

    it('leaves out single-valued keys already set and keys that conflict with present ones', () => {
      const items = labels(complete(web, lines('[Container]', 'Image=x', 'UserNS=auto', 'Label=a=b', '|'), eol).items);
      assert.ok(!items.includes('Image'));
      assert.ok(!items.includes('Rootfs'), 'Rootfs conflicts with Image');
      assert.ok(!items.includes('RemapUsers'), 'RemapUsers conflicts with UserNS');
      assert.ok(items.includes('Label'), 'repeatable keys stay');
      // Retyping the key of an existing entry replaces only the key.
      const retype = complete(web, lines('[Container]', 'Ima|ge=x'), eol).items.find((i) => i.label === 'Image')!;
      assert.equal(retype.insertText, 'Image');
      assert.equal(fmtRange(retype.range), '1:0-1:5');
    });

    it('offers keys that need a partner only once the partner is set', () => {
      const noUser = labels(complete(web, lines('[Container]', 'Image=x', '|'), eol).items);
      assert.ok(!noUser.includes('Group') && noUser.includes('User'));
      assert.ok(labels(complete(web, lines('[Container]', 'Image=x', 'User=1000', '|'), eol).items).includes('Group'));
      const net = `${ALICE}/n.network`;
      assert.ok(!labels(complete(net, lines('[Network]', '|'), eol).items).includes('Gateway'));
      assert.ok(labels(complete(net, lines('[Network]', 'Subnet=10.0.0.0/24', '|'), eol).items).includes('Gateway'));
      assert.ok(!labels(complete(net, lines('[Network]', 'Subnet=10.0.0.0/24', 'Gateway=10.0.0.1', '|'), eol).items).includes('Gateway'), 'one Gateway per Subnet');
      const vol = `${ALICE}/v.volume`;
      assert.ok(!labels(complete(vol, lines('[Volume]', '|'), eol).items).includes('Options'));
      assert.ok(labels(complete(vol, lines('[Volume]', 'Device=/dev/sdb1', '|'), eol).items).includes('Options'));
      // A partner in a drop-in counts.
      const withDropin = complete(web, lines('[Container]', 'Image=x', '|'), eol, {}, { [`${ALICE}/web.container.d/user.conf`]: '[Container]\nUser=1000\n' });
      assert.ok(labels(withDropin.items).includes('Group'));
    });

    it('uses the systemd catalogue in systemd sections, without keys quadlets do not support', () => {
      const items = complete(web, lines('[Container]', 'Image=x', '[Service]', '|'), eol).items;
      assert.ok(labels(items).includes('Restart'));
      assert.equal(items.find((i) => i.label === 'Restart')!.detail, 'systemd.service · single value');
      assert.ok(!labels(items).includes('User'), '[Service] User= is not supported in quadlets');
      const sock = complete(`${ALICE}/x.socket`, lines('[Socket]', 'Li|'), eol).items;
      assert.ok(labels(sock).includes('ListenStream'));
    });

    it('offers nothing in comments, in unknown sections and in systemd-networkd .network files', () => {
      assert.deepEqual(complete(web, lines('[Container]', '# Ima|'), eol).items, []);
      assert.deepEqual(complete(web, lines('[Bogus]', 'Ima|'), eol).items, []);
      assert.deepEqual(complete(`${ALICE}/eth.network`, lines('[Match]', 'Name=eth0', '[Network]', 'DHCP=yes', '|'), eol).items, []);
    });

    it('completes enums with their meaning, and booleans', () => {
      const pull = complete(web, lines('[Container]', 'Image=x', 'Pull=|'), eol).items;
      assert.deepEqual(labels(pull), ['always', 'missing', 'never', 'newer']);
      const bool = complete(web, lines('[Container]', 'Image=x', 'ReadOnly=t|'), eol).items;
      assert.deepEqual(labels(bool), ['true', 'false']);
      assert.equal(fmtRange(bool[0].range), '2:9-2:10');
      const systemdBool = complete(`${ALICE}/x.socket`, lines('[Socket]', 'Accept=|'), eol).items;
      assert.deepEqual(labels(systemdBool), ['yes', 'no']);
      const notify = complete(web, lines('[Container]', 'Image=x', 'Notify=|'), eol).items;
      assert.match(notify.find((i) => i.label === 'healthy')!.documentation!, /healthcheck/);
    });

    it('restricts [Service] Type= and KillMode= in a .container to what the generator accepts', () => {
      const type = complete(web, lines('[Container]', 'Image=x', '[Service]', 'Type=|'), eol).items;
      assert.deepEqual(labels(type).sort(), ['notify', 'oneshot']);
      const kill = complete(web, lines('[Container]', 'Image=x', '[Service]', 'KillMode=|'), eol).items;
      assert.deepEqual(labels(kill).sort(), ['control-group', 'mixed']);
      const pod = complete(`${ALICE}/p.pod`, lines('[Pod]', '[Service]', 'Type=|'), eol).items;
      assert.deepEqual(labels(pod), ['forking'], 'a pod always runs as Type=forking');
    });

    it('completes Network= with the scope\'s .network files first, then built-in modes; never another user\'s', () => {
      const items = complete(web, lines('[Container]', 'Image=x', 'Network=|'), eol).items;
      assert.equal(items[0].label, 'app.network');
      assert.equal(items[0].detail, 'app-network.service · network systemd-app');
      assert.ok(labels(items).includes('pasta'));
      assert.ok(!labels(items).includes('host'), 'host draws the host-network warning');
      assert.ok(!labels(items).includes('bobnet.network'));
      assert.deepEqual(complete(web, lines('[Container]', 'Image=x', 'Network=pasta:|'), eol).items, [], 'no completion inside options');
      assert.equal(expandSnippet(items.find((i) => i.label === 'ns:')!.insertText), 'ns:/run/netns/name', 'modes that need an argument get a placeholder');
    });

    it('offers the other parts of a .quadlets file as references', () => {
      const q = `${ALICE}/app.quadlets`;
      const items = complete(q, lines('# FileName=db.network', '[Network]', '---', '# FileName=web2.container', '[Container]', 'Image=x', 'Network=|'), eol).items;
      assert.deepEqual(labels(items).slice(0, 2), ['app.network', 'db.network']);
    });

    it('completes Pod=, Volume= sources and Image= references from the scope', () => {
      assert.deepEqual(labels(complete(web, lines('[Container]', 'Image=x', 'Pod=|'), eol).items), ['web.pod']);
      const vol = complete(web, lines('[Container]', 'Image=x', 'Volume=|'), eol).items;
      assert.deepEqual(labels(vol), ['data.volume']);
      assert.equal(vol[0].insertText, 'data.volume:${1:/data}');
      assert.equal(vol[0].detail, 'data-volume.service · volume appdata');
      const withDest = complete(web, lines('[Container]', 'Image=x', 'Volume=d|:/srv'), eol).items;
      assert.equal(withDest[0].insertText, 'data.volume');
      const img = complete(web, lines('[Container]', 'Image=|'), eol).items;
      assert.deepEqual(labels(img), ['base.image', 'tool.build']);
      assert.equal(img[0].detail, 'base-image.service · image docker.io/library/alpine:3');
    });

    it('completes Mount= with whole mounts, then field names, types and typed sources', () => {
      const whole = complete(web, lines('[Container]', 'Image=x', 'Mount=|'), eol).items;
      assert.deepEqual(labels(whole), ['type=volume,source=data.volume,destination=/data', 'type=image,source=base.image,destination=/mnt', 'type=bind,source=…,destination=…', 'type=tmpfs,destination=…']);
      assert.equal(expandSnippet(whole[2].insertText), 'type=bind,source=/srv/data,destination=/data');
      const fields = complete(web, lines('[Container]', 'Image=x', 'Mount=type=bind,|'), eol).items;
      assert.deepEqual(labels(fields), ['type=', 'source=', 'destination=']);
      assert.equal(expandSnippet(fields[2].insertText), 'destination=/data');
      const types = labels(complete(web, lines('[Container]', 'Image=x', 'Mount=type=|'), eol, { podmanVersion: '5.4' }).items);
      assert.ok(types.includes('bind') && types.includes('volume') && !types.includes('artifact'));
      const src = complete(web, lines('[Container]', 'Image=x', 'Mount=type=image,source=|'), eol).items;
      assert.deepEqual(labels(src), ['base.image']);
      assert.equal(fmtRange(src[0].range), '2:24-2:24');
    });

    it('completes capabilities word by word, skipping those already listed', () => {
      const add = complete(web, lines('[Container]', 'Image=x', 'AddCapability=CAP_NET_ADMIN CAP_SYS_|'), eol).items;
      assert.ok(!labels(add).includes('CAP_NET_ADMIN'));
      assert.ok(labels(add).includes('CAP_SYS_TIME'));
      assert.equal(fmtRange(add[0].range), '2:28-2:36');
      const next = complete(web, lines('[Container]', 'Image=x', 'AddCapability=CAP_NET_ADMIN |'), eol).items;
      assert.ok(!labels(next).includes('CAP_NET_ADMIN'));
      assert.equal(fmtRange(next[0].range), '2:28-2:28', 'after a blank a new word starts');
      assert.deepEqual(complete(web, lines('[Container]', 'Image=x', 'Pull=| never'), eol).items, [], 'nothing between "=" and the value');
      const drop = complete(web, lines('[Container]', 'Image=x', 'DropCapability=|'), eol).items;
      assert.equal(drop[0].label, 'all');
      assert.equal(drop[1].label, 'CAP_CHOWN', 'the default set comes first when dropping');
    });

    it('completes signals and specifiers with their meaning', () => {
      const sig = complete(web, lines('[Container]', 'Image=x', 'StopSignal=|'), eol).items;
      assert.equal(sig[0].label, 'SIGTERM');
      const spec = complete(web, lines('[Container]', 'Image=x', 'Volume=%|'), eol).items;
      assert.ok(spec.every((i) => i.kind === 'specifier'));
      const h = spec.find((i) => i.label === '%h')!;
      assert.match(h.documentation!, /home directory/);
      assert.equal(fmtRange(h.range), '2:7-2:8');
      // "%%" is a literal percent: the letter after it does not start a specifier.
      assert.ok(complete(web, lines('[Container]', 'Image=x', 'Exec=echo 100%%h|'), eol).items.every((i) => i.kind !== 'specifier'));
    });

    it('offers loopback PublishPort= values first, with the next free port when the inventory provides it', () => {
      const plain = complete(web, lines('[Container]', 'Image=x', 'PublishPort=|'), eol).items;
      assert.deepEqual(labels(plain), ['127.0.0.1:8080:80', '[::1]:8080:80']);
      // The port inventory knows 8080 and 8081 are taken on 127.0.0.1 (by bob, on the same host).
      const taken = complete(web, lines('[Container]', 'Image=x', 'PublishPort=|'), eol, {}, {
        [`${BOB}/a.container`]: '[Container]\nImage=docker.io/library/nginx:1\nPublishPort=127.0.0.1:8080:80\nPublishPort=127.0.0.1:8081:81\n',
      }).items;
      assert.deepEqual(labels(taken), ['127.0.0.1:8082:80', '[::1]:8080:80']);
      assert.match(taken[0].detail!, /8082 is the next free port on 127\.0\.0\.1/);
      const { text, position } = cursor(withEol(lines('[Container]', 'Image=x', 'PublishPort=127|'), eol));
      const service = serviceWith({ ...SCOPE, [web]: text });
      service.completionHooks.nextFreePort = (scope, address) => (scope.owner === 'alice' && address === '127.0.0.1' ? 18081 : undefined);
      const items = service.completion(web, position);
      assert.equal(items[0].insertText, '127.0.0.1:${1:18081}:${2:80}');
      assert.match(items[0].detail!, /18081 is the next free port/);
      assert.equal(fmtRange(items[0].range), '2:12-2:15');
    });

    it('completes [Unit] dependencies from the scope: quadlet names from 5.5, service names before', () => {
      const newer = labels(complete(web, lines('[Container]', 'Image=x', '[Unit]', 'Requires=|'), eol, { podmanVersion: '5.8' }).items);
      assert.ok(newer.includes('app.network') && newer.includes('db-activator.socket') && newer.includes('network-online.target'));
      assert.ok(!newer.includes('web.container') && !newer.includes('bobnet.network'));
      const older = labels(complete(web, lines('[Container]', 'Image=x', '[Unit]', 'After=|'), eol, { podmanVersion: '5.4' }).items);
      assert.ok(older.includes('app-network.service') && !older.includes('app.network'));
      const install = labels(complete(web, lines('[Container]', 'Image=x', '[Install]', 'WantedBy=|'), eol).items);
      assert.deepEqual(install, ['default.target', 'sockets.target', 'timers.target']);
    });

    it('offers the new-file skeletons in an empty file, with the file\'s line ending', () => {
      const items = complete(`${ALICE}/new.container`, '|', eol).items;
      assert.equal(items[0].kind, 'snippet');
      assert.equal(items[0].label, 'container');
      assert.ok(items[0].snippet);
      assert.ok(items[0].insertText.startsWith('[Unit]\n'));
      const sock = labels(complete(`${ALICE}/db-activator.socket`, '|', eol).items.filter((i) => i.kind === 'snippet'));
      assert.deepEqual(sock, ['socket', 'activator-socket']);
      const dropin = complete(`${ALICE}/web.container.d/10-x.conf`, '|', eol).items;
      assert.deepEqual(labels(dropin), ['[Container]', '[Quadlet]', '[Unit]', '[Service]', '[Install]'], 'a drop-in gets sections, not a skeleton');
      const crlf = complete(`${ALICE}/n.network`, withEol('\n|', eol), eol).items;
      assert.equal(crlf[0].insertText.includes('\r\n'), eol === '\r\n');
    });

    it('writes the socket-proxyd path of the settings into the activator skeleton', () => {
      const item = complete(`${ALICE}/db-activator.service`, '|', eol, { socketProxydPath: '/lib/systemd/systemd-socket-proxyd' }).items[0];
      assert.match(expandSnippet(item.insertText), /ExecStart=\/lib\/systemd\/systemd-socket-proxyd --exit-idle-time=5min 127\.0\.0\.1:15432/);
    });
  });
}

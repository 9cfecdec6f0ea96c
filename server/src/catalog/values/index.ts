// Dispatches a value to its grammar: first the reading the generator applies to the key (single
// values lose one pair of surrounding double quotes; "raw" keys keep them and pass them to podman),
// then key-specific grammars, then the grammar of the key's value kind. Offsets in the returned
// problems are relative to the entry's raw value.

import { KeyInfo } from '../keys';
import { UnitType } from '../filetypes';
import { parseAddHost, parseCidrValue, parseDnsValue, parseIpRange, parseIpValue } from './addresses';
import { parsePodmanBool, parseSystemdBool } from './bool';
import { parseCapabilities } from './capabilities';
import { parseDevices } from './device';
import { parseGoDuration, parseSystemdTimespan } from './durations';
import { hasEnumRule, parseListedEnum, parseQuadletEnum } from './enums';
import { parseHealthCmd, parseHealthLogDestination } from './health';
import { parseImageRef } from './images';
import { parseKeyValueList, parseOptionWords, parseSysctls } from './keyvalue';
import { commaItems, splitArgs } from './lists';
import { parseMount } from './mount';
import { parsePodmanName, parseServiceName, parseTimezone } from './names';
import { parseNetwork } from './network';
import { intFlavour, parseInteger } from './numbers';
import { parseExposePort, parsePublishPortList } from './ports';
import { parseSecrets } from './secret';
import { checkServiceRestriction } from './service-restrictions';
import { parsePodmanSignal, parseSystemdSignal } from './signals';
import { parsePodmanSize, parseSystemdSize } from './sizes';
import { checkSpecifiers, hasExpansion, onlyExpansions } from './specifiers';
import { parseListenValue, parseOctalMode, parseSystemdEnum, parseUnitList } from './systemd';
import { ValueContext, ValueProblem, shift, whole } from './types';
import { parseUlimit } from './ulimit';
import { parseIdMaps, parseUserNs } from './userns';
import { parseTmpfs, parseVolume } from './volume';

export type { ValueContext, ValueProblem } from './types';

/** Keys the generator reads with LookupAll: the whole line is one argument, quotes included. */
const RAW_KEYS = new Set([
  'PublishPort', 'Network', 'Volume', 'ExposeHostPort', 'DNS', 'DNSOption', 'DNSSearch', 'NetworkAlias', 'Ulimit', 'GroupAdd',
  'AddHost', 'Tmpfs', 'Subnet', 'Gateway', 'IPRange', 'ContainersConfModule',
]);
const RAW_IN_SECTION = new Set(['Build.ImageTag', 'Pod.HostName']);
/** Keys split into words by the generator (strv, args or key=value modes); their grammars split. */
const SPLIT_KINDS = new Set(['capability-list', 'env-list', 'keyvalue-list', 'keyvalue', 'mount', 'secret', 'device', 'args', 'idmap']);
const SPLIT_KEYS = new Set(['AutoUpdate', 'Yaml', 'ConfigMap', 'Mask', 'Unmask', 'EnvironmentFile']);
const PODMAN_NAME_KEYS = new Set(['ContainerName', 'PodName', 'VolumeName', 'NetworkName']);

type Reading = 'raw' | 'split' | 'single';

function readingOf(info: KeyInfo): Reading {
  if (RAW_KEYS.has(info.key) || RAW_IN_SECTION.has(`${info.section}.${info.key}`)) return 'raw';
  if (SPLIT_KINDS.has(info.kind) || SPLIT_KEYS.has(info.key)) return 'split';
  return 'single';
}

/** Strips one pair of surrounding double quotes, as the generator's Lookup() does. */
function unquote(value: string): { text: string; offset: number } {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return { text: value.slice(1, -1), offset: 1 };
  return { text: value, offset: 0 };
}

/** Podman splits the arguments of its "string slice" flags at commas: check every item. */
function perItem(text: string, check: (item: string) => ValueProblem[]): ValueProblem[] {
  return commaItems(text).flatMap((i) => shift(check(i.text), i.start));
}

/** Grammar of a quadlet key's value (text already read the way the generator reads it). */
function quadletGrammar(info: KeyInfo, text: string, ctx: ValueContext): ValueProblem[] | undefined {
  const { key, section } = info;
  switch (info.kind) {
    case 'bool': return parsePodmanBool(text).problems;
    case 'int': return parseInteger(text, intFlavour(section, key, 'quadlet')).problems;
    case 'duration': return parseGoDuration(text, key).problems;
    case 'size': return parsePodmanSize(text).problems;
    case 'signal': return parsePodmanSignal(text).problems;
    case 'enum':
      if (hasEnumRule(section, key)) return parseQuadletEnum(text, section, key, ctx.type, ctx.version).problems;
      return info.values ? parseListedEnum(text, info.values, 'it may not work as intended').problems : undefined;
    case 'capability-list': return parseCapabilities(text).problems;
    case 'env-list': return parseKeyValueList(text, 'env', ctx.version).problems;
    case 'keyvalue-list': return key === 'Sysctl' ? parseSysctls(text).problems : parseKeyValueList(text, 'label', ctx.version).problems;
    case 'keyvalue': return parseOptionWords(text).problems;
    case 'publish-port': return parsePublishPortList(text).flatMap((s) => s.problems);
    case 'expose-port': return parseExposePort(text).problems;
    case 'ip': return parseIpValue(text, 'any').problems;
    case 'ipv4': return parseIpValue(text, 4).problems;
    case 'ipv6': return parseIpValue(text, 6).problems;
    case 'cidr': return parseCidrValue(text).problems;
    case 'ip-range': return parseIpRange(text).problems;
    case 'dns': return perItem(text, (t) => parseDnsValue(t, section !== 'Network').problems);
    case 'add-host': return perItem(text, (t) => parseAddHost(t).problems);
    case 'network': return parseNetwork(text, ctx.version).problems;
    case 'pod-ref': return text.endsWith('.pod') ? [] : [whole(text, 0, `Pod= must name a Quadlet pod file (name.pod); the generator refuses "${text}" ("not Quadlet based").`)];
    case 'volume': return parseVolume(text, ctx.version).problems;
    case 'mount': return parseMount(text, ctx.version).problems;
    case 'userns': return parseUserNs(text).problems;
    case 'idmap': return key === 'UIDMap' || key === 'GIDMap' ? parseIdMaps(text).problems : undefined;
    case 'device': return parseDevices(text).problems;
    case 'secret': return section === 'Container' ? parseSecrets(text).problems : undefined;
    case 'tmpfs': return parseTmpfs(text).problems;
    case 'ulimit': return perItem(text, (t) => parseUlimit(t).problems);
    case 'user':
    case 'group': return section === 'Volume' ? parseInteger(text, 'generator-uint').problems.map((p) => ({ ...p, message: `${p.message.replace(/\.$/, '')} (in a .volume file ${key}= must be a numeric ID).` })) : undefined;
    case 'service-name': return parseServiceName(text).problems;
    case 'image-ref':
    case 'image': return parseImageRef(text, key === 'Image').problems;
    case 'name': return PODMAN_NAME_KEYS.has(key) ? parsePodmanName(text, key).problems : undefined;
    case 'args': return splitArgs(text).problems;
    case 'string':
      if (key === 'Timezone') return parseTimezone(text).problems;
      if (key === 'HealthCmd') return parseHealthCmd(text).problems;
      if (key === 'HealthLogDestination') return parseHealthLogDestination(text).problems;
      return undefined;
    default: return undefined;
  }
}

/** Grammar of a systemd key's value (in systemd units and in the systemd sections of quadlets). */
function systemdGrammar(info: KeyInfo, text: string, ctx: ValueContext, inQuadlet: boolean): ValueProblem[] | undefined {
  switch (info.kind) {
    case 'bool': return parseSystemdBool(text).problems;
    case 'int': return parseInteger(text, 'systemd').problems;
    case 'duration': return parseSystemdTimespan(text).problems;
    case 'size': return parseSystemdSize(text).problems;
    case 'signal': return parseSystemdSignal(text).problems;
    case 'enum': return info.values ? parseSystemdEnum(text, info.values).problems : undefined;
    case 'octal-mode': return parseOctalMode(text).problems;
    case 'listen-stream':
    case 'listen-datagram': return parseListenValue(text).problems;
    case 'unit-list': return parseUnitList(text, info.key, inQuadlet, ctx.version).problems;
    case 'env-list': return parseKeyValueList(text, 'systemd-env', ctx.version).problems;
    default: return undefined;
  }
}

// The grammars are pure, and real trees repeat values a lot (Restart=always, WantedBy=, labels,
// images across users): results are memoised per key, context and value. Bounded: the table is
// dropped when it grows past MEMO_LIMIT values (a new target version or a huge tree).
const MEMO_LIMIT = 100_000;
const NO_PROBLEMS: ValueProblem[] = Object.freeze([]) as unknown as ValueProblem[];
/** Per key: the values of the context seen last (nearly always the only one), and the others. */
interface KeyMemo {
  context: string;
  byValue: Map<string, ValueProblem[]>;
  others?: Map<string, Map<string, ValueProblem[]>>;
}
let memo = new Map<KeyInfo, KeyMemo>();
let memoSize = 0;

// version → type → section → the context strings (inQuadlet false, true): one string object per
// context, so the memo's lookups by context compare pointers and hash nothing.
const contextKeys = new Map<string, Map<string | undefined, Map<string, [string, string]>>>();

/** The memo's context part (see checkValue); the same string object for the same context. */
export function valueContextKey(version: string, type: string | undefined, section: string, inQuadlet: boolean): string {
  let byType = contextKeys.get(version);
  if (!byType) contextKeys.set(version, (byType = new Map()));
  let bySection = byType.get(type);
  if (!bySection) byType.set(type, (bySection = new Map()));
  let pair = bySection.get(section);
  if (!pair) bySection.set(section, (pair = [`${version} ${type} ${section} false`, `${version} ${type} ${section} true`]));
  return pair[inQuadlet ? 1 : 0];
}

/**
 * Every problem of one value. `inQuadlet`: the file is a quadlet (systemd sections included).
 * The returned list is shared between equal values: callers must not mutate it. `contextKey`, when
 * given, is valueContextKey() of this context.
 */
export function checkValue(info: KeyInfo, value: string, ctx: ValueContext, inQuadlet: boolean, contextKey?: string): ValueProblem[] {
  return checkValueIn(info, value, ctx.version, ctx.type, ctx.section, inQuadlet, contextKey ?? valueContextKey(ctx.version, ctx.type, ctx.section, inQuadlet));
}

/**
 * checkValue() for callers that loop over entries: the context is given as parts and its
 * valueContextKey(), and the context object is built only when the value is new.
 */
export function checkValueIn(info: KeyInfo, value: string, version: string, type: UnitType, section: string, inQuadlet: boolean, context: string): ValueProblem[] {
  if (memoSize >= MEMO_LIMIT) {
    memo = new Map();
    memoSize = 0;
  }
  let byKey = memo.get(info);
  if (!byKey) memo.set(info, (byKey = { context, byValue: new Map(), others: undefined }));
  // The section may differ from info.section for keys shared between sections (the context says).
  let byValue: Map<string, ValueProblem[]> | undefined;
  if (byKey.context === context) byValue = byKey.byValue;
  else {
    byValue = byKey.others?.get(context);
    if (!byValue) (byKey.others ??= new Map()).set(context, (byValue = new Map()));
  }
  let problems = byValue.get(value);
  if (!problems) {
    problems = computeProblems(info, value, { version, type, section, key: info.key }, inQuadlet);
    // Most values are fine: one shared empty list instead of one per distinct value.
    if (problems.length === 0) problems = NO_PROBLEMS;
    byValue.set(value, problems);
    memoSize++;
  }
  return problems;
}

function computeProblems(info: KeyInfo, value: string, ctx: ValueContext, inQuadlet: boolean): ValueProblem[] {
  const problems = checkSpecifiers(value);
  if (inQuadlet && info.section === 'Service') {
    const restricted = checkServiceRestriction(value, info.key, ctx.type);
    if (restricted) return [...problems, ...restricted];
  }
  if (value === '' || onlyExpansions(value)) return problems;
  if (info.origin === 'systemd') {
    // Specifiers (`%t/app.sock`) expand to unknown text; list grammars skip such words themselves.
    if (hasExpansion(value) && info.kind !== 'unit-list' && info.kind !== 'env-list') return problems;
    return [...problems, ...(systemdGrammar(info, value, ctx, inQuadlet) ?? [])];
  }
  const reading = readingOf(info);
  if (reading === 'raw' && /^(["']).*\1$/.test(value) && value.length >= 2) {
    const severity = ['string', 'name', 'path'].includes(info.kind) ? 'warning' : 'error';
    return [...problems, whole(value, 0, `the generator passes ${info.key}= values to podman as they are, quotes included, so podman sees ${value}; remove the quotes.`, severity)];
  }
  const { text, offset } = reading === 'single' ? unquote(value) : { text: value, offset: 0 };
  if (text === '') return problems;
  // A specifier inside a single value expands to text we cannot know: only list grammars, which
  // skip such words themselves, still look at it.
  if (reading !== 'split' && hasExpansion(text) && !['volume', 'network', 'mount'].includes(info.kind)) return problems;
  return [...problems, ...shift(quadletGrammar(info, text, ctx) ?? [], offset)];
}

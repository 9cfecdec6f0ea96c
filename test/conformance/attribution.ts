// Which quadlet-ls rule should catch each refusal of the real generator, decided from its message
// (MANIFEST.tsv columns stderr_message / stderr_message_5_8_6). A message no pattern knows makes the
// conformance test fail, so a new kind of refusal is never silently counted.

export interface Attribution {
  /** Rule codes that are right for this refusal (any of them). */
  codes: string[];
  why: string;
}

const PATTERNS: [RegExp, Attribution][] = [
  [/unsupported key '[^']*' in group/, { codes: ['version', 'unknown-key'], why: 'a key this version does not have' }],
  [/which is not a key-value pair|does not start with a group|invalid group name|invalid key name/, { codes: ['syntax'], why: 'a line the parser refuses' }],
  [/no Image or Rootfs key|no Image key|no ImageTag key|neither SetWorkingDirectory, nor File|the key Image is mandatory|no Yaml key|no File key|no Artifact key/, { codes: ['missing-key'], why: 'a required key is missing' }],
  [
    /Image And Rootfs keys conflict|Group set without User|deprecated Remap keys are set along|[UG]idMap set without RemapUsers|RemapUsers=manual is not supported|keep-id supports only a single|can't be used without Device|more gateways than subnets|more ranges than subnets|gateway or range without subnet|relative path in File key requires|are mutually exclusive but both are set|only supported when a single Yaml/,
    { codes: ['conflicting-keys'], why: 'keys the generator refuses in combination' },
  ],
  [/requested Quadlet (image|unit|source) \S+ was not found|quadlet pod unit \S+ does not exist|unable to translate dependency/, { codes: ['unresolved-reference'], why: 'a reference to a quadlet file that does not exist' }],
  [/pod \S+ is not Quadlet based/, { codes: ['invalid-value'], why: 'Pod= must name a .pod file' }],
  [/source cannot be empty|source parameter does not include a value|panic: runtime error: index out of range/, { codes: ['invalid-value'], why: 'a Mount= of an inspected type without source= (5.4.2 panics on it)' }],
  [
    /invalid KillMode|invalid service Type|invalid port format|unsupported RemapUsers option|SetWorkingDirectory=\S+ is only supported in|unsupported value for WorkingDirectory|extra options are not supported|cannot get the resource name/,
    { codes: ['invalid-value'], why: 'a value the generator checks' },
  ],
];

const IGNORED: Attribution = { codes: ['version'], why: 'a file type this version does not read' };

export function attribute(verdict: string, message: string): Attribution | undefined {
  if (verdict === 'ignored') return IGNORED;
  return PATTERNS.find(([re]) => re.test(message))?.[1];
}

// Corpus fixtures the generator accepts although Podman itself refuses the value when the unit
// starts (the generator passes it through unchecked). An `invalid-value` error on exactly this
// fixture and line is right, and the conformance test does not count it against "accepted files get
// no errors". Every entry names its line and why Podman refuses it.
//
// The `values` branch writes the authoritative list (test/unit/invalid-value-corpus.ts) together
// with the `invalid-value` rule; this branch has neither the rule nor that file, so the list is empty
// here: with no `invalid-value` rule nothing can need an exception. When both land, merge that list
// into this one (or import it here) — the conformance test then prints which entries matched.

export interface RuntimeRefusal {
  /** Path inside the corpus. */
  fixture: string;
  /** 1-based line of the refused value. */
  line: number;
  reason: string;
}

export const RUNTIME_REFUSALS: RuntimeRefusal[] = [];

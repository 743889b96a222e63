/**
 * Finds English left in text meant to be Portuguese. What is not prose is removed first — error codes
 * (ROW_PHONE_INVALID), flags (--limit), paths and URLs, identifiers (chat_add, field__Email), quoted values (a
 * cell, ChatGuru's own words), numbers, e-mails — then the words are looked up in a list of common English words
 * that are not also Portuguese ("no", "a", "as", "do" are, so they are not listed).
 */
const ENGLISH_WORDS = new Set(
  (
    "the is are was were be been being has have had will would should could can cannot must may might " +
    "and or but not nor if then than when while where which what who whose why how " +
    "of to in on at by for with from into onto over under after before about above below between through " +
    "it its this that these those there here they them their you your we our he she his her " +
    "all any each every some more most less least many much few only also still yet already again once " +
    "row rows column columns file files folder error errors warning warnings problem problems " +
    "created updated unchanged failed invalid duplicate pending skipped held uncertain capped reached " +
    "results result plan planned cost requests request retried sent send sending would-be first next last " +
    "run runs running stopped stopping interrupted finishing flight finished finish journal state lock " +
    "read reading header delimiter encoding worksheet checked check valid wrote write written writing " +
    "phone number numbers name names custom field fields message messages note notes dialog " +
    "new changed retry update create upsert waiting wait later earlier again left out none nothing " +
    "please report usage options required default show help version commands examples " +
    "one-off import see happen every minutes seconds about approx nothing found looks like suggested " +
    "enable exact unknown stops only known missing given got expected must"
  )
    .split(/\s+/)
    .filter((w) => w !== ""),
);

/** Removes codes, flags, paths, URLs, identifiers, quoted values and numbers: what remains is prose. */
export function prose(line: string): string {
  return (
    line
      .replace(/"[^"]*"/g, " ")
      // A default value in help ("[padrão: invalid]") is a value, not prose.
      .replace(/\[(padrão|default): [^\]]*\]/g, " ")
      .replace(/https?:\/\/\S+/g, " ")
      .replace(/[\w-]+=\S*/g, " ")
      .replace(/\S+@\S+\.\S+/g, " ")
      .replace(/chatguru-sync(\s+[a-z-]+)?/g, " ")
      .replace(/--[\w-]+(=\S+)?/g, " ")
      .replace(/(^|\s)[\w.-]*\/[\w./<>-]*/g, " ")
      .replace(/\b[\w-]+\.(csv|xlsx|json|ndjson|lock)\b/g, " ")
      .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, " ")
      .replace(/\b\w+__\w+\b/g, " ")
      .replace(/\b[a-z]+(_[a-z]+)+\b/g, " ")
      .replace(/\b\d[\d.,:]*\b/g, " ")
  );
}

/** The English words of a line (after `prose`), lower-cased. */
export function englishWords(line: string): string[] {
  return (
    prose(line)
      .toLowerCase()
      .match(/[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*/g) ?? []
  ).filter((w) => ENGLISH_WORDS.has(w));
}

/** Every line of `output` that still has English words, with the words found. */
export function englishLines(output: string): string[] {
  return output
    .split("\n")
    .map((line) => ({ line, words: englishWords(line) }))
    .filter(({ words }) => words.length > 0)
    .map(({ line, words }) => `${words.join(",")} ← ${line}`);
}

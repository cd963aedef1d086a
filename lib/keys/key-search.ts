// Plain module: what a search box's text means for finding a key. A pasted full key is reduced to
// its public key id here, in the browser too, so the secret never reaches a URL, a log or the server.

const KEY_START = /^ks_(?:live|test)_(?:sk|pk)_([0-9A-Za-z]{12})(?:_[0-9A-Za-z]*)?$/;

/** The key id a searched text names: a full (or truncated after the id) key, or null. */
export function keyIdInKey(text: string): string | null {
  return KEY_START.exec(text.trim())?.[1] ?? null;
}

/** The text to search for: the key id of a pasted key, anything else unchanged (trimmed). */
export function searchTerm(text: string): string {
  return keyIdInKey(text) ?? text.trim();
}

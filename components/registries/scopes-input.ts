// Scopes are typed as one line ("@company, @company-tools"); the API validates each one
// and its message is shown. Splitting here only turns the line into a list.

export function parseScopesInput(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((scope) => scope.trim())
    .filter(Boolean);
}

export function formatScopes(scopes: string[]): string {
  return scopes.join(", ");
}

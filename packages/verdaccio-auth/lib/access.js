// @ts-check
// Keysmith scopes → Verdaccio access and publish.
//   packages:read            read every package         packages:write   publish (and read) every package
//   packages:read:<scope>    read @<scope>/* only       packages:write:<scope>   publish (and read) @<scope>/* only
//   packages:* / admin:*     everything
// Scope segments cannot hold "@" or "/", so "@company/*" is written "packages:write:company".

/** The npm scope of a package name without its "@" ("company" for "@company/tool"), or null. */
function npmScopeOf(packageName) {
  if (!packageName.startsWith("@")) return null;
  const slash = packageName.indexOf("/");
  return slash > 1 ? packageName.slice(1, slash) : null;
}

/**
 * Whether the key's scopes allow `action` on the package.
 * @param {readonly string[]} scopes
 * @param {"read" | "write"} action
 * @param {string} packageName
 */
function allows(scopes, action, packageName) {
  const npmScope = npmScopeOf(packageName);
  const actions = action === "read" ? ["read", "write"] : ["write"];
  return scopes.some((scope) => {
    if (scope === "admin:*" || scope === "packages:*") return true;
    return actions.some(
      (granted) =>
        scope === `packages:${granted}` ||
        scope === `packages:${granted}:*` ||
        (npmScope !== null && scope === `packages:${granted}:${npmScope}`),
    );
  });
}

module.exports = { allows, npmScopeOf };

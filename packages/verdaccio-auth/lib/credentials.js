// @ts-check
// The Keysmith key in an npm request: `_authToken` arrives as `Authorization: Bearer <key>`,
// `_auth` (or `npm login` against other registries) as `Basic base64(user:<key>)`.

const KEY_PATTERN = /^ks_(live|test)_(sk|pk)_[A-Za-z0-9]{12}_[A-Za-z0-9]{49}$/;

/** @param {string | undefined} value */
function looksLikeKey(value) {
  return typeof value === "string" && KEY_PATTERN.test(value);
}

/**
 * The key in an Authorization header, or null when there is none or it is not a Keysmith key.
 * @param {string | undefined} authorization
 */
function keyFromAuthorization(authorization) {
  if (!authorization) return null;
  const space = authorization.indexOf(" ");
  if (space < 0) return null;
  const scheme = authorization.slice(0, space).toLowerCase();
  const value = authorization.slice(space + 1).trim();
  if (scheme === "bearer") return looksLikeKey(value) ? value : null;
  if (scheme === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const password = decoded.slice(decoded.indexOf(":") + 1);
    return looksLikeKey(password) ? password : null;
  }
  return null;
}

module.exports = { keyFromAuthorization, looksLikeKey };
